"""Several types of docs in one site: specs, decisions and RFCs, each with its template and
index, one entity catalogue across them, and relations between docs."""

from __future__ import annotations

import json
import shutil

import markdown
import pytest
from click.testing import CliRunner
from conftest import REPO, create_site, filled_spec
from htmltree import parse
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_specs.cli import main
from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.diagnostics import Diagnostic
from mkdocs_specs.core.relations import file_number, id_prefixes
from mkdocs_specs.core.rules import UNRESOLVED_RELATION_HINT
from mkdocs_specs.core.template import BUNDLED, load_template, parse_template
from mkdocs_specs.plugin.config import SpecsConfig
from mkdocs_specs.plugin.extension import SpecsExtension
from mkdocs_specs.plugin.page import PageContext

TYPES = [
    {"dir": "specs"},
    {"dir": "decisions", "template": "madr", "name": "Decisions"},
    {"dir": "rfcs", "template": "rust-rfc"},
]


def adr(title: str, status: str, body: str = "") -> str:
    return (
        f"---\nstatus: {status}\n---\n\n# {title}\n\n## Context and Problem Statement\n\n"
        f"Why.{body}\n\n## Considered Options\n\n* One\n\n## Decision Outcome\n\nOne.\n"
    )


RFC = (
    "- Feature Name: `x`\n- Start Date: 2026-01-02\n- RFC PR: [#1](https://example.com/1)\n"
    "- Rust Issue: [#2](https://example.com/2)\n\n"
    + "".join(
        f"## {name}\n\nText.\n\n"
        for name in (
            "Summary",
            "Motivation",
            "Guide-level explanation",
            "Reference-level explanation",
            "Drawbacks",
            "Rationale and alternatives",
            "Prior art",
            "Unresolved questions",
            "Future possibilities",
        )
    )
)
PAGES = {
    "specs/orders.md": filled_spec("Orders"),
    "decisions/0001-use-mysql.md": adr("Use MySQL", '"superseded by ADR-0002"'),
    "decisions/0002-use-postgres.md": adr(
        "Use PostgreSQL", "accepted", " It stores every [[OrdersRecord]]."
    ),
    "rfcs/0001-same-day.md": RFC,  # RFC 0001 and ADR 0001 coexist
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("types")
    site = create_site(root, PAGES, theme="mkdocs")
    config = load_config(str(root / "mkdocs.yml"), plugins=[{"specs": {"types": TYPES}}])
    build(config)
    return site


def html(site, page: str):
    return parse(site.html(f"{page}/index.html"))


def test_one_catalogue_spans_the_types(site) -> None:
    decision = html(site, "decisions/0002-use-postgres")
    (link,) = decision.find_all("a", cls="spec-ref")
    assert link.attrs["href"] == "../../specs/orders/#ordersrecord"
    orders = html(site, "specs/orders")
    backlinks = " ".join(n.text for n in orders.find_all(cls="spec-backlinks"))
    assert "Use PostgreSQL" in backlinks


def test_a_relation_links_both_ways_and_the_superseded_doc_has_a_banner(site) -> None:
    old = html(site, "decisions/0001-use-mysql")
    (banner,) = old.find_all(cls="spec-banner--superseded")
    (successor,) = banner.find_all("a", cls="spec-relation")
    assert successor.attrs == {
        "class": "spec-relation",
        "data-relation": "superseded-by",
        "href": "../0002-use-postgres/",
    }
    new = html(site, "decisions/0002-use-postgres")
    (back,) = new.find_all("a", cls="spec-relation")
    assert (back.attrs["data-relation"], back.attrs["href"], back.text) == (
        "supersedes",
        "../0001-use-mysql/",
        "Use MySQL",
    )
    assert not new.find_all(cls="spec-banner")


def test_each_type_has_its_index(site) -> None:
    for folder, titles in (
        ("specs", {"Specification: Orders"}),
        ("decisions", {"Use MySQL", "Use PostgreSQL"}),
        ("rfcs", {"0001-same-day"}),
    ):
        page = html(site, folder)
        rows = {
            row.find("a").text
            for table in page.find_all("table", cls="spec-index-table")
            for row in table.find_all("tr")
            if "data-spec-category" in row.attrs
        }
        assert rows == titles, folder
    # Named in the options, else by their bundled templates.
    titles = [html(site, folder).find("h1").text for folder in ("specs", "decisions", "rfcs")]
    assert titles == ["Specifications", "Decisions", "RFCs"]
    decisions = html(site, "decisions")
    # Decisions and RFCs are not specs: a site of several types counts docs.
    assert decisions.find(cls="spec-index-summary").find("p").text == "2 docs"
    assert decisions.find("h2", id="proposed").next_element().text == "No docs"


def test_a_site_of_several_types_counts_docs_in_its_problems(tmp_path) -> None:
    undecided = adr("Use Redis", "accepted").replace("## Decision Outcome\n\nOne.\n", "")
    pages = {**PAGES, "decisions/0003-use-redis.md": undecided}
    plugin = {"types": TYPES, "show_diagnostics": "always", "git": False}
    site = create_site(tmp_path, pages, plugin=plugin, theme="mkdocs")
    with pytest.raises(Abort, match=r"^Aborted with 1 invalid doc, 1 error\.$"):
        site.build_in_process()
    box = html(site, "decisions/0003-use-redis").find(cls="spec-diagnostics__title")
    assert box.text == "1 error in this doc"
    problems = html(site, "specs/problems")  # in the first type's folder
    assert problems.find(cls="spec-problems__summary").text == "1 invalid doc, 1 error"
    link = html(site, "decisions").find(cls="spec-index-problems-link")
    assert link.text == "Problems: every problem of the site, by doc"


def test_specs_json_gives_each_doc_its_type_and_relations(site) -> None:
    data = json.loads((site.site_dir / "specs.json").read_text("utf-8"))
    by_path = {spec["path"]: spec for spec in data["specs"]}
    assert {path: spec["type"] for path, spec in by_path.items()} == {
        "specs/orders.md": "specs",
        "decisions/0001-use-mysql.md": "decisions",
        "decisions/0002-use-postgres.md": "decisions",
        "rfcs/0001-same-day.md": "rfcs",
    }
    assert by_path["decisions/0001-use-mysql.md"]["relations"] == [
        {
            "relation": "superseded-by",
            "path": "decisions/0002-use-postgres.md",
            "url": "decisions/0002-use-postgres/",
        }
    ]


@pytest.mark.parametrize(
    ("target", "resolves"),
    [
        ("ADR-0002", True),
        ("ADR 2", True),
        ("0002", True),
        ("Use PostgreSQL", True),  # its title
        ("[the new one](0002-use-postgres.md)", True),
        ("ADR-0009", False),
    ],
)
def test_a_relations_target_is_an_id_a_title_or_a_link(target: str, resolves: bool) -> None:
    sources = [
        Source(
            path,
            text.replace('"superseded by ADR-0002"', f'"superseded by {target}"'),
            doc_type=kind,
        )
        for path, text, kind in (
            ("decisions/0001-use-mysql.md", PAGES["decisions/0001-use-mysql.md"], "decisions"),
            ("decisions/0002-use-postgres.md", adr("Use PostgreSQL", "accepted"), "decisions"),
            ("rfcs/0002-other.md", RFC, "rfcs"),  # the same number, of another type: not it
        )
    ]
    templates = {"decisions": load_template("madr"), "rfcs": load_template("rust-rfc")}
    report = check_sources(sources, templates)
    relations = report.relations.get("decisions/0001-use-mysql.md", ())
    if resolves:
        assert [(r.kind, r.path) for r in relations] == [
            ("superseded-by", "decisions/0002-use-postgres.md")
        ]
        assert report.diagnostics == []
    else:
        assert relations == ()
        (problem,) = report.diagnostics
        assert (problem.code, problem.line) == ("unresolved-reference", 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"types": TYPES, "specs_dir": "specs"}, "Give either 'types' or 'specs_dir'"),
        ({"types": [{"dir": "a"}, {"dir": "a/"}]}, "Two types in one folder"),
        ({"types": [{"dir": "a"}, {"dir": "a/b"}]}, "nested folders"),
        ({"types": [{"dir": "a", "templat": "madr"}]}, "did you mean 'template'"),
        (
            {"types": [{"dir": "a", "index": "all.md"}, {"dir": "b", "index": "all.md"}]},
            "Two types' indexes on one page, 'all.md'",
        ),
    ],
)
def test_types_config_errors_are_one_clear_line(options, message: str) -> None:
    config = SpecsConfig()
    config.load_dict(options)
    errors, _ = config.validate()
    assert errors
    assert message in str(errors[0][1])


def test_an_alias_to_nothing_in_the_template_is_a_warning() -> None:
    aliases = {"Options": "Considerd Options", "Background": "Context and Problem Statement"}
    for options, option in (
        ({"types": [{"dir": "decisions", "template": "madr", "aliases": aliases}]}, "types: "),
        ({"template": "madr", "aliases": aliases}, ""),
    ):
        config = SpecsConfig()
        config.load_dict(options)
        errors, warnings = config.validate()
        assert not errors
        assert [(name, str(text)) for name, text in warnings] == [
            (
                f"{option}{'decisions: ' if option else ''}aliases",
                "'Options': 'Considerd Options' is not in the template MADR "
                "(did you mean 'Considered Options'?)",
            )
        ]


@pytest.mark.parametrize(
    ("options", "index"),
    [
        ({}, "specs/index.md"),
        ({"specs_dir": "design"}, "design/index.md"),  # the index goes with the specs
        ({"specs_dir": "design", "index": "all.md"}, "all.md"),
        ({"specs_dir": "design", "index": False}, None),
        ({"types": [{"dir": "adr"}, {"dir": "rfcs", "index": False}]}, "adr/index.md"),
    ],
)
def test_an_index_is_in_its_types_folder_unless_placed(options, index: str | None) -> None:
    config = SpecsConfig()
    config.load_dict(options)
    assert config.validate()[0] == []
    assert config.doc_types()[0].index == index


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({}, "Specifications"),
        ({"template": "nygard"}, "Decisions"),  # a site of ADRs alone has no "Specifications"
        ({"types": [{"dir": "adr", "template": "madr"}]}, "Decisions"),
        ({"types": [{"dir": "rfcs", "template": "rust-rfc"}]}, "RFCs"),
        ({"types": [{"dir": "rfcs", "template": "rust-rfc", "name": "Proposals"}]}, "Proposals"),
        # A team's own template says nothing of its docs' name: the folder's is taken.
        ({"types": [{"dir": "eng/design-docs", "template": "ours.md"}]}, "Design Docs"),
        ({"template": "ours.md"}, "Specs"),
        # The same in the one-type shorthand: a team's own ADR template is not "Specifications".
        ({"specs_dir": "architecture/decisions", "template": "ours.md"}, "Decisions"),
        ({"specs_dir": "", "template": "ours.md"}, None),  # the whole docs_dir has no name
        # A word the folder writes with capitals keeps them.
        ({"specs_dir": "ADR", "template": "ours.md"}, "ADR"),
        ({"types": [{"dir": "team/RFCs", "template": "ours.md"}]}, "RFCs"),
    ],
)
def test_a_types_name_comes_from_its_template_else_its_folder(tmp_path, options, name) -> None:
    (tmp_path / "ours.md").write_text(BUNDLED.read_text("utf-8"), "utf-8")
    config = SpecsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(options)
    assert config.validate()[0] == []
    assert config.doc_types()[0].name == name


def test_a_site_of_decisions_alone_calls_them_decisions(tmp_path, monkeypatch) -> None:
    pages = {
        "decisions/0001-use-mysql.md": adr("Use MySQL", "accepted"),
        "decisions/0002-use-redis.md": "# Use Redis\n\n## Context and Problem Statement\n\nWhy.\n",
    }
    plugin = {
        "specs_dir": "decisions",
        "template": "madr",
        "show_diagnostics": "always",
        "fail_on": "never",
    }
    site = create_site(tmp_path, pages, plugin=plugin, theme="mkdocs")
    site.build_in_process()
    index = html(site, "decisions")
    assert index.find("h1").text == "Decisions"
    assert index.find(cls="spec-index-summary").find("p").text == "2 decisions"
    assert index.find("h2", id="proposed").next_element().text == "No decisions"
    box = html(site, "decisions/0002-use-redis").find(cls="spec-diagnostics__title")
    assert box.text == "2 errors in this decision"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.stderr.splitlines()[-1] == "Checked 2 decisions: 1 invalid decision, 2 errors."


def test_new_writes_the_next_number_of_a_type(tmp_path, monkeypatch) -> None:
    create_site(tmp_path, PAGES, plugin={"types": TYPES})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--type", "decisions", "Use Redis for sessions"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "docs/decisions/0003-use-redis-for-sessions.md"
    check = CliRunner().invoke(main, ["check", "--strict", "docs/decisions"])
    assert "error" not in check.stdout  # placeholder warnings only: it is a draft
    result = CliRunner().invoke(main, ["new", "--type", "memos", "X"])
    assert result.exit_code == 2
    assert "no type of docs named 'memos'" in result.stderr


def test_new_numbers_the_first_madr_decision_and_so_the_next(tmp_path, monkeypatch) -> None:
    create_site(tmp_path, plugin={"specs_dir": "decisions", "template": "madr"})
    monkeypatch.chdir(tmp_path)
    for title, path in (
        ("Use PostgreSQL", "docs/decisions/0001-use-postgresql.md"),
        ("Use Redis", "docs/decisions/0002-use-redis.md"),
    ):
        result = CliRunner().invoke(main, ["new", title])
        assert result.stdout == path + "\n", result.output


def test_new_tells_types_of_one_name_apart_by_their_folder(tmp_path, monkeypatch) -> None:
    # Both are called Decisions, as their bundled templates' docs are: the folder decides.
    types = [{"dir": "adr", "template": "nygard"}, {"dir": "decisions", "template": "madr"}]
    create_site(tmp_path, plugin={"types": types})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--type", "decisions", "Use Redis"])
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "docs/decisions").glob("*.md")
    assert '\nstatus: "proposed"\n' in written.read_text(encoding="utf-8")  # MADR's
    assert not (tmp_path / "docs/adr").exists()
    # Neither folder is named so: which of the two is meant is for the author to say.
    types[1]["dir"] = "madr"
    create_site(tmp_path / "other", plugin={"types": types})
    monkeypatch.chdir(tmp_path / "other")
    result = CliRunner().invoke(main, ["new", "--type", "decisions", "Use Kafka"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 2 types of docs are named 'decisions' (folders adr, madr): give its folder\n"
    )


def test_a_new_rfc_has_its_feature_name_made_from_the_title(tmp_path, monkeypatch) -> None:
    # Its Feature Name asks for an identifier by example (`my_feature`): the title, so written.
    # The RFC template has no statuses, so no draft either: a placeholder left is an error,
    # such as the PR's number, which GitHub gives.
    create_site(tmp_path, PAGES, plugin={"types": TYPES})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--type", "rfcs", "Faster builds (v2)"])
    assert result.stdout.strip() == "docs/rfcs/0002-faster-builds-v2.md"
    text = (tmp_path / "docs/rfcs/0002-faster-builds-v2.md").read_text(encoding="utf-8")
    assert "- Feature Name: `faster_builds_v2`\n" in text
    check = CliRunner().invoke(main, ["check", "--format", "json", "docs/rfcs"])
    assert check.exit_code == 1
    assert {(d["code"], d["severity"]) for d in json.loads(check.stdout)} == {
        ("placeholder", "error")
    }


def test_a_types_rule_levels_win_over_the_sites(tmp_path, monkeypatch) -> None:
    types = [
        {"dir": "specs"},
        {"dir": "decisions", "template": "madr", "rules": {"missing-section": "off"}},
    ]
    pages = {
        "specs/orders.md": filled_spec("Orders").replace("## Deployment", "## Rollout"),
        # No Considered Options nor Decision Outcome: missing, but off for decisions.
        "decisions/0001-x.md": "---\nstatus: accepted\n---\n\n# X\n\n"
        "## Context and Problem Statement\n\nA.\n",
    }
    create_site(tmp_path, pages, plugin={"types": types, "git": False})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    found = {
        (line.split(":")[0], line.split("[")[1].split("]")[0])
        for line in result.stdout.splitlines()
    }
    assert ("docs/specs/orders.md", "missing-section") in found
    assert not {code for path, code in found if path.startswith("docs/decisions/")}
    config = SpecsConfig()
    config.load_dict({"types": [{"dir": "a", "rules": {"missing-sectoin": "off"}}]})
    errors, _ = config.validate()
    assert "did you mean 'missing-section'" in str(errors[0][1])


def test_check_and_status_report_by_type(monkeypatch) -> None:
    monkeypatch.chdir(REPO / "example_site")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-4:] == [
        "  Specifications: 9 docs: 0 invalid docs, 0 errors, 5 warnings",
        "  Decisions: 3 docs: 0 invalid docs, 0 errors",
        "  RFCs: 1 doc: 0 invalid docs, 0 errors",
        "Checked 13 docs: 0 invalid docs, 0 errors, 5 warnings.",
    ]
    result = CliRunner().invoke(main, ["status", "--format", "json"])
    found = json.loads(result.stdout)["types"]
    assert [(t["type"], t["name"], t["total"]) for t in found] == [
        ("specs", "Specifications", 9),
        ("decisions", "Decisions", 3),
        ("rfcs", "RFCs", 1),
    ]
    assert found[1]["counts"] == {
        "proposed": 0,
        "rejected": 0,
        "accepted": 2,
        "deprecated": 0,
        "superseded by": 1,
    }


def test_a_type_with_no_folder_yet_is_a_type_with_no_docs(tmp_path, monkeypatch) -> None:
    # The RFCs are listed first and have no folder yet: the decisions are still checked.
    types = [{"dir": "rfcs", "template": "rust-rfc"}, {"dir": "decisions", "template": "madr"}]
    site = create_site(
        tmp_path, {"decisions/0001-x.md": adr("X", "accepted")}, plugin={"types": types}
    )
    built = site.build()
    assert "INFO    -  mkdocs_specs: docs/rfcs does not exist yet: no docs in it" in built.stderr
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-3:] == [
        "  RFCs: no docs",
        "  Decisions: 1 doc: 0 invalid docs, 0 errors",
        "Checked 1 doc: 0 invalid docs, 0 errors.",
    ]
    found = json.loads(CliRunner().invoke(main, ["status", "--format", "json"]).stdout)
    assert [(t["name"], t["total"]) for t in found["types"]] == [("RFCs", 0), ("Decisions", 1)]
    # Named PATHs leave out the types they do not name.
    named = CliRunner().invoke(main, ["check", "docs/decisions"])
    assert "RFCs" not in named.stderr
    # No type's folder at all, as on a new site: nothing to check, and each folder is named
    # (as a misnamed one looks the same).
    shutil.rmtree(tmp_path / "docs" / "decisions")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        "Info: docs/rfcs does not exist yet: no docs in it",
        "Info: docs/decisions does not exist yet: no docs in it",
    ]


def test_a_doc_named_on_the_command_line_is_checked_as_its_type(tmp_path, monkeypatch) -> None:
    # The decision is a link to a file kept outside the docs: named or not, it is a decision.
    pages = {"specs/orders.md": filled_spec("Orders")}
    create_site(tmp_path, pages, plugin={"types": TYPES, "git": False})
    kept = tmp_path / "kept" / "0001-x.md"
    kept.parent.mkdir()
    kept.write_text(adr("X", "accepted"), encoding="utf-8")
    (tmp_path / "docs" / "decisions").mkdir()
    (tmp_path / "docs" / "decisions" / "0001-x.md").symlink_to(kept)
    monkeypatch.chdir(tmp_path)
    for named in ([], ["docs/decisions/0001-x.md"], ["docs/decisions"]):
        result = CliRunner().invoke(main, ["check", *named])
        assert result.exit_code == 0, result.output
        assert "Decisions: 1 doc: 0 invalid docs, 0 errors" in result.stderr


def resolved(
    pages: dict[str, str], types: tuple[str, ...] = ("decisions", "rfcs"), **options
) -> tuple[dict[str, list[str]], list[str]]:
    """A site of decisions and RFCs (or of ``types`` of them) checked in process, each page's
    type its folder: the targets of each doc's written relations ("kind path"), and the
    messages of the problems."""
    bundled = {"decisions": load_template("madr"), "rfcs": load_template("rust-rfc")}
    templates = {kind: bundled[kind] for kind in types}
    sources = [Source(path, text, doc_type=path.split("/")[0]) for path, text in pages.items()]
    report = check_sources(sources, templates, **options)
    written = {
        path: [f"{r.kind} {r.path}" for r in relations if r.kind in ("superseded-by", "amends")]
        for path, relations in report.relations.items()
    }
    return {path: found for path, found in written.items() if found}, [
        d.message for d in report.diagnostics
    ]


def assert_superseded(pages: dict[str, str], writer: str, expected: str | None) -> None:
    """``writer`` is superseded by the doc at ``expected``; with None, it names no doc."""
    relations, problems = resolved(pages)
    if expected is None:
        assert (relations, len(problems)) == ({}, 1)
    else:
        assert (relations, problems) == ({writer: [f"superseded-by {expected}"]}, [])


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Use OAuth 2", "decisions/0005-use-oauth-2.md"),  # a title, not id 2
        ("use oauth 2", "decisions/0005-use-oauth-2.md"),
        ("0005-use-oauth-2", "decisions/0005-use-oauth-2.md"),  # its stem
        ("ADR 2", "decisions/0002-use-saml.md"),
        ("ADR 2.", "decisions/0002-use-saml.md"),  # a sentence's full stop
        # A link to no doc: its text counts as a title, never by the number in it.
        ("[Use OAuth 2](0099-missing.md)", "decisions/0005-use-oauth-2.md"),
        ("[ADR-0002](0099-missing.md)", None),
        ("Use OAuth 2 soon", None),
    ],
)
def test_a_title_holding_a_number_is_that_title(target: str, expected: str | None) -> None:
    pages = {
        "decisions/0002-use-saml.md": adr("Use SAML", "accepted"),
        "decisions/0003-c.md": adr("C", f'"superseded by {target}"'),
        "decisions/0005-use-oauth-2.md": adr("Use OAuth 2", "accepted"),
    }
    assert_superseded(pages, "decisions/0003-c.md", expected)


@pytest.mark.parametrize(
    "title", ["ADR-0005: Use Connect", "5. Use Connect", "ADR 5 - Use Connect"]
)
def test_a_relation_names_a_doc_by_its_title_without_the_id_it_opens_with(title: str) -> None:
    pages = {
        "decisions/0003-c.md": adr("C", '"superseded by Use Connect"'),
        "decisions/0005-use-connect.md": adr(title, "accepted"),
    }
    assert_superseded(pages, "decisions/0003-c.md", "decisions/0005-use-connect.md")
    # A doc whose title is those words exactly is the one they name.
    pages["decisions/0004-use-connect-again.md"] = adr("Use Connect", "accepted")
    assert_superseded(pages, "decisions/0003-c.md", "decisions/0004-use-connect-again.md")


def test_a_colon_after_a_relations_words_is_still_the_relation() -> None:
    pages = {
        "decisions/0002-b.md": adr("B", "accepted"),
        "decisions/0003-c.md": adr("C", '"superseded by: ADR-0002"'),
    }
    assert_superseded(pages, "decisions/0003-c.md", "decisions/0002-b.md")
    pages["decisions/0003-c.md"] = adr("C", '"superseded by: ADR-0999"')
    assert_superseded(pages, "decisions/0003-c.md", None)


def rfc(status: str) -> str:
    """An RFC that writes a relation in a field of its own."""
    return RFC.replace("- Rust Issue", f"- Status: {status}\n- Rust Issue")


@pytest.mark.parametrize(
    ("writer", "target", "expected"),
    [
        ("decisions", "ADR-0001", "decisions/0001-a.md"),
        ("decisions", "0001", "decisions/0001-a.md"),  # its own type
        ("decisions", "Decision 1", "decisions/0001-a.md"),
        ("decisions", "RFC-0001", "rfcs/0001-a.md"),  # a prefix that names another type
        ("decisions", "RFCs 1", "rfcs/0001-a.md"),
        ("decisions", "rfc#1", "rfcs/0001-a.md"),
        ("rfcs", "ADR-0001", "decisions/0001-a.md"),
        ("rfcs", "decisions-0001", "decisions/0001-a.md"),  # its folder
        ("rfcs", "#1", "rfcs/0001-a.md"),
        ("decisions", "ADR-0042", None),  # no ADR 42, though RFC 42 exists
        ("decisions", "0042", None),
        ("decisions", "XYZ-0001", None),  # names no type: no guess among them
        ("decisions", "ADR-0001: Store orders", "decisions/0001-a.md"),  # its title after it
        ("decisions", "ADR-0001 (Store orders)", "decisions/0001-a.md"),
        ("decisions", "ADR-0001 - Store orders", "decisions/0001-a.md"),
        ("decisions", "Phase 1 rollout", None),  # a title's words and number, no id
        ("decisions", "ADR-0042: Store orders", None),  # still not an RFC's
    ],
)
def test_an_id_names_a_doc_of_its_writers_type_unless_its_prefix_names_another(
    writer: str, target: str, expected: str | None
) -> None:
    written = (
        adr("W", f'"superseded by {target}"')
        if writer == "decisions"
        else rfc(f"superseded by {target}")
    )
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        f"{writer}/0004-w.md": written,
        "rfcs/0001-a.md": RFC,
        "rfcs/0042-b.md": RFC,
    }
    assert_superseded(pages, f"{writer}/0004-w.md", expected)


def test_a_types_configured_name_and_its_initials_name_it() -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-b.md": adr("B", '"superseded by Choice 1"'),
        "rfcs/0001-a.md": RFC,
    }
    expected = {"decisions/0002-b.md": ["superseded-by decisions/0001-a.md"]}
    assert resolved(pages, type_names={"decisions": "Choices"}) == (expected, [])
    # The initials of a name of several words name the type too: a team's own ADRs.
    team = parse_template("# [Title]\n\n## Status\n\n[Status]\n\n## Context\n", "adr.md")
    assert "adr" in id_prefixes("decisions", team, "Architecture Decision Records")
    assert "rfc" in id_prefixes("proposals", team, "Requests For Comments")
    # Where decisions are the site's only type, a team's own prefix can mean nothing else.
    pages = {"decisions/0001-a.md": adr("A", "accepted")}
    pages["decisions/0002-b.md"] = adr("B", '"superseded by XYZ-0001"')
    assert resolved(pages, types=("decisions",)) == (expected, [])
    # Beside other types, it is said what would name it.
    pages["rfcs/0001-a.md"] = RFC
    _, problems = resolved(pages)
    assert problems == ['Relation "superseded by": XYZ-0001 names no known doc']


def test_a_types_own_template_names_its_ids_as_its_examples_write_them() -> None:
    # A team's copy of MADR, not the bundled one: its status writes `superseded by ADR-0123`.
    own = parse_template((BUNDLED.parent / "madr.md").read_text(encoding="utf-8"), "adr.md")
    pages = {
        "decisions/0002-b.md": adr("B", '"superseded by ADR-0005"'),
        "decisions/0005-e.md": adr("E", "accepted"),
        "rfcs/0005-e.md": RFC,
    }
    sources = [Source(path, text, doc_type=path.split("/")[0]) for path, text in pages.items()]
    report = check_sources(sources, {"decisions": own, "rfcs": load_template("rust-rfc")})
    assert [d.message for d in report.diagnostics if d.code == "unresolved-reference"] == []
    assert report.relations["decisions/0002-b.md"][0].path == "decisions/0005-e.md"
    # An id its title opens with, by example (Kubernetes' KEPs), names the type too.
    kep = parse_template("# KEP-NNNN: [Title]\n\n## Summary\n\n[Summary]\n", "kep.md")
    assert "kep" in id_prefixes("enhancements", kep)
    # So do the initials of its folder's words, whatever name the type is given.
    assert "adr" in id_prefixes("architecture-decision-records", kep, "Decisions")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("[x](<0003-b.md>)", "decisions/0003-b.md"),  # a destination in angle brackets
        ("[x](0003-b.md#why 'B')", "decisions/0003-b.md"),  # a fragment and a title
        ("[x](0012-k%20l.md)", "decisions/0012-k l.md"),  # percent-encoded
        ("[x](<0012-k l.md>)", "decisions/0012-k l.md"),
        ("[x][ref]", "decisions/0003-b.md"),  # by reference, defined in the doc
        ("[x][]", "decisions/0003-b.md"),
        ("[The  B]", "decisions/0003-b.md"),  # labels match without case or spacing
        ("[x][undefined]", None),  # no link, and no doc's title or id
        ("[ADR-0003]", "decisions/0003-b.md"),  # no link: the id in brackets
    ],
)
def test_a_relations_markdown_link_may_take_any_form_markdown_gives_it(
    target: str, expected: str | None
) -> None:
    definitions = "\n\n[ref]: 0003-b.md\n[x]: <0003-b.md>\n[the b]: 0003-b.md 'The B'"
    pages = {
        "decisions/0001-a.md": adr("A", f'"superseded by {target}"', definitions),
        "decisions/0003-b.md": adr("B", "accepted"),
        "decisions/0012-k l.md": adr("K", "accepted"),
    }
    assert_superseded(pages, "decisions/0001-a.md", expected)


def problems_of(pages: dict[str, str]) -> list[tuple[str, str, str | None]]:
    sources = [Source(path, text, doc_type="decisions") for path, text in pages.items()]
    report = check_sources(sources, {"decisions": load_template("madr")})
    return [(d.code, d.message, d.hint) for d in report.diagnostics]


@pytest.mark.parametrize(
    ("status", "message", "hint"),
    [
        (
            "superseded by ADR-0099",
            'Relation "superseded by": ADR-0099 names no known doc',
            UNRESOLVED_RELATION_HINT,
        ),
        (
            "superseded by ADR-9",
            'Relation "superseded by": ADR-9 names this doc itself',
            "Name the doc it is superseded by, not this one.",
        ),
        (
            "amends I",  # its own title
            'Relation "amends": I names this doc itself',
            "Name the doc it amends, not this one.",
        ),
        (
            "superseded by ADR-0006",  # two docs of the number: no guess between them
            'Relation "superseded by": ADR-0006 names 2 docs: '
            "decisions/0006-x.md and decisions/0006-y.md",
            "Link to the one it means, as [X](0006-x.md).",
        ),
        (
            "superseded by Y",  # a title, of one of them
            'Relation "superseded by": Y names 2 docs: decisions/0006-y.md and decisions/0007-y.md',
            "Link to the one it means, as [Y](0006-y.md).",
        ),
        ("superseded by [Y](0007-y.md)", None, None),  # a link says which
    ],
)
def test_a_relation_naming_no_doc_itself_or_two_says_so(
    status: str, message: str | None, hint: str | None
) -> None:
    pages = {
        "decisions/0006-x.md": adr("X", "accepted"),
        "decisions/0006-y.md": adr("Y", "accepted"),
        "decisions/0007-y.md": adr("Y", "accepted"),
        "decisions/0009-i.md": adr("I", f'"{status}"'),
    }
    expected = [("unresolved-reference", message, hint)] if message else []
    assert problems_of(pages) == expected


def test_the_banner_names_every_doc_a_doc_is_superseded_by() -> None:
    pages = {
        "decisions/0006-use-vault.md": adr("Use Vault", '"superseded by ADR 7, ADR 8"'),
        "decisions/0007-use-sops.md": adr("Use SOPS", "accepted"),
        "decisions/0008-use-kms.md": adr("Use KMS", "accepted"),
    }
    sources = [Source(path, text, doc_type="decisions") for path, text in pages.items()]
    report = check_sources(sources, {"decisions": load_template("madr")})
    path = "decisions/0006-use-vault.md"
    spec = report.spec(path)
    assert spec is not None
    page = PageContext(
        spec, False, template=report.template_of("decisions"), relations=report.relations[path]
    )
    converted = markdown.Markdown(extensions=["toc", SpecsExtension(lambda: page)])
    (banner,) = parse(converted.convert(pages[path])).find_all(cls="spec-banner--superseded")
    assert banner.text == "This document is superseded by Use SOPS and Use KMS."
    assert [a.attrs["href"] for a in banner.find_all("a")] == [
        "decisions/0007-use-sops.md",
        "decisions/0008-use-kms.md",
    ]


@pytest.mark.parametrize(
    ("target", "expected", "problems"),
    [
        ("ADR-0003, ADR-0001", ["decisions/0003-c.md", "decisions/0001-a.md"], []),
        ("ADR-0003 and ADR-0001", ["decisions/0003-c.md", "decisions/0001-a.md"], []),
        ("ADR 3, and 1", ["decisions/0003-c.md", "decisions/0001-a.md"], []),
        ("[C](0003-c.md), [A](0001-a.md)", ["decisions/0003-c.md", "decisions/0001-a.md"], []),
        ("Use A, B and C", ["decisions/0004-abc.md"], []),  # a title that holds a comma
        ("ADR-0003 and A", ["decisions/0003-c.md", "decisions/0001-a.md"], []),  # ids and titles
        ("A, C", ["decisions/0001-a.md", "decisions/0003-c.md"], []),
        ('\\"Use A, B and C\\"', ["decisions/0004-abc.md"], []),  # a title in quotes
        (
            "A and Z",
            ["decisions/0001-a.md"],
            ['Relation "superseded by": Z names no known doc'],
        ),
        (
            "ADR-0003, ADR-0099",
            ["decisions/0003-c.md"],
            ['Relation "superseded by": ADR-0099 names no known doc'],
        ),
    ],
)
def test_a_relation_may_name_several_docs(
    target: str, expected: list[str], problems: list[str]
) -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-w.md": adr("W", f'"superseded by {target}"'),
        "decisions/0003-c.md": adr("C", "accepted"),
        "decisions/0004-abc.md": adr("Use A, B and C", "accepted"),
    }
    relations = [f"superseded-by {path}" for path in expected]
    assert resolved(pages) == ({"decisions/0002-w.md": relations}, problems)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("0005-use-x.md", 5),
        ("ADR-0013-use-x.md", 13),  # a short word and a dash before it
        ("adr_0007.md", 7),
        ("2024-01-15-use-x.md", None),  # a date: its year is no number of the doc's
        ("2024-1-5-use-x.md", None),
        ("oauth2-flow.md", None),  # a word's digits
        ("phase-2-rollout.md", None),  # a title's number, where an id's has three digits
        ("http-2-support.md", None),
        ("use-x.md", None),
    ],
)
def test_a_files_number_is_the_one_it_starts_with(name: str, number: int | None) -> None:
    assert file_number(name) == number
    pages = {
        f"decisions/{name}": adr("X", "accepted"),
        "decisions/0099-y.md": adr("Y", f'"superseded by ADR-{number or 2024}"'),
    }
    relations, problems = resolved(pages)
    if number is None:
        assert (relations, problems) == (
            {},
            ['Relation "superseded by": ADR-2024 names no known doc'],
        )
    else:
        assert (relations, problems) == (
            {"decisions/0099-y.md": [f"superseded-by decisions/{name}"]},
            [],
        )


def test_new_numbers_after_the_docs_in_sub_folders_too(tmp_path, monkeypatch) -> None:
    pages = {
        "decisions/2023/0001-use-mysql.md": adr("Use MySQL", "accepted"),
        "decisions/2023/0002-use-kafka.md": adr("Use Kafka", '"superseded by ADR-0001"'),
    }
    create_site(tmp_path, pages, plugin={"types": TYPES, "git": False})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "--type", "decisions", "Use PostgreSQL"])
    assert result.stdout == "docs/decisions/0003-use-postgresql.md\n", result.output
    assert CliRunner().invoke(main, ["check", "docs/decisions/2023"]).exit_code == 0


@pytest.mark.parametrize("words", ["Superseded-by", "superseded_by", "SUPERSEDED BY"])
def test_a_relations_words_may_be_joined_as_in_a_key(words: str) -> None:
    pages = {
        "decisions/0001-a.md": adr("A", f'"{words} ADR-0002"'),
        "decisions/0002-b.md": adr("B", "accepted"),
    }
    assert resolved(pages) == ({"decisions/0001-a.md": ["superseded-by decisions/0002-b.md"]}, [])
    # The badge and the index take the template's status, as for "superseded by".
    assert load_template("madr").canonical_status(f"{words} ADR-0002") == "superseded by"


def the_problem(pages: dict[str, str]) -> Diagnostic:
    """The one problem of a site of MADR decisions."""
    sources = [Source(path, text, doc_type="decisions") for path, text in pages.items()]
    (problem,) = check_sources(sources, {"decisions": load_template("madr")}).diagnostics
    return problem


def test_a_relation_that_names_no_doc_at_all_is_reported() -> None:
    # YAML reads ` #2` as a comment: the status is left as the words alone.
    problem = the_problem(
        {
            "decisions/0001-a.md": adr("A", "superseded by #2"),
            "decisions/0002-b.md": adr("B", "accepted"),
        }
    )
    assert (problem.path, problem.line, problem.code) == (
        "decisions/0001-a.md",
        2,
        "unresolved-reference",
    )
    assert problem.message == 'Relation "superseded by" names no doc'
    assert 'quote the value ("superseded by #5")' in problem.hint


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("supersedes", "ADR-0001", {"decisions/0001-a.md": ["superseded-by decisions/0002-b.md"]}),
        (
            "superseded_by",
            "ADR-0001",
            {"decisions/0002-b.md": ["superseded-by decisions/0001-a.md"]},
        ),
        (
            "Superseded-By",
            "[A](0001-a.md)",
            {"decisions/0002-b.md": ["superseded-by decisions/0001-a.md"]},
        ),
        ("supersedes", "N/A", {}),  # none yet
        ("supersedes", "", {}),
    ],
)
def test_a_field_named_for_a_relation_is_that_relation(key: str, value: str, expected) -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-b.md": adr("B", f"accepted\n{key}: {value!r}"),
    }
    assert resolved(pages) == (expected, [])


def test_another_field_names_a_doc_by_id_or_link_and_is_prose_otherwise() -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-b.md": adr("B", "accepted\nrelated: amends ADR-0001"),
        "decisions/0003-c.md": adr("C", "accepted\nconsulted: Amends team"),
        "decisions/0004-d.md": adr("D", "accepted\nnotes: Supersedes the old signup flow"),
    }
    assert resolved(pages) == ({"decisions/0002-b.md": ["amends decisions/0001-a.md"]}, [])


def test_a_relation_that_names_no_doc_is_reported_at_that_target() -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-b.md": adr("B", "superseded by ADR-0001, ADR-0099"),
    }
    problem = the_problem(pages)
    line = pages["decisions/0002-b.md"].splitlines()[problem.line - 1]
    assert line[problem.column - 1 :] == "ADR-0099"


def test_a_relation_in_a_yaml_list_is_reported_within_its_fields_line() -> None:
    pages = {
        "decisions/0001-a.md": adr("A", "accepted"),
        "decisions/0002-b.md": adr("B", "accepted\nsupersedes:\n  - ADR-0009"),
    }
    problem = the_problem(pages)
    line = pages["decisions/0002-b.md"].splitlines()[problem.line - 1]
    assert line == "supersedes:" and problem.column <= len(line) + 1
