"""Real teams' templates with real documents written from them (``../shared/corpora``).

Each corpus is checked with its own template file and, where the plugin bundles that
convention, with the bundled name: every error that remains is listed below with why it is a
real deviation, so a new false error fails, and so does a true one that goes missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import create_site, shared
from htmltree import parse
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_specs.cli import main
from mkdocs_specs.core.check import Source, check_sources, read_source
from mkdocs_specs.core.scaffold import ScaffoldError, new_spec, template_text
from mkdocs_specs.core.template import load_template, parse_template

CORPORA = shared("corpora")
BUNDLED = {"madr": "madr", "nygard": "nygard", "rust-rfc": "rust-rfc", "kep": None}

_RUST_TODAY = "written before the template asked for it"
# (file, line, code): the errors that stay, each a real deviation from today's template.
ERRORS: dict[str, list[tuple[str, int, str]]] = {
    "madr": [],  # every section and metadata element beyond these four is optional
    "nygard": [],
    "rust-rfc": [
        ("2116-alloc-me-maybe.md", 543, "missing-section"),  # Prior art: _RUST_TODAY
        ("2116-alloc-me-maybe.md", 547, "missing-section"),  # Future possibilities: same
        ("2298-macro-at-most-once-rep.md", 167, "missing-section"),  # Prior art: same
        ("2298-macro-at-most-once-rep.md", 169, "missing-section"),  # Future possibilities
        ("2412-optimize-attr.md", 173, "missing-section"),  # Future possibilities: same
        ("2570-linked-list-cursors.md", 326, "missing-section"),  # Future possibilities
        # Four sections written as ### under Reference-level explanation: each is reported at
        # its heading, with the level the template gives it.
        *[
            ("3013-conditional-compilation-checking.md", line, "missing-section")
            for line in (516, 545, 561, 571)
        ],
        # A policy RFC: no guide- or reference-level explanation, nor the rest.
        *[("3392-leadership-council.md", 665, "missing-section")] * 7,
        # "- Tracking Issue:" where the template has "- Rust Issue:" (the hint says the alias)
        ("3535-constants-in-patterns.md", 1, "missing-field"),
        # Project goals: a Motivation, a Guide-level explanation, and nothing else.
        *[("3672-Project-Goals-2024h2.md", 518, "missing-section")] * 6,
        ("3875-build-std-explicit-dependencies.md", 1, "missing-field"),  # Tracking Issue too
        # "## Proposal" stands where the guide- and reference-level explanations belong,
        # and there is no Drawbacks section.
        *[("3875-build-std-explicit-dependencies.md", 760, "missing-section")] * 3,
    ],
    "kep": [
        # An early KEP: Summary then Design, no Motivation, Proposal or Design Details.
        *[("177-volume-snapshot.md", 274, "missing-section")] * 3,
        ("3031-signing-release-artifacts.md", 201, "missing-section"),  # no Design Details
        ("4326-downgrade.md", 1, "missing-title"),  # it opens with its table of contents
        # No Release Signoff Checklist or Summary before its Motivation, no Risks and
        # Mitigations under Proposal, and four sections missing at the end.
        *[("4326-downgrade.md", 29, "missing-section")] * 2,
        ("4326-downgrade.md", 58, "missing-section"),
        *[("4326-downgrade.md", 129, "missing-section")] * 4,
        # The unit tests' coverage line left as the template writes it by example:
        # `<package>`: `<date>` - `<test coverage>`.
        *[("4974-deprecate-endpoints.md", 345, "placeholder")] * 3,
        ("95-custom-resource-definitions.md", 1, "title-mismatch"),  # no "KEP-95:" prefix
        # Written before the checklist, Risks and Mitigations, Design Details, the
        # production readiness questionnaire, Drawbacks and Alternatives.
        ("95-custom-resource-definitions.md", 27, "missing-section"),
        ("95-custom-resource-definitions.md", 54, "missing-section"),
        *[("95-custom-resource-definitions.md", 273, "missing-section")] * 4,
    ],
}
SOURCES = [
    (corpus, source)
    for corpus, bundled in BUNDLED.items()
    for source in ("template.md", bundled)
    if source is not None
]


def corpus_docs(corpus: str) -> list[Path]:
    found = sorted((CORPORA / corpus / "docs").glob("*.md"))
    if not found:
        pytest.fail(f"../shared/corpora/{corpus} is missing (see ../shared/corpora/README.md)")
    return found


def template_file(corpus: str, source: str) -> str:
    """The corpus's own template file, or the bundled template's name."""
    return str(CORPORA / corpus / source) if source == "template.md" else source


def template_of(corpus: str, source: str):
    return load_template(template_file(corpus, source))


@pytest.mark.parametrize(("corpus", "source"), SOURCES)
def test_every_error_left_is_a_real_deviation(corpus: str, source: str) -> None:
    docs = corpus_docs(corpus)
    report = check_sources([read_source(p, p.name) for p in docs], template_of(corpus, source))
    found = [(d.path, d.line, d.code) for d in report.diagnostics if d.is_error]
    assert found == ERRORS[corpus]


@pytest.mark.parametrize(("corpus", "source"), SOURCES)
def test_the_untouched_template_fails_as_a_doc(corpus: str, source: str) -> None:
    text = template_text(template_file(corpus, source))
    report = check_sources([Source("template.md", text)], template_of(corpus, source))
    assert report.specs[0].errors > 0


@pytest.mark.parametrize(("corpus", "source"), SOURCES)
def test_a_new_doc_fails_only_on_what_is_left_to_write(corpus: str, source: str) -> None:
    """`mkdocs-specs new`'s doc: its title and numbers fit; left are placeholders only."""
    template = template_of(corpus, source)
    text = template_text(template_file(corpus, source))
    doc = new_spec(template, text, "Use a queue for events", number=42)
    report = check_sources([Source(doc.file_name, doc.text)], template)
    assert {d.code for d in report.diagnostics if d.is_error} <= {"placeholder"}
    assert not [d for d in report.diagnostics if d.code in ("title-mismatch", "missing-title")]


@pytest.mark.parametrize(("corpus", "source"), [("nygard", "template.md"), ("nygard", "nygard")])
def test_a_new_doc_whose_title_has_its_number_takes_it(corpus: str, source: str) -> None:
    template = template_of(corpus, source)
    text = template_text(template_file(corpus, source))
    taken = set(range(1, 10))
    doc = new_spec(template, text, "12.  Use Redis", number=10, numbered=True, taken=taken)
    assert (doc.file_name, doc.title) == ("0012-use-redis.md", "12. Use Redis")
    with pytest.raises(ScaffoldError) as raised:
        new_spec(template, text, "5. Use Redis", number=10, numbered=True, taken=taken)
    assert str(raised.value) == (
        "5 is another doc's number: leave it out of the title to take the next free one, 10"
    )


@pytest.mark.parametrize("source", ["template.md", "rust-rfc"])
def test_a_new_rfc_leaves_the_numbers_others_assign_to_write(source: str) -> None:
    """The RFC's PR and its tracking issue get their numbers later, from GitHub: the next
    file number written in their links would point at unrelated ones."""
    template = template_of("rust-rfc", source)
    text = template_text(template_file("rust-rfc", source))
    doc = new_spec(template, text, "Faster pickups", number=2, numbered=True)
    assert doc.file_name == "0002-faster-pickups.md"
    links = [line for line in text.splitlines() if "#0000](" in line]
    assert [line.split(":")[0] for line in links] == ["- RFC PR", "- Rust Issue"]
    assert all(line in doc.text.splitlines() for line in links)
    # check lists them, as it does every placeholder left to write.
    lines = [n for n, line in enumerate(doc.text.splitlines(), 1) if line in links]
    report = check_sources([Source(doc.file_name, doc.text)], template)
    left = {d.line for d in report.diagnostics if d.message == "Placeholder 0000 is not filled in"}
    assert left == set(lines)


def test_a_new_adr_takes_its_status_in_a_status_section_that_lists_none() -> None:
    """adr-tools' `## Status` holds the token STATUS: any status goes there, and only one
    given, as the template implies none; left, it is a placeholder that check lists."""
    template = template_of("nygard", "template.md")
    text = template_text(template_file("nygard", "template.md"))
    doc = new_spec(template, text, "Use Redis", status="Proposed")
    assert "\n## Status\n\nProposed\n" in doc.text
    assert doc.status == "Proposed"
    assert check_sources([Source(doc.file_name, doc.text)], template).diagnostics == []
    left = new_spec(template, text, "Use Redis")
    assert "\n## Status\n\nSTATUS\n" in left.text
    report = check_sources([Source(left.file_name, left.text)], template)
    assert [d.message for d in report.diagnostics] == ["Placeholder STATUS is not filled in"]
    with pytest.raises(ScaffoldError, match="the status is empty"):
        new_spec(template, text, "Use Redis", status=" ")
    # A relation keeps the doc it names, its words spelt as the template spells them.
    amends = new_spec(template, text, "Use Redis", status="Amended by ADR-0001")
    assert "\n## Status\n\nAmended by ADR-0001\n" in amends.text
    madr = load_template("madr")
    madr_text = template_text("madr")
    for given, written in (
        ("amended by ADR-0001", '"amended by ADR-0001"'),
        ("Superseded by ADR-0002", '"superseded by ADR-0002"'),
    ):
        assert f"status: {written}" in new_spec(madr, madr_text, "Use Redis", given).text
    # A listed status that reads as a relation, without a target of its own, stays as listed.
    listed = parse_template(
        "# [T]\n\n**Status**: [Draft | Superseded by a later ADR]\n\n## A\n", "t.md"
    )
    text = "# [T]\n\n**Status**: [Draft | Superseded by a later ADR]\n\n## A\n"
    doc = new_spec(listed, text, "T", "superseded by a later ADR")
    assert "**Status**: Superseded by a later ADR\n" in doc.text


@pytest.fixture(scope="module")
def built_corpora(tmp_path_factory) -> dict[str, Path]:
    """Each corpus built by MkDocs with its own template, as a site's `decisions/` folder."""
    sites = {}
    for corpus in BUNDLED:
        root = tmp_path_factory.mktemp(corpus)
        site = create_site(root, theme="mkdocs")
        shutil.copytree(CORPORA / corpus / "docs", site.docs / "decisions")
        shutil.copy(CORPORA / corpus / "template.md", root / "template.md")
        plugin = {"specs_dir": "decisions", "index": "decisions/index.md", "fail_on": "never"}
        config = load_config(
            str(root / "mkdocs.yml"), plugins=[{"specs": {**plugin, "template": "template.md"}}]
        )
        build(config)
        config.plugins.on_shutdown()
        sites[corpus] = site.site_dir
    return sites


@pytest.mark.parametrize("corpus", list(BUNDLED))
def test_every_corpus_builds_with_an_index_of_its_docs(built_corpora, corpus: str) -> None:
    index = parse((built_corpora[corpus] / "decisions/index.html").read_text("utf-8"))
    links = {a.attrs["href"] for a in index.find_all("a") if a.attrs.get("href", "").endswith("/")}
    assert len([link for link in links if not link.startswith("#")]) >= len(corpus_docs(corpus))


def badge_of(site: Path, page: str):
    """The page's status badge, or None."""
    found = parse((site / page / "index.html").read_text("utf-8")).find_all(cls="spec-badge")
    return found[0] if found else None


def test_an_accepted_adr_gets_the_accepted_colours(built_corpora) -> None:
    """Nygard's ADRs keep their status as the Status section's text."""
    badge = badge_of(built_corpora["nygard"], "decisions/0001-record-architecture-decisions")
    assert badge.attrs["data-spec-status"] == "Accepted"
    assert "spec-badge--cat-accepted" in badge.classes


@pytest.mark.parametrize(
    ("status", "shown", "classes"),
    [
        ("accepted", "accepted", {"spec-badge--accepted", "spec-badge--cat-accepted"}),
        (
            '"superseded by [ADR-0005](0005-use-postgres.md)"',
            "superseded by",
            {"spec-badge--superseded-by", "spec-badge--cat-inactive"},
        ),
    ],
)
def test_a_madr_status_gets_its_categorys_colours(tmp_path, status, shown, classes) -> None:
    adr = (
        f"---\nstatus: {status}\n---\n\n# Use MySQL\n\n## Context and Problem Statement\n\n"
        "We store orders.\n\n## Considered Options\n\n* MySQL\n\n## Decision Outcome\n\n"
        "Chosen option: MySQL.\n"
    )
    site = create_site(tmp_path, {"decisions/0001-use-mysql.md": adr}, theme="mkdocs")
    config = load_config(
        str(site.root / "mkdocs.yml"),
        plugins=[
            {
                "specs": {
                    "specs_dir": "decisions",
                    "template": "madr",
                    "index": False,
                    "fail_on": "never",  # the successor is not there: a problem of its own
                }
            }
        ],
    )
    build(config)
    badge = badge_of(site.site_dir, "decisions/0001-use-mysql")
    assert badge.attrs["data-spec-status"] == shown
    assert classes <= set(badge.classes)


def test_a_doc_without_its_optional_status_has_no_badge(built_corpora) -> None:
    page = "decisions/0000-use-markdown-architectural-decision-records"
    assert badge_of(built_corpora["madr"], page) is None


def test_the_corpus_build_fails_on_its_real_errors(tmp_path) -> None:
    site = create_site(tmp_path, theme="mkdocs")
    shutil.copytree(CORPORA / "kep" / "docs", site.docs / "keps")
    shutil.copy(CORPORA / "kep" / "template.md", tmp_path / "kep.md")
    config = load_config(
        str(site.root / "mkdocs.yml"),
        plugins=[{"specs": {"specs_dir": "keps", "template": "kep.md", "index": False}}],
    )
    with pytest.raises(Abort, match=f"5 invalid specs, {len(ERRORS['kep'])} errors"):
        build(config)


def test_new_writes_the_status_given_in_a_status_section_that_lists_none(
    tmp_path, monkeypatch
) -> None:
    template = CORPORA / "nygard" / "template.md"
    create_site(tmp_path, plugin={"specs_dir": "adr", "template": str(template), "git": False})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "Use Redis", "--status", "Proposed"])
    assert result.exit_code == 0, result.output
    assert result.stderr == 'Created "1. Use Redis", status Proposed: fill in its placeholders.\n'
    assert CliRunner().invoke(main, ["check", "--strict"]).exit_code == 0
    result = CliRunner().invoke(main, ["new", "Use Kafka"])
    assert result.stderr == (
        'Created "2. Use Kafka": fill in its placeholders, its status among them '
        "(or give --status).\n"
    )


def test_a_template_kept_among_the_docs_is_no_doc(tmp_path, monkeypatch) -> None:
    # MADR's layout: its template copied into the folder of decisions, beside them.
    site = create_site(tmp_path, theme="mkdocs")
    shutil.copytree(CORPORA / "madr" / "docs", site.docs / "decisions")
    shutil.copy(CORPORA / "madr" / "template.md", site.docs / "decisions" / "adr-template.md")
    plugin = {"specs_dir": "decisions", "template": "docs/decisions/adr-template.md"}
    create_site(tmp_path, plugin={**plugin, "git": False}, theme="mkdocs")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Checked 19 specs: 0 invalid specs, 0 errors.\n"
    status = CliRunner().invoke(main, ["status", "--format", "json"]).stdout
    assert "adr-template" not in status and "0000-use-markdown" in status
    build(load_config(str(site.root / "mkdocs.yml")))  # no Abort: the template is a page only
    page = (site.site_dir / "decisions/adr-template/index.html").read_text("utf-8")
    assert "spec-badge" not in page
