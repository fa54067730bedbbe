"""Each rule fires on a crafted spec, at the exact line, and stays quiet on a valid one."""

from __future__ import annotations

import datetime

import pytest
from conftest import filled_spec

from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.diagnostics import Severity
from mkdocs_specs.core.document import parse_document
from mkdocs_specs.core.document_checks import check_document
from mkdocs_specs.core.template import load_template, parse_template

TODAY = datetime.date(2026, 11, 24)


def diagnose(text: str):
    return check_document(parse_document(text, "spec.md"), load_template(), TODAY)


def codes(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diagnose(text)]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_spec_has_no_problems() -> None:
    assert diagnose(filled_spec()) == []


def test_every_problem_is_reported_at_once() -> None:
    text = filled_spec(status="Review", created="2026-02-30", version="one")
    text = text.replace("## Deployment", "## Deploy")
    found = {d.code for d in diagnose(text)}
    assert {"invalid-field", "missing-section"} <= found
    assert len([d for d in diagnose(text) if d.code == "invalid-field"]) == 2


def test_invalid_front_matter_points_into_the_yaml() -> None:
    text = "---\ntitle: ok\nstatus: [unclosed\n---\n" + filled_spec()
    (problem,) = [d for d in diagnose(text) if d.code == "invalid-front-matter"]
    assert problem.line in (3, 4) and problem.severity is Severity.ERROR


def test_front_matter_status_is_a_field() -> None:
    text = filled_spec().replace("**Status**: Approved  \n", "")
    text = "---\nstatus: implemented\n---\n" + text
    assert diagnose(text) == []


def test_missing_title() -> None:
    text = filled_spec().replace("# Specification: Orders\n", "")
    assert ("missing-title", 1) in codes(text)


def test_title_mismatch_at_the_h1() -> None:
    text = filled_spec().replace("# Specification: Orders", "# Orders service")
    (problem,) = diagnose(text)
    assert (problem.code, problem.line, problem.column) == ("title-mismatch", 1, 3)


def test_missing_field_points_under_the_title() -> None:
    text = filled_spec().replace("**Technical Lead**: Ada Lovelace  \n", "")
    (problem,) = diagnose(text)
    assert (problem.code, problem.line) == ("missing-field", 2)
    assert '"Technical Lead"' in problem.message and "**Technical Lead**" in problem.hint


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Created", "24/11/2026"),
        ("Created", "2026-13-01"),
        ("Version", "latest"),
        ("Document Type", "Design Notes"),
    ],
)
def test_invalid_field_points_at_the_value(field: str, value: str) -> None:
    text = filled_spec()
    line = line_of(text, f"**{field}**")
    original = text.splitlines()[line - 1]
    text = text.replace(original, f"**{field}**: {value}  ")
    (problem,) = [d for d in diagnose(text) if d.code == "invalid-field"]
    assert (problem.line, problem.column) == (line, len(f"**{field}**: ") + 1)


def test_unknown_status() -> None:
    text = filled_spec(status="Ready for Implementation")
    (problem,) = diagnose(text)
    assert (problem.code, problem.line) == ("unknown-status", line_of(text, "**Status**"))
    assert "Draft, Review, Approved, Implemented" in problem.hint


def test_status_matches_case_insensitively() -> None:
    assert diagnose(filled_spec(status="approved")) == []


def test_placeholder_is_an_error_outside_draft_and_a_warning_in_draft() -> None:
    text = filled_spec().replace("**Technical Lead**: Ada Lovelace", "**Technical Lead**: [Name]")
    (problem,) = diagnose(text)
    assert (problem.code, problem.line, problem.column) == ("placeholder", 7, 21)
    assert problem.severity is Severity.ERROR
    (draft,) = diagnose(text.replace("**Status**: Approved", "**Status**: Draft"))
    assert draft.severity is Severity.WARNING


def test_placeholders_in_code_blocks_count_but_links_and_task_boxes_do_not() -> None:
    text = filled_spec().replace(
        "### Purpose\n", "### Purpose\n```ts\nlet a: [type];\n```\n- [x] done [see](x.md)\n"
    )
    assert codes(text) == [("placeholder", line_of(text, "let a"))]


def test_missing_section_points_before_the_next_present_section() -> None:
    text = filled_spec()
    start, end = text.index("## Data Models"), text.index("## Business Logic")
    text = text[:start] + text[end:]
    (problem,) = diagnose(text)
    assert (problem.code, problem.line) == ("missing-section", line_of(text, "## Business Logic"))
    assert problem.message == (
        'Required section "Data Models" is missing (template: Technical Specification)'
    )


def test_missing_subsection_is_a_warning_in_draft() -> None:
    text = filled_spec(status="Draft").replace("### Scope\n", "### Range\n")
    problems = diagnose(text)
    assert [(d.code, d.severity) for d in problems] == [("missing-section", Severity.WARNING)]
    assert 'under "Overview"' in problems[0].message


def test_numbered_emoji_and_ampersand_headings_match() -> None:
    text = (
        filled_spec()
        .replace("## Overview", "## 1. Overview")
        .replace("## Monitoring & Observability", "## 🔭 9. Monitoring and Observability:")
        .replace("### Purpose", "### 1.1 Purpose")
    )
    assert diagnose(text) == []


def test_empty_section_and_not_applicable() -> None:
    text = filled_spec()
    purpose = text[text.index("### Purpose") : text.index("### Scope")]
    empty = text.replace(purpose, "### Purpose\n\n<!-- later -->\n\n")
    assert codes(empty) == [("empty-section", line_of(empty, "### Purpose"))]
    assert diagnose(text.replace(purpose, "### Purpose\n\nN/A\n\n")) == []
    # A top-level section holding only N/A needs none of its subsections.
    start, end = text.index("## API Specification"), text.index("## Data Models")
    not_applicable = "## API Specification\n\n*Not applicable.*\n\n"
    assert diagnose(text[:start] + not_applicable + text[end:]) == []


def test_section_order() -> None:
    text = filled_spec()
    start, end = text.index("## Appendices"), text.index("\n---\n")
    appendices = text[start:end]
    text = text.replace(appendices, "")
    text = text.replace("## Overview", appendices + "\n## Overview")
    (problem,) = diagnose(text)
    assert (problem.code, problem.line, problem.severity) == (
        "section-order",
        line_of(text, "## Appendices"),
        Severity.WARNING,
    )


@pytest.mark.parametrize(
    ("order", "out", "hint"),
    [
        ("Beta Alpha Gamma", "Beta", 'Move it after "Alpha".'),
        ("Alpha Gamma Beta", "Gamma", 'Move it after "Beta".'),
        ("Gamma Alpha Beta", "Gamma", 'Move it after "Beta".'),
        ("Beta Gamma Alpha", "Alpha", 'Move it before "Beta".'),
    ],
)
def test_section_order_says_where_the_section_goes(order: str, out: str, hint: str) -> None:
    template = parse_template("# Doc: [Name]\n\n## Alpha\n\n## Beta\n\n## Gamma\n", "t.md")
    text = "# Doc: X\n\n" + "".join(f"## {name}\n\nText.\n\n" for name in order.split())
    (problem,) = check_sources([Source("d.md", text)], template).diagnostics
    assert (problem.code, problem.line, problem.hint) == (
        "section-order",
        line_of(text, f"## {out}"),
        hint,
    )


@pytest.mark.parametrize(
    ("created", "updated", "field"),
    [("2026-03-01", "2026-02-01", "Last Updated"), ("2027-01-01", "2027-01-02", "Created")],
)
def test_date_order(created: str, updated: str, field: str) -> None:
    text = filled_spec(created=created, updated=updated)
    problems = [d for d in diagnose(text) if d.code == "date-order"]
    assert problems and problems[0].line == line_of(text, f"**{field}**")


def test_headings_and_fields_in_code_and_comments_are_ignored() -> None:
    text = filled_spec().replace("**Status**: Approved  \n", "")
    text = text.replace(
        "## Overview",
        "```\n**Status**: Approved\n## Data Models\n```\n<!--\n**Status**: Approved\n-->\n\n"
        "    **Status**: Approved\n\n## Overview",
    )
    assert codes(text) == [("missing-field", 2)]


def test_crlf_and_bom_read_like_lf() -> None:
    text = filled_spec(status="Review").replace("**Version**: 1.0", "**Version**: x")
    expected = codes(text)
    assert expected == [("invalid-field", line_of(text, "**Version**"))]
    assert codes("\ufeff" + text.replace("\n", "\r\n")) == expected


def test_field_forms_people_write() -> None:
    text = filled_spec()
    header_end = text.index("## Overview")
    body = text[header_end:]
    header = (
        "# Specification: Orders\n\n"
        "| Field | Value |\n|---|---|\n| **Document Type** | Technical Specification |\n"
        "| **Created** | 2026-01-10 |\n\n"
        "- **Last Updated**: 2026-02-01\n"
        "* **Status:** Approved\n"
        "**Technical Lead:** Ada\n"
        "**Feature/Epic**: SHOP-1\n\n"
    )
    text = "---\nversion: '1.0'\n---\n" + header + body
    assert diagnose(text) == []
