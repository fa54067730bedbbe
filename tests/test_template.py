"""The template is the schema: derivation from the bundled template and from an ADR template."""

from __future__ import annotations

import pytest

from mkdocs_specs.core import placeholders as ph
from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.document import parse_document
from mkdocs_specs.core.scaffold import new_spec, template_text
from mkdocs_specs.core.scanner import LineKind
from mkdocs_specs.core.template import (
    FieldKind,
    TemplateError,
    bundled_names,
    load_template,
    parse_template,
)

ADR_TEMPLATE = """\
# ADR-[Number]: [Decision Title]

- **Status**: [Proposed | Accepted | Superseded]
- **Date**: [Date]
- **Deciders**: [Names]
- **Kind**: Architecture Decision

## Context
[What forces are at play?]

## Decision
[What we decided]

### Alternatives
- **[Option]**: [Why not]

### [Consequence Area]
[Effect]

## Consequences
[What becomes easier or harder]
"""


def test_bundled_template_fields_and_kinds() -> None:
    template = load_template()
    kinds = {f.name: f.kind for f in template.fields}
    assert kinds == {
        "Document Type": FieldKind.LITERAL,
        "Created": FieldKind.DATE,
        "Last Updated": FieldKind.DATE,
        "Status": FieldKind.CHOICE,
        "Technical Lead": FieldKind.TEXT,
        "Feature/Epic": FieldKind.TEXT,
        "Version": FieldKind.VERSION,
    }
    assert template.statuses == ("Draft", "Review", "Approved", "Implemented")
    assert template.draft_status == "Draft"
    assert template.name == "Technical Specification"


def test_every_bundled_template_names_itself_and_its_docs() -> None:
    """Messages, index titles and counts name each bundled template's docs."""
    templates = {name: load_template(name) for name in bundled_names()}
    found = {name: (t.name, t.docs_name, t.noun) for name, t in templates.items()}
    assert found == {
        "madr": ("MADR", "Decisions", "decision"),
        "nygard": ("Nygard ADR", "Decisions", "decision"),
        "rust-rfc": ("Rust RFC", "RFCs", "RFC"),
        "technical-spec": ("Technical Specification", "Specifications", "spec"),
    }


def test_bundled_template_title_pattern() -> None:
    pattern = load_template().title_pattern
    assert pattern is not None
    assert pattern.fullmatch("Specification: Orders")
    assert pattern.fullmatch("Technical Specification: Purchase Requests")
    assert not pattern.fullmatch("Orders")
    assert not pattern.fullmatch("Specification:")


def test_bundled_template_sections() -> None:
    sections = {s.title: [c.title for c in s.children] for s in load_template().sections}
    assert list(sections)[:3] == ["Overview", "System Architecture", "API Specification"]
    assert len(sections) == 13
    assert sections["Overview"] == ["Purpose", "Scope", "Audience"]
    # `### [Entity Name]` stands for any number of entities: not required.
    assert sections["Data Models"] == ["Database Schema"]
    assert sections["Monitoring & Observability"] == ["Metrics", "Logging", "Health Checks"]


def test_bundled_template_placeholders() -> None:
    placeholders = load_template().placeholders
    for text in ("[Date]", "[Name]", "[Link to parent feature/epic]", "[field]", "[type]"):
        assert text in placeholders
    # Links, task boxes and array types are never placeholders.
    assert not any(p in placeholders for p in ("[x]", "[]", "[ ]"))


def test_second_template_derives_its_own_schema() -> None:
    template = parse_template(ADR_TEMPLATE, "adr.md")
    assert [(f.name, f.kind) for f in template.fields] == [
        ("Status", FieldKind.CHOICE),
        ("Date", FieldKind.DATE),
        ("Deciders", FieldKind.TEXT),
        ("Kind", FieldKind.LITERAL),
    ]
    assert template.statuses == ("Proposed", "Accepted", "Superseded")
    assert [(s.title, [c.title for c in s.children]) for s in template.sections] == [
        ("Context", []),
        ("Decision", ["Alternatives"]),
        ("Consequences", []),
    ]
    assert template.title_pattern.fullmatch("ADR-12: Use PostgreSQL")
    assert not template.title_pattern.fullmatch("Use PostgreSQL")
    assert "[Why not]" in template.placeholders
    assert template.name == "adr.md"


def test_template_without_sections_is_an_error() -> None:
    with pytest.raises(TemplateError, match="no sections"):
        parse_template("# Title\n\nJust text.\n", "empty.md")


def test_missing_template_file_is_an_error(tmp_path) -> None:
    with pytest.raises(TemplateError, match="not found"):
        load_template(tmp_path / "nope.md")


def test_template_is_reread_when_it_changes(tmp_path) -> None:
    path = tmp_path / "t.md"
    path.write_text(ADR_TEMPLATE, encoding="utf-8")
    first = load_template(path)
    assert load_template(path) is first  # cached while unchanged
    path.write_text(ADR_TEMPLATE.replace("## Consequences", "## Results"), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))
    assert [s.title for s in load_template(path).sections][-1] == "Results"


@pytest.mark.parametrize("name", ["madr", "nygard", "rust-rfc"])
def test_a_new_doc_of_a_bundled_convention_lists_each_section_left_to_write(name: str) -> None:
    """Their guidance is written as placeholders: `check` on a doc that `new` wrote lists
    every section whose text is still the template's (errors where there is no Draft)."""
    template = load_template(name)
    doc = new_spec(template, template_text(name), "Use a queue", number=1)
    document = parse_document(doc.text, doc.file_name)
    report = check_sources([Source(doc.file_name, doc.text)], template)
    listed = {d.line for d in report.diagnostics if d.code == "placeholder"}
    fields = {found.line for found in document.fields.values()}
    kinds, lines = document.scan.kinds, document.scan.lines
    unlisted = []
    sections = list(document.sections)
    for section in sections:
        sections += section.children
        end = section.children[0].heading.line - 1 if section.children else section.end_line
        text = {
            line
            for line in range(section.heading.line + 1, end + 1)
            if kinds[line - 1] not in (LineKind.BLANK, LineKind.COMMENT)
            and not ph.REFERENCE_DEFINITION.match(lines[line - 1])
        }
        if text - fields and not text & listed:
            unlisted.append(section.title)
    assert unlisted == []


def test_the_bundled_conventions_number_their_docs_from_the_first() -> None:
    """MADR, Nygard's ADRs and Rust's RFCs are named by number (`0001-…`), the first one
    too, or an empty folder's would never be; the technical spec is named by its title."""
    found = {
        name: new_spec(load_template(name), template_text(name), "Use PostgreSQL").file_name
        for name in bundled_names()
    }
    assert found == {
        "madr": "0001-use-postgresql.md",
        "nygard": "0001-use-postgresql.md",
        "rust-rfc": "0001-use-postgresql.md",
        "technical-spec": "use-postgresql.md",
    }
    # A team's own template is numbered where its title has a number token.
    assert parse_template("# ADR-NNNN: [Title]\n\n## Context\n\n[Why]\n", "t.md").numbered
    assert not parse_template("# [Title]\n\n## Context\n\n[Why]\n", "t.md").numbered
