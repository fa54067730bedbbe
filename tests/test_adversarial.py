"""Defects found by trying the plugin as a hostile user would: each case is one regression."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import logging
import os
import re
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import create_site, filled_spec, without_git_info
from htmltree import parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_specs.cli.main import main
from mkdocs_specs.core import suggest
from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.template import TemplateError, load_template, parse_template
from mkdocs_specs.plugin.config import SpecsConfig
from mkdocs_specs.render.specs_json import write
from mkdocs_specs.render.status_summary import status_summary, summary_text

MINIMAL = "# Spec: A\n\n**Status**: Draft\n\n## Notes\n\nText.\n"


def build_in_process(root: Path, dirty: bool = False, **plugin: object) -> None:
    """``mkdocs build`` of the site at ``root`` in this process, with these plugin options."""
    config = load_config(str(root / "mkdocs.yml"), plugins=[{"specs": plugin}])
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def tree_digest(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every file and folder under ``root`` (but ``skip``), by its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b"<dir>"
        found[str(path.relative_to(root))] = hashlib.sha256(data).hexdigest()
    return found


# 1 and 6: the path options are checked after normalising, and stay inside their folder.


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("export", " ../docs/specs/accounts.md", "leads out of it"),
        ("export", " /abs/x.json", "absolute path"),
        ("export", "a/../../x.json", "inside site_dir, got"),
        ("export", ".", "folder"),
        ("export", "sub/", "folder"),
        ("index", " /abs/i.md", "absolute path"),
        ("index", " ../i.md", "inside docs_dir, got"),
        ("index", "specs/index.html", "ending in .md"),
        ("specs_dir", "..", "inside docs_dir, got"),
        ("specs_dir", "../../x", "inside docs_dir, got"),
        ("specs_dir", "/specs", "absolute path"),
        ("specs_dir", " /specs", "absolute path"),
    ],
)
def test_path_options_are_checked_after_normalising(key: str, value: str, expected: str) -> None:
    config = SpecsConfig()
    config.load_dict({key: value})
    errors, _ = config.validate()
    assert [name for name, _ in errors] == [key]
    assert expected in str(errors[0][1])


@pytest.mark.parametrize(
    ("key", "value", "normal"),
    [
        ("specs_dir", "./specs", "specs"),
        ("specs_dir", " specs/ ", "specs"),
        ("specs_dir", ".", ""),
        ("export", " out/specs.json ", "out/specs.json"),
        ("index", "specs/./index.md", "specs/index.md"),
    ],
)
def test_path_options_are_normalised(key: str, value: str, normal: str) -> None:
    config = SpecsConfig()
    config.load_dict({key: value})
    errors, _ = config.validate()
    assert not errors
    assert config[key] == normal


@pytest.mark.parametrize("export", ["specs", "assets", "assets/stylesheets/mkdocs-specs.css"])
def test_export_onto_a_file_or_folder_of_the_site_is_an_error(tmp_path, export, caplog) -> None:
    site = create_site(tmp_path, {"specs/a.md": filled_spec("Alpha")}, theme="mkdocs")
    with pytest.raises(Abort):
        build_in_process(site.root, export=export)
    assert f"Plugin 'specs' option 'export': '{export}' is a " in caplog.text
    assert not (site.site_dir / export).is_file()


def test_export_onto_a_leftover_folder_is_an_error(tmp_path, caplog) -> None:
    site = create_site(tmp_path, {"specs/a.md": filled_spec("Alpha")}, theme="mkdocs")
    (site.site_dir / "old.json").mkdir(parents=True)
    with pytest.raises(Abort):  # --dirty: the folder is not cleaned away first
        build_in_process(site.root, dirty=True, export="old.json")
    assert "Plugin 'specs' option 'export': 'old.json' is a folder" in caplog.text
    assert (site.site_dir / "old.json").is_dir()


_PATH_PIECES = st.text(alphabet=" ./\\a~:-", max_size=10)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sandbox")
    create_site(root / "project", {"specs/a.md": filled_spec("Alpha")}, theme="mkdocs")
    (root / "outside").mkdir()
    (root / "outside" / "keep.txt").write_text("keep", encoding="utf-8")
    return root


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lead=st.sampled_from(["", " ", "  ", "\t"]),
    anchor=st.sampled_from(["", "/", "../", "../../", "docs/", "../docs/specs/", "OUTSIDE/"]),
    export=_PATH_PIECES,
    index=_PATH_PIECES,
)
def test_no_path_option_writes_outside_site_dir_or_into_docs_dir(
    sandbox: Path, lead: str, anchor: str, export: str, index: str
) -> None:
    project = sandbox / "project"
    site_dir = project / "site"
    anchor = anchor.replace("OUTSIDE/", f"{sandbox / 'outside'}/")
    before = tree_digest(sandbox, skip=site_dir)
    options = {"export": f"{lead}{anchor}{export}", "index": f"{lead}{anchor}{index}.md"}
    # Refused with a clear error, or built: either way, nothing is written elsewhere.
    with contextlib.suppress(ConfigurationError, Abort):
        build_in_process(project, fail_on="never", **options)
    assert tree_digest(sandbox, skip=site_dir) == before


# 2: YAML aliases cannot multiply a spec's size.

ALIASED = (
    "---\n"
    f't: &a "{"x" * 10_000}"\n'
    f"status: [{', '.join(['*a'] * 12_000)}]\n"
    "---\n" + filled_spec("Alpha")
)


def test_front_matter_aliases_are_bounded(tmp_path) -> None:
    tracemalloc.start()
    try:
        report = check_sources([Source("a.md", ALIASED)], load_template())
        write(report, {}, tmp_path / "specs.json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    codes = [d.code for d in report.diagnostics]
    assert codes == ["invalid-front-matter"]
    assert "YAML aliases" in report.diagnostics[0].message
    assert peak < 20 * 2**20  # joined, the aliases alone would be 120 MB
    assert (tmp_path / "specs.json").stat().st_size < 100_000


def test_plain_front_matter_is_not_taken_for_aliases() -> None:
    lists = "".join(f"k{n}: [{', '.join(['on'] * 20)}]\nv{n}:\n" for n in range(200))
    text = f"---\n{lists}---\n" + filled_spec("Alpha")
    report = check_sources([Source("a.md", text)], load_template())
    assert report.diagnostics == []


# 3: "did you mean" compares a misspelt name with a few candidates, once per name.


def test_did_you_mean_is_worked_out_once_per_name_from_few_candidates(monkeypatch) -> None:
    compared: list[int] = []
    close_matches = difflib.get_close_matches

    def spy(word, possibilities, n=3, cutoff=0.6):
        compared.append(len(possibilities))
        return close_matches(word, possibilities, n, cutoff)

    monkeypatch.setattr(suggest.difflib, "get_close_matches", spy)
    specs = [
        Source(f"s{n:04}.md", f"# Specification: S{n}\n\n## Data Models\n\n### Record{n}\n")
        for n in range(600)
    ]
    citing = [Source(f"c{n:04}.md", "# C\n\nSee [[Common]] and [[Recrod7]].\n") for n in range(200)]
    report = check_sources(specs + citing, load_template())
    unresolved = [d for d in report.diagnostics if d.code == "unresolved-reference"]
    assert len(unresolved) == 400
    assert len(compared) == 2  # two distinct names
    assert max(compared) <= 20
    hint = next(d.hint for d in unresolved if "Recrod7" in d.message)
    assert hint.startswith('Did you mean "Record7"')


# 4: raw HTML in a Relationships entry stays out of the link's attributes.


def test_raw_html_in_an_unresolved_relationship_stays_escaped(tmp_path) -> None:
    spec = filled_spec("Alpha").replace(
        "## Data Models",
        "## Data Models\n\n### Holder\n\n**Relationships**:\n"
        '- **<abbr title="Customer account">Acct</abbr>**: has many\n',
        1,
    )
    site = create_site(tmp_path, {"specs/a.md": spec}, theme="mkdocs")
    build_in_process(site.root, fail_on="never")
    page = parse(site.html("specs/a/index.html"))
    (span,) = page.find_all("span", cls="spec-ref--unresolved")
    assert span.attrs["title"] == 'No entity is named <abbr title="Customer account">Acct</abbr>'
    assert set(span.attrs) == {"class", "title"}
    assert span.find("abbr").attrs == {"title": "Customer account"}
    assert span.text == "Acct"


# 5: check, given paths, leaves out what the build leaves out.


def test_check_with_paths_leaves_out_excluded_docs(tmp_path, monkeypatch) -> None:
    accounts = filled_spec("Accounts")
    site = create_site(
        tmp_path,
        {"specs/accounts.md": accounts, "specs/aaa-old.md": accounts, "other.md": "# Other\n"},
        extra={"exclude_docs": "specs/aaa-old.md"},
    )
    monkeypatch.chdir(site.root)
    runner = CliRunner()
    for args in (
        [],
        ["docs/specs"],
        ["docs/specs/accounts.md", "docs/specs/aaa-old.md"],
        ["docs/other.md"],
    ):
        result = runner.invoke(main, ["check", *args])
        assert result.exit_code == 0, (args, result.output)
        assert "duplicate-entity" not in result.output
    result = runner.invoke(main, ["check", "docs/specs/aaa-old.md"])
    assert (result.exit_code, without_git_info(result.stderr)) == (
        0,
        "Checked 0 specs: 0 invalid specs, 0 errors.\n",
    )


# 7: see test_export_onto_a_file_or_folder_of_the_site_is_an_error.

# 8: the command line's exit codes: 1 is "problems found", nothing else.


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse such names")
def test_a_file_name_that_is_not_utf8_can_be_written_out(tmp_path) -> None:
    site = create_site(tmp_path, {"specs/a.md": "# Not a spec\n"}, theme="mkdocs")
    os.rename(site.docs / "specs" / "a.md", os.fsencode(site.docs / "specs") + b"/\xff.md")
    for output_format in ("sarif", "json", "github", "text"):
        done = site.check("--format", output_format)  # a real process, with a real stdout
        assert done.returncode == 1, done.stderr
        # U+FFFD as such, as a JSON escape, or in a URI
        assert re.search(r"specs/(\ufffd|\\ufffd|%EF%BF%BD)\.md", done.stdout), done.stdout


def test_a_file_name_that_is_not_utf8_is_named_in_sarif(tmp_path, monkeypatch) -> None:
    site = create_site(tmp_path, {"specs/a.md": "# Not a spec\n"}, theme="mkdocs")
    os.rename(site.docs / "specs" / "a.md", os.fsencode(site.docs / "specs") + b"/\xff.md")
    monkeypatch.chdir(site.root)
    result = CliRunner().invoke(main, ["check", "--format", "sarif"])
    assert result.exit_code == 1, result.output
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(result.stdout)["runs"][0]["results"]
    }
    assert uris == {"docs/specs/%EF%BF%BD.md"}  # U+FFFD, the replacement character


def test_inherit_of_its_own_file_is_a_usage_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("INHERIT: mkdocs.yml\nsite_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in ("check", "status"):
        result = CliRunner().invoke(main, [command])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().count("\n") == 0
        assert "INHERIT" in result.stderr


def test_new_into_a_dangling_link_is_a_usage_error(tmp_path, monkeypatch) -> None:
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "Foo", "--dir", "gone"])
    assert result.exit_code == 2, result.output
    assert "already exists" not in result.stderr
    assert "cannot make the folder gone" in result.stderr


# 9: template edge cases.


@pytest.mark.parametrize(
    ("statuses", "problem"),
    [
        ("Draft | Unknown", 'reads as "unknown"'),
        ("Draft | ???", "no letter or digit"),
        ("Draft | In Review | in-review", "read the same"),
    ],
)
def test_statuses_that_cannot_be_told_apart_are_a_template_error(statuses, problem) -> None:
    with pytest.raises(TemplateError, match=problem):
        parse_template(f"# Spec: [Name]\n\n**Status**: [{statuses}]\n\n## Notes\n", "t.md")


def test_html_in_a_template_status_is_escaped_in_materials_labels(tmp_path) -> None:
    template = '# Spec: [Name]\n\n**Status**: [Draft | <b class="x">Bold</b>]\n\n## Notes\n\nA\n'
    spec = '# Spec: A\n\n**Status**: <b class="x">Bold</b>\n\n## Notes\n\nText.\n'
    site = create_site(tmp_path, {"specs/a.md": spec})
    (site.root / "tpl.md").write_text(template, encoding="utf-8")
    build_in_process(site.root, template="tpl.md")
    page = parse(site.html("index.html"))
    (mark,) = [n for n in page.iter() if "md-status" in n.classes]
    assert mark.attrs["title"] == '<b class="x">Bold</b>'  # text, as the attribute's value
    assert not page.find_all("b")


def test_a_template_with_invalid_front_matter_is_rejected() -> None:
    with pytest.raises(TemplateError, match=r"t\.md:3:1: Front matter is not valid YAML"):
        parse_template("---\nstatus: [open\n---\n# Spec: [Name]\n\n## Notes\n", "t.md")


def test_a_template_that_repeats_a_heading_passes_as_a_copy_of_itself() -> None:
    text = (
        "# T: [N]\n\n## Notes\n\ntext\n\n## Design\n\ntext\n\n## Notes\n\ntext\n\n### Notes\n\nx\n"
    )
    template = parse_template(text, "t.md")
    report = check_sources([Source("a.md", text.replace("[N]", "Alpha"))], template)
    assert report.diagnostics == []


# Lower impact.


def test_a_version_keeps_its_trailing_zero() -> None:
    text = "---\nversion: 1.10\n---\n" + filled_spec("Alpha").replace("**Version**: 1.0\n", "")
    report = check_sources([Source("a.md", text)], load_template())
    assert report.specs[0].document.field_value("version") == "1.10"
    assert report.diagnostics == []


def test_a_mapping_in_front_matter_is_an_invalid_field_not_a_missing_one() -> None:
    text = "---\ncreated: {YYYY-MM-DD when}\n---\n" + filled_spec("Alpha").replace(
        "**Created**: 2026-01-10\n", ""
    )
    report = check_sources([Source("a.md", text)], load_template())
    (problem,) = report.diagnostics
    assert (problem.code, problem.line) == ("invalid-field", 2)
    assert "holds a mapping" in problem.message


def test_status_does_not_pad_every_row_to_the_longest_status() -> None:
    long = "x" * 50_000
    sources = [Source(f"s{n}.md", filled_spec(f"S{n}")) for n in range(20)]
    sources.append(Source("long.md", filled_spec("Long", status=long)))
    text = summary_text(status_summary(check_sources(sources, load_template())))
    assert len(text) < 2 * len(long) + 10_000


def test_status_keeps_its_columns_in_line_whatever_a_title_holds() -> None:
    titles = ("Short", "A title far longer than any column of the table should grow to be wide")
    sources = [Source(f"s{n}.md", filled_spec(title)) for n, title in enumerate(titles)]
    text = summary_text(status_summary(check_sources(sources, load_template())))
    header, *rows = text.split("\n\n", 1)[1].splitlines()
    # Each row's path starts where the header's PATH does.
    assert {row.index("s0.md" if "Short" in row else "s1.md") for row in rows} == {
        header.index("PATH")
    }
    assert "…" in rows[1] and "Short" in rows[0]


def test_status_counts_name_statuses_as_their_rows_do() -> None:
    decision = "---\nstatus: {}\n---\n\n# D\n\n## Context and Problem Statement\n\nA.\n"
    sources = [Source("a.md", decision.format("accepted")), Source("b.md", "# D\n")]
    text = summary_text(status_summary(check_sources(sources, load_template("madr"))))
    labels = [line.rsplit(None, 1)[0].strip() for line in text.split("\n\n")[0].splitlines()]
    # MADR spells its statuses in lower case; the rows (and the index) show them so.
    assert labels[:2] == ["proposed", "accepted"] and labels[-2:] == ["No status", "Total"]
    assert "\naccepted " in text.split("\n\n")[1]


def test_a_dangling_link_among_the_specs_is_reported_not_a_crash(tmp_path, caplog) -> None:
    site = create_site(tmp_path, {"specs/a.md": filled_spec("Alpha")}, theme="mkdocs")
    (site.docs / "specs" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="1 invalid spec"):
        build_in_process(site.root)
    assert "specs/gone.md:1:1: error [unreadable-file] The file cannot be read" in caplog.text
