"""Conventions read from any template: placeholders, optional parts, fields, statuses,
titles and near misses, each on a small template of the kind teams write (no MkDocs)."""

from __future__ import annotations

import datetime

import markdown
import pytest
from click.testing import CliRunner
from conftest import filled_spec

from mkdocs_specs.cli import main
from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.entities import ReferenceKind
from mkdocs_specs.core.placeholders import in_prose
from mkdocs_specs.core.scaffold import new_spec
from mkdocs_specs.core.scanner import LineKind, scan
from mkdocs_specs.core.template import FieldKind, load_template, parse_template


def codes(template_text: str, doc: str, template=None) -> list[tuple[int, str]]:
    template = template or parse_template(template_text, "t.md")
    report = check_sources([Source("d.md", doc)], template)
    return [(d.line, d.code) for d in report.diagnostics]


RFC = """\
- Feature Name: (fill me in with a unique ident, `my_feature`)
- Start Date: (fill me in with today's date, YYYY-MM-DD)

## Summary
[summary]: #summary

One paragraph. See the [summary] and [the motivation][motivation].[^1]

## Motivation
[motivation]: #motivation

Why. {: .lead }

```rust
let route = "/orders/{id}";
```

[^1]: A footnote.
"""


def test_reference_links_footnotes_attribute_lists_and_code_braces_are_not_placeholders():
    template = parse_template(RFC, "rfc.md")
    assert template.placeholders == {
        "(fill me in with a unique ident, `my_feature`)",
        "(fill me in with today's date, YYYY-MM-DD)",
    }
    filled = RFC.replace("(fill me in with a unique ident, `my_feature`)", "`orders`").replace(
        "(fill me in with today's date, YYYY-MM-DD)", "2026-01-02"
    )
    assert codes("", filled, template) == []
    assert codes("", RFC, template) == [(1, "placeholder"), (2, "placeholder")]


def test_a_placeholder_counts_where_it_stands_as_the_template_writes_it() -> None:
    template = parse_template(
        "# [T]\n\n## API\n\n```\nGET /api/[resource]\nAuthorization: Bearer [token]\n"
        '{"[field]": "[type]"}\n```\n',
        "t.md",
    )
    doc = (
        "# X\n\n## API\n\nVendors open `/portal/[token]` from the e-mail.\n\n"
        "```js\nconst v = data[field];\nGET /api/[resource]\nAuthorization: Bearer [token]\n```\n"
    )
    # Indexing after a word and a route's parameter after a slash are code of the spec's own;
    # the template's lines left as they were are its placeholders.
    assert codes("", doc, template) == [(9, "placeholder"), (10, "placeholder")]


BRACES = """\
# Service: {Name}

**Owner**: {Owner}
**Status**: {Draft | Live}

## Purpose

{Purpose}

Routes such as GET /users/{id}, `{Name}` in code and ${HOME} are text.
"""


def test_a_placeholder_of_one_word_in_braces_counts_where_it_stands_alone() -> None:
    template = parse_template(BRACES, "t.md")
    assert template.placeholders == {"{Name}", "{Owner}", "{Draft | Live}", "{Purpose}"}
    blank = BRACES.replace("# Service: {Name}", "# Whatever").replace("{Draft | Live}", "Live")
    assert codes("", blank, template) == [
        (1, "title-mismatch"),
        (3, "placeholder"),
        (8, "placeholder"),
    ]
    filled = blank.replace("# Whatever", "# Service: Payments").replace("{Owner}", "Ann")
    assert codes("", filled.replace("{Purpose}", "Takes payments."), template) == []
    scaffold = new_spec(template, BRACES, "Payments API")
    assert scaffold.text.startswith("# Service: Payments API\n\n**Owner**: {Owner}\n")


def test_a_comment_beside_a_heading_or_field_is_no_part_of_its_name() -> None:
    template = parse_template(
        "# ADR: [Title]\n\n* Status: [proposed | accepted] <!-- optional -->\n"
        "* Deciders: [list everyone involved] <!-- optional -->\n* Date: [YYYY-MM-DD]\n\n"
        "## Context\n\n[context]\n\n## Decision Drivers <!-- optional -->\n\n* [driver]\n",
        "madr2.md",
    )
    assert [(f.name, f.optional) for f in template.fields] == [
        ("Status", True),
        ("Deciders", True),
        ("Date", False),
    ]
    assert [(s.title, s.optional) for s in template.sections] == [
        ("Context", False),
        ("Decision Drivers", True),
    ]
    doc = "# ADR: Use Kafka\n\n* Status: accepted <!-- was proposed -->\n* Date: 2026-01-02\n\n"
    doc += "## Context\n\nA queue.\n\n"
    assert codes("", doc, template) == []
    assert codes("", doc + "## Decision Drivers\n\n* Cost\n", template) == []


def test_a_table_cell_writes_its_choices_with_escaped_pipes() -> None:
    text = "# ADR: [Title]\n\n| Field | Value |\n|---|---|\n"
    text += "| **Status** | [Proposed \\| Accepted \\| Rejected] |\n\n## Context\n\n[context]\n"
    template = parse_template(text, "t.md")
    assert template.statuses == ("Proposed", "Accepted", "Rejected")
    doc = text.replace("[Title]", "Use Kafka").replace("[context]", "A queue.")
    assert (
        codes("", doc.replace("[Proposed \\| Accepted \\| Rejected]", "Accepted"), template) == []
    )
    banana = check_sources(
        [Source("d.md", doc.replace("[Proposed \\| Accepted", "Banana"))], template
    )
    assert [(d.line, d.column, d.code) for d in banana.diagnostics] == [(5, 16, "unknown-status")]
    assert "| **Status** | Proposed |" in new_spec(template, text, "Use Kafka").text


def test_words_in_a_placeholder_are_no_tokens_of_their_own() -> None:
    template = parse_template(
        "# Incident: [Title]\n\n**Priority:** [HIGH/MEDIUM/LOW]\n**Ticket:** [JIRA-123]\n\n"
        "## Summary\n\n[summary]\n",
        "t.md",
    )
    doc = "# Incident: Outage\n\n**Priority:** HIGH\n**Ticket:** [JIRA-456](https://t/JIRA-456)\n"
    assert codes("", doc + "\n## Summary\n\nSee the JIRA board.\n", template) == []


@pytest.mark.parametrize(
    "heading",
    ["## Alternatives {#alts}", "## Alternatives { .wide }", "## Alternatives {: #alts .wide }"],
)
def test_an_attribute_list_is_no_part_of_a_headings_name(heading: str) -> None:
    template = parse_template("# Design: [Title]\n\n## Alternatives\n\n[alts]\n", "t.md")
    assert codes("", f"# Design: Foo\n\n{heading}\n\nNone.\n", template) == []


@pytest.mark.parametrize(
    "written",
    [
        *("_Final_", "*Final*", "**Final**", "__Final__", "`Final`", "**`Final`**"),
        *("***Final***", "**_Final_**", "_**Final**_"),
    ],
)
def test_a_value_wholly_in_emphasis_or_code_reads_as_its_words(written: str) -> None:
    template = parse_template("# D: [T]\n\n**Status:** [Draft | Final]\n\n## A\n\n[a]\n", "t.md")
    assert codes("", f"# D: Foo\n\n**Status:** {written}\n\n## A\n\nB.\n", template) == []


def test_braces_in_code_are_codes_own_in_template_and_doc_alike() -> None:
    template = parse_template(
        "# Spec: [Title]\n\n**Owner**: {owner}\n\n## Code\n\nRun `deploy --env={env} --force`.\n",
        "t.md",
    )
    assert template.placeholders == {"[Title]", "{owner}"}
    doc = (
        "# Spec: Billing\n\n**Owner**: Jane\n\n## Code\n\nRun `deploy --env={env} --force`.\n\n"
        '```python\nlog.info(f"{owner} approved")\n```\n\nSay `{owner}` in code, not _{owner}_.\n'
    )
    # Emphasis is no code: `_{owner}_` is the placeholder, left as the template wrote it.
    assert codes("", doc, template) == [(13, "placeholder")]


def test_a_comment_that_denies_optional_leaves_it_required() -> None:
    template = parse_template(
        "# Spec: [Title]\n\n**Status**: [Draft | Accepted]\n"
        "**Owner**: [Name] <!-- required, not optional -->\n\n"
        "## Summary <!-- mandatory: not optional -->\n\n[Summary]\n\n"
        "<!-- Not optional: every spec has one. -->\n## Risks\n\n[Risks]\n",
        "t.md",
    )
    assert [f.optional for f in template.fields] == [False, False]
    assert [s.optional for s in template.sections] == [False, False]


def test_a_heading_with_an_attribute_list_holding_spaces_is_a_section() -> None:
    template = parse_template(
        '# D: [T]\n\n## Risks {data-toc-label="Known risks"}\n\n[Risks]\n', "t.md"
    )
    assert [s.title for s in template.sections] == ["Risks"]


@pytest.mark.parametrize("heading", ["⚠️ 2. Risks", "2. ⚠️ Risks", "⚠ 2. Risks", "2.1 ⚙️ Risks"])
def test_an_emoji_with_its_variation_selector_before_a_number_is_decoration(heading: str) -> None:
    template = parse_template("# D: [T]\n\n## Risks\n\n[Risks]\n", "t.md")
    assert codes("", f"# D: Foo\n\n## {heading}\n\nNone.\n", template) == []


@pytest.mark.parametrize(
    ("head", "fields"),
    [
        ("| Field | Value |", ["Status"]),
        ("| **Field** | **Value** |", ["Status"]),  # a header row, bold or not, names columns
        ("", ["Status"]),
    ],
)
def test_a_tables_header_row_is_no_field(head: str, fields: list[str]) -> None:
    rows = "\n".join(
        r for r in (head, "|---|---|" if head else "", "| **Status** | [A \\| B] |") if r
    )
    template = parse_template(f"# D: [T]\n\n{rows}\n\n## A\n\n[a]\n", "t.md")
    assert [f.name for f in template.fields] == fields
    doc = "# D: Foo\n\n| Key | Value |\n|:--|--:|\n| **Status** | A |\n\n## A\n\nB.\n"
    assert codes("", doc, template) == []


@pytest.mark.parametrize("key", ["**Status**", "Status"])
def test_the_first_row_of_a_table_of_fields_without_column_names_is_a_field(key: str) -> None:
    # Markdown makes it the table's header row; it names no columns, though. In a doc, a
    # plain key is one where it and the rows' keys are the template's fields.
    template = parse_template(
        "# D: [T]\n\n| **Status** | [A \\| B] |\n|---|---|\n| **Owner** | [Name] |\n\n"
        "## A\n\n[a]\n",
        "t.md",
    )
    assert [f.name for f in template.fields] == ["Status", "Owner"]
    owner = key.replace("Status", "Owner")
    doc = f"# D: Foo\n\n| {key} | B |\n|---|---|\n| {owner} | Ada |\n\n## A\n\nB.\n"
    assert codes("", doc, template) == []
    report = check_sources([Source("d.md", doc)], template)
    assert report.specs[0].status == "B"


@pytest.mark.parametrize(
    "head",
    [
        "| Version | Changes |",
        "| Owner | Status |",
        "| **Version** | **Changes** |",
        "| **Version** | Meaning |",  # a glossary's
        "| **Owner** | Role |",
    ],
)
def test_a_header_row_of_column_names_is_no_field(head: str) -> None:
    # Not even where a name is a field's (Version, Owner): the rows below name none.
    template = parse_template(
        "# D: [T]\n\n**Version**: [X.Y]\n**Owner**: [Name]\n\n## A\n\n[a]\n", "t.md"
    )
    doc = (
        f"# D: X\n\n{head}\n|---|---|\n| 0.1 | Draft |\n| Ann | Final |\n\n**Version**: 1.0\n"
        "**Owner**: Bob\n\n## A\n\nB.\n"
    )
    assert codes("", doc, template) == []


def test_a_missing_field_of_a_table_is_hinted_as_a_row() -> None:
    text = "# D: [T]\n\n| Field | Value |\n|---|---|\n| **Owner** | [Name] |\n\n## A\n\n[a]\n"
    report = check_sources([Source("d.md", "# D: X\n\n## A\n\nB.\n")], parse_template(text, "t.md"))
    assert [d.hint for d in report.diagnostics] == ['Add "| **Owner** | <Name> |" to the header.']


def test_new_numbers_a_doc_whose_title_names_another_docs_id() -> None:
    text = "# ADR-NNNN: [Title]\n\n**Status**: [Proposed | Accepted]\n\n## Context\n\n[c]\n"
    template = parse_template(text, "adr.md")
    made = new_spec(template, text, "Revisit ADR-0042: gRPC timeouts", number=301)
    assert made.text.startswith("# ADR-0301: Revisit ADR-0042: gRPC timeouts\n")
    assert made.file_name == "0301-revisit-adr-0042-grpc-timeouts.md"


def test_fields_from_bullets_and_their_kinds() -> None:
    template = parse_template(RFC, "rfc.md")
    assert [(f.name, f.kind) for f in template.fields] == [
        ("Feature Name", FieldKind.TEXT),
        ("Start Date", FieldKind.DATE),
    ]
    doc = RFC.replace("(fill me in with today's date, YYYY-MM-DD)", "someday")
    assert (2, "invalid-field") in codes("", doc, template)


def test_up_to_date_in_a_placeholder_is_no_date() -> None:
    template = parse_template(
        "---\ninformed: {list everyone who is kept up-to-date on progress}\n"
        "date: {YYYY-MM-DD when it was decided}\n---\n# {title}\n\n## Context\n",
        "madr.md",
    )
    kinds = {f.name: f.kind for f in template.fields}
    assert kinds == {"informed": FieldKind.TEXT, "date": FieldKind.DATE}


OPTIONAL = """\
# [Title]

## Required

Text.

<!-- This is an optional element. Feel free to remove. -->
## Before

Text.

## After

<!-- optional: leave it out when there is nothing to say -->

## Marked (Optional)

Text.

## Said

Optional: what else.
"""


def test_optional_sections_in_every_form() -> None:
    template = parse_template(OPTIONAL, "t.md")
    assert [(s.title, s.optional) for s in template.sections] == [
        ("Required", False),
        ("Before", True),
        ("After", True),
        ("Marked", True),
        ("Said", True),
    ]
    assert codes("", "# Mine\n\n## Required\n\nText.\n", template) == []
    # A doc may keep the mark on the heading.
    assert codes("", "# Mine\n\n## Required\n\nA.\n\n## Marked (Optional)\n\nB.\n", template) == []
    assert codes("", "# Mine\n\n## Other\n\nText.\n", template) == [(5, "missing-section")]


STATUS = (
    '---\nstatus: "{proposed | accepted | … | superseded by ADR-0123"\n---\n# {title}\n\n## A\n'
)


@pytest.mark.parametrize(
    ("status", "canonical"),
    [
        ("accepted", "accepted"),
        ("Accepted", "accepted"),
        ("on hold", "on hold"),  # the list is open
        ("superseded by [ADR-0005](0005-x.md)", "superseded by"),
    ],
)
def test_open_and_targeted_statuses(status: str, canonical: str) -> None:
    template = parse_template(STATUS, "madr.md")
    assert template.statuses == ("proposed", "accepted", "superseded by")
    report = check_sources(
        [Source("d.md", f"---\nstatus: {status}\n---\n# X\n\n## A\n\nB\n")], template
    )
    assert report.specs[0].status == canonical
    # The doc it is superseded by is not there: that alone is a problem.
    expected = ["unresolved-reference"] if "ADR-0005" in status else []
    assert [d.code for d in report.diagnostics] == expected


def test_a_status_section_is_the_status_field() -> None:
    template = load_template("nygard")
    doc = (
        "# 3. Use queues\n\nDate: 2026-01-02\n\n## Status\n\nSuperseded by [4. Use streams]"
        "(0004-use-streams.md)\n\n## Context\n\nA.\n\n## Decision\n\nB.\n\n## Consequences\n\nC.\n"
    )
    streams = doc.replace("# 3. Use queues", "# 4. Use streams").replace(
        "Superseded by [4. Use streams](0004-use-streams.md)", "Accepted"
    )
    report = check_sources(
        [Source("0003-use-queues.md", doc), Source("0004-use-streams.md", streams)], template
    )
    assert report.diagnostics == []
    assert report.specs[0].status == "Superseded by"


@pytest.mark.parametrize(
    ("title", "fits"),
    [
        ("KEP-4974: Deprecate v1.Endpoints", True),
        ("KEP-12: A", True),
        ("Graduate CRDs to GA", False),
    ],
)
def test_a_titles_placeholders_and_example_are_wildcards(title: str, fits: bool) -> None:
    template = parse_template("# KEP-NNNN: Your short, descriptive title\n\n## Summary\n", "k.md")
    assert template.title_pattern is not None
    assert bool(template.title_pattern.fullmatch(title)) is fits


def test_a_title_without_placeholders_is_an_example() -> None:
    template = parse_template("# Architecture decision\n\n## Context\n", "t.md")
    assert template.title_pattern is None
    assert codes("", "# Anything at all\n\n## Context\n\nA.\n", template) == []


def test_tokens_left_in_a_title_or_value_are_placeholders() -> None:
    template = load_template("nygard")
    doc = (
        "# NUMBER. Use queues\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nA.\n\n"
    )
    doc += "## Decision\n\nB.\n\n## Consequences\n\nC.\n"
    assert codes("", doc, template) == [(1, "placeholder")]


def test_a_near_miss_heading_is_reported_where_it_is_with_did_you_mean() -> None:
    template = parse_template("# [T]\n\n## Context and Problem Statement\n\n## Decision\n", "t.md")
    doc = "# X\n\n## Problem Statement and Context\n\nA.\n\n## Decisoin\n\nB.\n"
    report = check_sources([Source("d.md", doc)], template)
    found = [(d.line, d.code, d.hint.split("?")[0]) for d in report.diagnostics]
    assert found == [
        (3, "missing-section", 'Did you mean "Context and Problem Statement"'),
        (7, "missing-section", 'Did you mean "Decision"'),
    ]


def test_a_heading_that_says_more_in_the_same_words_is_offered_for_a_missing_section() -> None:
    template = load_template("nygard")
    doc = "# 3. Use Kafka\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n"
    doc += "## Context and Problem Statement\n\nA.\n\n## Decision Outcome\n\nB.\n\n"
    doc += "## Consequences\n\nC.\n"
    report = check_sources([Source("d.md", doc)], template)
    assert [(d.line, d.code, d.hint) for d in report.diagnostics] == [
        (
            9,
            "missing-section",
            'Did you mean "Context"? Rename "Context and Problem Statement", or map it with '
            'aliases: {"Context and Problem Statement": "Context"}.',
        ),
        (
            13,
            "missing-section",
            'Did you mean "Decision"? Rename "Decision Outcome", or map it with aliases: '
            '{"Decision Outcome": "Decision"}.',
        ),
    ]


def test_a_field_under_another_name_is_reported_with_the_alias_that_maps_it() -> None:
    template = parse_template(
        "# [T]\n\n- Rust Issue: [link]\n- Technical Lead: [Name]\n- Reviewer: [Name]\n\n"
        "## Summary\n",
        "t.md",
    )
    # Another word before the same noun, a misspelling, and a field nothing resembles.
    doc = "# X\n\n- Tracking Issue: #12\n- Techincal Lead: Ada\n- Budget: 5\n\n## Summary\n\nA.\n"
    report = check_sources([Source("d.md", doc)], template)
    found = [(d.line, d.code, d.hint) for d in report.diagnostics]
    assert found == [
        # Of the same kind, it may be it or another: added, or mapped.
        (
            2,
            "missing-field",
            'Add "Rust Issue: <link>" to the header; if "Tracking Issue" is it, map it with '
            'aliases: {"Tracking Issue": "Rust Issue"}.',
        ),
        (2, "missing-field", 'Add "Reviewer: <Name>" to the header.'),
        # Misspelt, it is it: where it is written.
        (
            4,
            "missing-field",
            'Did you mean "Technical Lead"? Rename "Techincal Lead", or map it with aliases: '
            '{"Techincal Lead": "Technical Lead"}.',
        ),
    ]


def test_aliases_map_a_teams_names_to_the_templates() -> None:
    template = parse_template(
        "# [T]\n\n**Owner**: [Name]\n\n## Context\n\n## Decision\n", "t.md"
    ).with_aliases({"Background": "Context", "Author": "Owner"})
    doc = "# X\n\n**Author**: Ada\n\n## Background\n\nA.\n\n## Decision\n\nB.\n"
    assert codes("", doc, template) == []


def test_aliased_fields_count_as_the_templates_for_status_and_dates() -> None:
    template = parse_template(
        "# [T]\n\n**Status**: [Draft | Done]\n**Created**: [Date]\n**Last Updated**: [Date]\n\n"
        "## Context\n\n## Decision\n",
        "t.md",
    ).with_aliases({"State": "Status", "Revised": "Last Updated"})
    doc = (
        "# X\n\n**State**: Draft\n**Created**: 2026-01-10\n**Revised**: 2025-01-01\n\n"
        "## Context\n\nA.\n"
    )
    report = check_sources([Source("d.md", doc)], template, datetime.date(2026, 3, 1))
    (spec,) = report.specs
    assert spec.status == "Draft"
    # Revised is Last Updated: before Created. Draft: the missing section is a warning.
    found = [(d.line, d.code, d.severity.value) for d in spec.diagnostics]
    assert found == [(5, "date-order", "error"), (9, "missing-section", "warning")]


def test_a_front_matter_field_is_hinted_in_front_matter() -> None:
    template = parse_template('---\nstatus: "[Draft | Done]"\n---\n# [T]\n\n## A\n', "t.md")
    report = check_sources([Source("d.md", "# X\n\n## A\n\nB.\n")], template)
    (missing,) = report.diagnostics
    assert missing.hint == 'Add "status: Draft" to the front matter.'


def test_a_code_fence_in_a_block_quote_is_code() -> None:
    text = "> Note:\n>\n> ```toml\n> [[package]]\n> ```\n\nAfter [[Order]].\n"
    assert scan(text).kinds[3] is LineKind.CODE
    report = check_sources([Source("d.md", "# T\n\n" + text)], load_template())
    references = [r.name for r in report.catalog.references if r.kind is ReferenceKind.LINK]
    assert references == ["Order"]


def test_templates_are_chosen_by_name_on_the_command_line(tmp_path, monkeypatch) -> None:
    (tmp_path / "0001-use-x.md").write_text(
        "# 1. Use X\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nA.\n\n"
        "## Decision\n\nB.\n\n## Consequences\n\nC.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-t", "nygard", "0001-use-x.md"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["check", "0001-use-x.md"])  # the technical spec: no
    assert result.exit_code == 1
    assert filled_spec  # the bundled default is the technical spec template


# --- teams writing in other languages and scripts ----------------------------------------

GERMAN = """\
# Spezifikation: [Name]

**Status**: [Entwurf | Geprüft]
**Prüfer**: [Name]

## Überblick

[Text]

## Data Models

### [Entity]

[Felder]
"""


def test_decomposed_letters_match_their_composed_forms() -> None:
    # Some editors and copied text write `ü` as `u` and a combining diaeresis (NFD).
    import unicodedata

    doc = (
        "# Spezifikation: Maße\n\n**Status**: Geprüft\n**Prüfer**: Jörg\n\n## Überblick\n\n"
        "Siehe [[Größe]].\n\n## Data Models\n\n### Größe\n\nFelder.\n"
    )
    template = parse_template(GERMAN, "t.md")
    decomposed = unicodedata.normalize("NFD", doc)
    assert decomposed != doc
    report = check_sources([Source("d.md", decomposed)], template)
    assert report.diagnostics == []
    (spec,) = report.specs
    assert spec.status == "Geprüft"  # the template's spelling, for the badge


@pytest.mark.parametrize(
    "written",
    [
        "**Status**\u00a0: Geprüft",  # French typography: a no-break space before the colon
        "**Status**\u202f: Geprüft",
        "**Status**\uff1aGeprüft",  # the full-width colon of Chinese and Japanese
        "**Status\uff1a** Geprüft",
        "__Status__: Geprüft",  # bold in underscores renders as bold in stars
        "***Status***: Geprüft",
        "**Status**: \u200fGeprüft",  # a right-to-left mark renders to nothing
    ],
)
def test_a_field_is_read_in_the_punctuation_and_bold_of_any_language(written: str) -> None:
    doc = (
        f"# Spezifikation: Maße\n\n{written}\n__Prüfer__\u00a0: Jörg\n\n## Überblick\n\nText.\n\n"
        "## Data Models\n\n### Größe\n\nFelder.\n"
    )
    template = parse_template(GERMAN, "t.md")
    report = check_sources([Source("d.md", doc)], template)
    assert report.diagnostics == []
    assert report.specs[0].status == "Geprüft"


def test_a_template_written_with_those_forms_keeps_its_fields() -> None:
    template = parse_template(
        "# Note : [Nom]\n\n**Statut**\u00a0: [Brouillon | Accepté]\n**作成日**\uff1a[YYYY-MM-DD]\n"
        "__Auteur__ : [Nom]\n\n## Contexte\n\n[Texte]\n",
        "t.md",
    )
    assert [(f.name, f.kind) for f in template.fields] == [
        ("Statut", FieldKind.CHOICE),
        ("作成日", FieldKind.DATE),
        ("Auteur", FieldKind.TEXT),
    ]
    assert codes("", "# Note : Grève\n\n## Contexte\n\nTexte.\n", template) == [
        (2, "missing-field"),
        (2, "missing-field"),
        (2, "missing-field"),
    ]


def test_an_entity_keeps_the_vowel_marks_its_name_ends_with() -> None:
    # Thai and Hindi vowels are combining marks of the letters before them: no decoration.
    template = load_template()
    doc = (
        filled_spec("Users")
        .replace("UsersRecord", "ผู้ใช้")  # in the Relationships too
        .replace("### ผู้ใช้", "### ผู้ใช้\n\nFields.\n\n### सेवाएं")
        .replace("### Purpose\n", "### Purpose\nSee [[ผู้ใช้]] and [[सेवाएं]].\n")
    )
    report = check_sources([Source("d.md", doc)], template)
    assert [d.code for d in report.diagnostics] == []
    assert {"ผู้ใช้", "सेवाएं"} <= {entity.name for entity in report.catalog.entities}


def test_an_optional_field_left_empty_is_as_good_as_left_out() -> None:
    # MADR's front matter: `consulted` and `informed` are optional; nobody is a fair answer.
    madr = load_template("madr")
    doc = (
        "---\nstatus: accepted\ndate: 2026-01-02\nconsulted:\ninformed: []\n---\n\n# Use X\n\n"
        "## Context and Problem Statement\n\nWhy.\n\n## Considered Options\n\n* X\n\n"
        "## Decision Outcome\n\nX.\n"
    )
    assert codes("", doc, madr) == []
    template = parse_template("# [Title]\n\n**Owner**: [Name]\n\n## A\n\n[Text]\n", "t.md")
    assert codes("", "# T\n\n**Owner**:\n\n## A\n\nText.\n", template) == [(3, "invalid-field")]


def test_a_heading_written_as_a_link_is_the_section_its_text_names() -> None:
    template = "# [Title]\n\n## Overview\n\n### Goals\n\n[Goals]\n"
    doc = "# T\n\n## Overview\n\n### [Goals](https://example.com/okrs)\n\nShip it.\n"
    assert codes(template, doc) == []


FRENCH = """\
# ADR : [Titre]

**Statut** : [Brouillon | Proposé | Accepté]
**Auteur** : [Nom]

## Contexte

[Pourquoi]
"""


@pytest.mark.parametrize("name", ["Statut", "Estado", "Статус", "ステータス"])
def test_status_in_the_templates_language_is_the_status(name: str) -> None:
    template = parse_template(FRENCH.replace("Statut", name), "t.md")
    assert template.statuses == ("Brouillon", "Proposé", "Accepté")
    doc = f"# ADR : Grève\n\n**{name}** : accepté\n**Auteur** : Zoé\n\n## Contexte\n\nParce que.\n"
    report = check_sources([Source("d.md", doc)], template)
    assert report.diagnostics == [] and report.specs[0].status == "Accepté"
    wrong = check_sources([Source("d.md", doc.replace("accepté", "fini"))], template)
    assert [d.code for d in wrong.diagnostics] == ["unknown-status"]
    # A new doc starts in the first status, in which its placeholders are only warnings.
    created = new_spec(template, FRENCH.replace("Statut", name), "Grève")
    assert f"**{name}** : Brouillon" in created.text


@pytest.mark.parametrize(
    ("field", "placeholder"),
    [("Datum", "[Text]"), ("Erstellt", "[JJJJ-MM-TT]"), ("Créé", "[AAAA-MM-JJ]"), ("日付", "[値]")],
)
def test_a_date_is_told_by_its_name_or_its_shape_in_the_templates_language(
    field: str, placeholder: str
) -> None:
    template = parse_template(f"# [Titel]\n\n**{field}**: {placeholder}\n\n## A\n\n[B]\n", "t.md")
    assert template.fields[0].kind is FieldKind.DATE
    assert codes("", f"# T\n\n**{field}**: 5. März 2024\n\n## A\n\nB.\n", template) == [
        (3, "invalid-field")
    ]
    assert codes("", f"# T\n\n**{field}**: 2024-03-05\n\n## A\n\nB.\n", template) == []


def test_a_heading_with_no_space_after_its_marks_is_reported_where_it_is() -> None:
    # `##Overview` is a heading to Python-Markdown (MkDocs), text to CommonMark (GitHub).
    template = parse_template("# [Title]\n\n## Overview\n\n[Text]\n", "t.md")
    report = check_sources([Source("d.md", "# T\n\n##Overview\n\nText.\n")], template)
    (problem,) = report.diagnostics
    assert (problem.line, problem.column, problem.code) == (3, 1, "missing-section")
    assert problem.hint.startswith('"##Overview" is a heading to MkDocs but not to CommonMark')


def test_a_heading_indented_by_spaces_is_reported_as_mkdocs_renders_it() -> None:
    # `  ## Overview` is a heading to CommonMark (GitHub), a paragraph to Python-Markdown.
    template = parse_template("# [Title]\n\n## Overview\n\n### Goals\n\n[Text]\n", "t.md")
    text = " # T\n\n  ## Overview\n\n   ### Goals\n\nText.\n"
    assert markdown.markdown(text).count("<h") == 0  # what MkDocs makes of it
    report = check_sources([Source("d.md", text)], template)
    found = [(d.line, d.column, d.code, d.hint) for d in report.diagnostics]
    why = (
        " is text to MkDocs, which reads a heading only at the start of a line (GitHub and "
        "most editors show one): remove the spaces before the #s."
    )
    assert found == [
        (1, 1, "missing-title", '" # T"' + why),
        (3, 1, "missing-section", '"  ## Overview"' + why),
        (5, 1, "missing-section", '"   ### Goals"' + why),
    ]
    unindented = "# T\n\n## Overview\n\n### Goals\n\nText.\n"
    assert not check_sources([Source("d.md", unindented)], template).diagnostics


@pytest.mark.parametrize(
    "written", ["Accepted on 2024-01-02", "Accepted 2024-01-02", "Accepted, 2024-01-02"]
)
def test_a_status_with_its_day_after_it_is_that_status(written: str) -> None:
    nygard = load_template("nygard")
    assert nygard.canonical_status(written) == "Accepted"


def test_one_name_however_its_letters_are_typed_is_one_entity_and_one_status() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Café")
    template = load_template()
    sources = [
        Source("a.md", filled_spec("A").replace("### ARecord", "### Café")),
        Source("b.md", filled_spec("B").replace("### BRecord", f"### {decomposed}")),
    ]
    report = check_sources(sources, template)
    assert "duplicate-entity" in {d.code for d in report.diagnostics}
    madr = load_template("madr")  # an open list: a status it lists not is kept as written
    assert madr.canonical_status("Überprüft") == madr.canonical_status(
        unicodedata.normalize("NFD", "Überprüft")
    )


def test_hindi_status_and_marks_beside_values() -> None:
    template = parse_template(
        "# [Title]\n\n**स्थिति**: [मसौदा | स्वीकृत]\n**Created**: [Date]\n\n## A\n\n[B]\n", "t.md"
    )
    assert template.statuses == ("मसौदा", "स्वीकृत")
    # A right-to-left mark and a space around a value are no part of it.
    doc = "# T\n\n**स्थिति**: स्वीकृत\n**Created**: 2024-01-01 \u200f\n\n## A\n\nB.\n"
    report = check_sources([Source("d.md", doc)], template)
    assert report.diagnostics == [] and report.specs[0].status == "स्वीकृत"


def test_a_modifier_symbol_ending_an_entity_name_is_the_names() -> None:
    doc = filled_spec("A").replace("### ARecord", "### Line^").replace("ARecord", "Line^")
    report = check_sources([Source("a.md", doc)], load_template())
    assert "Line^" in {entity.name for entity in report.catalog.entities}


EXAMPLES = """\
# Spec: [Name]

**Document Type**: Design Note
**Version**: 0.1
**Date**: 2024-01-01
**Status**: Draft
**Owner**: TBD
**Ticket**: N/A
**Authors**: [Ada](https://example.com/ada), …

## A

[a]
"""


def test_a_value_written_as_an_example_of_its_kind_is_no_value_to_copy() -> None:
    # Dates, versions, a status, values yet to decide: examples. Other text: a constant.
    template = parse_template(EXAMPLES, "t.md")
    kinds = {f.name: f.kind.value for f in template.fields}
    assert kinds == {
        "Document Type": "literal",
        "Version": "version",
        "Date": "date",
        "Status": "choice",
        "Owner": "text",
        "Ticket": "text",
        "Authors": "text",
    }
    assert (template.draft_status, template.status_field.open_choices) == ("Draft", True)
    filled = (
        "# Spec: Orders\n\n**Document Type**: Design Note\n**Version**: 1.0\n"
        "**Date**: 2025-03-04\n**Status**: Approved\n**Owner**: Ada\n**Ticket**: T-1\n"
        "**Authors**: Ada, Grace\n\n## A\n\nB.\n"
    )
    assert codes("", filled, template) == []
    # Kept as the template gives them: a version, a status and "N/A" are values; a date,
    # "TBD" and the example of authors are still to write.
    kept = EXAMPLES.replace("[Name]", "Orders").replace("[a]", "B.")
    assert codes("", kept, template) == [(5, "placeholder"), (7, "placeholder"), (9, "placeholder")]
    wrong = filled.replace("Design Note", "Other").replace("1.0", "three").replace("03-04", "02-31")
    assert codes("", wrong, template) == [
        (3, "invalid-field"),
        (4, "invalid-field"),
        (5, "invalid-field"),
    ]


@pytest.mark.parametrize(
    "written",
    ["Draft | Review | Final", "`Draft | Review | Final`", "`Draft` | `Review` | `Final`",
     "_Draft | Review | Final_", "Draft / Review / Final"],
)  # fmt: skip
def test_a_list_of_statuses_written_bare_is_their_choices(written: str) -> None:
    template = parse_template(f"# S: [T]\n\n**Status**: {written}\n\n## A\n\n[a]\n", "t.md")
    assert template.statuses == ("Draft", "Review", "Final")
    assert codes("", "# S: X\n\n**Status**: Final\n\n## A\n\nB.\n", template) == []
    assert codes("", "# S: X\n\n**Status**: Gone\n\n## A\n\nB.\n", template) == [
        (3, "unknown-status")
    ]


def test_a_field_named_version_holds_a_version() -> None:
    template = parse_template("# S: [T]\n\n**Version**: [X.Y.Z]\n\n## A\n\n[a]\n", "t.md")
    assert codes("", "# S: X\n\n**Version**: three\n\n## A\n\nB.\n", template) == [
        (3, "invalid-field")
    ]


INFORMATION = """\
# Technical Specification: [Module Name]

## Document Information
- **Status**: [Draft | Approved]
- **Created**: [YYYY-MM-DD]
- **Author**: [Author]

## Overview

[Overview]
"""


def test_fields_in_a_section_of_fields_after_the_title_are_the_templates_too() -> None:
    template = parse_template(INFORMATION, "t.md")
    assert [f.name for f in template.fields] == ["Status", "Created", "Author"]
    good = INFORMATION.replace("[Module Name]", "Orders").replace("[Overview]", "Orders.")
    good = good.replace("[Draft | Approved]", "Approved").replace("[YYYY-MM-DD]", "2025-02-01")
    assert codes("", good.replace("[Author]", "Ada"), template) == []
    bad = good.replace("Approved", "Bogus").replace("02-01", "02-31")
    bad = bad.replace("- **Author**: [Author]\n", "")
    assert codes("", bad, template) == [
        (2, "missing-field"),
        (4, "unknown-status"),
        (5, "invalid-field"),
    ]


def test_front_matter_that_does_not_parse_is_one_problem() -> None:
    template = parse_template(
        '---\nstatus: "{proposed | accepted}"\ndate: "{YYYY-MM-DD}"\ndeciders: "{names}"\n'
        "owner: {name of its owner}\n---\n# {title}\n\n## A\n\n{a}\n",
        "madr.md",
    )
    doc = "---\nstatus: accepted\ndate: 2025-02-30\ndeciders: Ann, Bob\n---\n# X\n\n## A\n\nB.\n"
    # The keys it holds are unread, not missing; one it lacks is missing still.
    assert codes("", doc, template) == [(3, "invalid-front-matter"), (7, "missing-field")]


MUSTACHE = """\
# Tech Spec: {{project_name}}

**Project:** {{project_name}}
**Author:** {{author}}

## Summary

{{problem_statement}} and {{ config.site_name }}, a macro the site renders.

{% include "snippets/footer.md" %}

### Story Breakdown ({{story_count}} Stories)

{{stories}}
"""


def test_placeholders_in_double_braces() -> None:
    template = parse_template(MUSTACHE, "t.md")
    assert [(f.name, f.kind.value) for f in template.fields] == [
        ("Project", "text"),
        ("Author", "text"),
    ]
    assert not [p for p in template.placeholders if p.startswith(("{{ ", "{%"))]
    filled = (
        "# Tech Spec: Pjangler\n\n**Project:** Pjangler\n**Author:** Ada\n\n## Summary\n\n"
        "Too slow, and {{ config.site_name }}.\n\n### Story Breakdown (1-10 Stories)\n\nMany.\n"
    )
    assert codes("", filled, template) == []
    left = filled.replace("Ada", "{{author}}").replace("Too slow", "{{problem_statement}}")
    assert codes("", left, template) == [(4, "placeholder"), (8, "placeholder")]


ANGLES = """\
# Spec: <Feature name>

**Owner**: <name>
**Created**: <YYYY-MM-DD>
**Summary**: <summary>

## Summary

<One paragraph summary>, beside <br> and <https://example.com>, a `List<T>` and Map<K>, <>,
< >, <<>>, a type <T> or <K, V>.

## Design

<Describe the design>
"""


def test_placeholders_in_angles_that_are_no_tag() -> None:
    template = parse_template(ANGLES, "eip.md")
    assert [(f.name, f.kind.value) for f in template.fields] == [
        ("Owner", "text"),
        ("Created", "date"),
        ("Summary", "text"),  # its angles hold an element's name, yet it is no tag here
    ]
    assert template.placeholders == {
        "<Feature name>",
        "<name>",
        "<YYYY-MM-DD>",
        "<One paragraph summary>",
        "<Describe the design>",
    }
    filled = (
        "# Spec: Fees\n\n**Owner**: Ada\n**Created**: 2025-01-02\n**Summary**: Fees.\n\n"
        "## Summary\n\nFees.\n\n"
        "## Design\n\nA curve.\n"
    )
    assert codes("", filled, template) == []
    kept = ANGLES.replace("<Feature name>", "Fees").replace("<Describe the design>", "A curve.")
    assert codes("", kept, template) == [
        (3, "placeholder"),
        (4, "placeholder"),
        (5, "placeholder"),
        (9, "placeholder"),
    ]
    assert not list(in_prose("<> < > <<>> <\t>"))


EIP = """\
---
title: <The EIP title is a few words, not a complete sentence>
author: <a comma separated list of the authors' names, or name and email (in angle brackets), FirstName LastName <foo@bar.com>>
status: Draft
category: <Core, Networking, Interface, or ERC> # Only required for Standards Track. Otherwise, remove this field.
requires: <EIP number(s)> # Only required when you reference an EIP. Otherwise, remove this field.
---

**Reviewers**: [Names] (optional)
**Epic**: [Link] (if applicable)
**Supersedes**: [Spec] (if any)
**Designs**: *optional* [Figma link]
* Vision: *if applicable* [Vision Name](https://example.com/vision)

## Abstract

<!--
  The Abstract is a multi-sentence (short paragraph) technical summary.
-->

## Backwards Compatibility

<!--

  This section is optional.

  All EIPs that introduce backwards incompatibilities must include a section.
-->

No backward compatibility issues found.
"""  # noqa: E501 (as the EIP template writes it)


def test_what_a_template_marks_optional_in_the_ways_eips_do() -> None:
    template = parse_template(EIP, "eip.md")
    optional = {f.name: f.optional for f in template.fields}
    assert optional == {  # a `title:` is the page's (MkDocs'), not a field
        "author": False,
        "status": False,
        "category": True,
        "requires": True,
        "Reviewers": True,
        "Epic": True,
        "Supersedes": True,
        "Designs": True,
        "Vision": True,
    }
    assert [(s.title, s.optional) for s in template.sections] == [
        ("Abstract", False),
        ("Backwards Compatibility", True),
    ]
    doc = "---\ntitle: Fee market\nauthor: Ada (@ada)\nstatus: Final\n---\n\n## Abstract\n\nA.\n"
    assert codes("", doc, template) == []
    # An optional field's example (a link) is no value to copy where a doc has the field.
    visioned = doc.replace(
        "## Abstract", "* Vision: [Ours](https://example.com/ours)\n\n## Abstract"
    )
    assert codes("", visioned, template) == []


@pytest.mark.parametrize(
    ("written", "meant"), [("Aproved", "Approved"), ("in-review", "In Review")]
)
def test_an_unknown_status_near_one_of_the_templates_is_named(written: str, meant: str) -> None:
    template = parse_template(
        "# S: [T]\n\n**Status**: [Draft | In Review | Approved]\n\n## A\n\n[a]\n", "t.md"
    )
    report = check_sources(
        [Source("d.md", f"# S: X\n\n**Status**: {written}\n\n## A\n\nB.\n")], template
    )
    (problem,) = report.diagnostics
    assert problem.code == "unknown-status"
    assert problem.hint.startswith(f'Did you mean "{meant}"? Use one of Draft, In Review, Approved')


def test_a_literal_fields_hint_writes_it_as_the_template_does() -> None:
    template = parse_template("---\nkind: Design Note\n---\n# S: [T]\n\n## A\n\n[a]\n", "t.md")
    report = check_sources(
        [Source("d.md", "---\nkind: Other\n---\n# S: X\n\n## A\n\nB.\n")], template
    )
    assert [d.hint for d in report.diagnostics] == ['Write "kind: Design Note".']


def test_a_one_word_placeholder_in_braces_may_end_with_its_stop() -> None:
    template = parse_template(
        "# D: {title}\n\n## Decision\n\n{Decision.}\n\n## Why\n\n{Why?}\n", "t.md"
    )
    assert {"{Decision.}", "{Why?}"} <= template.placeholders
    doc = "# D: X\n\n## Decision\n\n{Decision.}\n\n## Why\n\nBecause.\n"
    assert codes("", doc, template) == [(5, "placeholder")]


@pytest.mark.parametrize("title", ["RFC: Faster builds", "📘 RFC: Faster builds", "📕 RFC: X"])
def test_an_emoji_in_the_templates_title_is_decoration(title: str) -> None:
    template = parse_template("# 📘 RFC: [Title]\n\n## A\n\n[a]\n", "t.md")
    assert codes("", f"# {title}\n\n## A\n\nB.\n", template) == []


def test_a_section_at_another_level_is_reported_where_it_is() -> None:
    template = parse_template(
        "# D: [T]\n\n## Consequences\n\n### Positive\n\n[p]\n\n### Negative\n\n[n]\n", "t.md"
    )
    doc = "# D: X\n\n## Consequences\n\n## Positive\n\nGood.\n\n### Negative\n\nBad.\n"
    report = check_sources([Source("d.md", doc)], template)
    assert [(d.line, d.code, d.hint) for d in report.diagnostics] == [
        (3, "empty-section", 'Write it, or put "N/A" in it if it does not apply.'),
        (
            5,
            "missing-section",
            '"## Positive" is at another level or under another section: make it '
            '"### Positive" under "Consequences".',
        ),
        (
            9,
            "missing-section",
            '"### Negative" is at another level or under another section: make it '
            '"### Negative" under "Consequences".',
        ),
    ]


def test_an_issue_key_given_as_an_example_is_no_token() -> None:
    template = parse_template("# D: [T]\n\n**Ticket**: JIRA-123\n\n## A\n\n[a]\n", "t.md")
    assert codes("", "# D: X\n\n**Ticket**: JIRA-999\n\n## A\n\nB.\n", template) == []


def test_choices_between_slashes_or_in_bold_joined_by_or() -> None:
    template = parse_template(
        "# S: [T]\n\n* Status: **Awaiting implementation** or **Awaiting review**\n"
        "* Priority: P0 / P1 / P2\n* Breaking Change: Yes / No\n\n## A\n\n[a]\n",
        "t.md",
    )
    assert [(f.name, f.choices) for f in template.fields] == [
        ("Status", ("Awaiting implementation", "Awaiting review")),
        ("Priority", ("P0", "P1", "P2")),
        ("Breaking Change", ("Yes", "No")),
    ]
    doc = (
        "# S: X\n\n* Status: Awaiting review\n* Priority: P1\n* Breaking Change: No\n\n## A\n\nB.\n"
    )
    assert codes("", doc, template) == []
    assert codes("", doc.replace("P1", "P7"), template) == [(4, "invalid-field")]


def test_a_doc_may_copy_what_the_template_writes_as_it_stands() -> None:
    # A constant with slashes, a list, a link, a handle, a key: each a team's own, maybe.
    header = (
        "**Protocol**: TCP / IP\n**Platforms**: iOS, Android, Web\n"
        "**Process**: [Spec process](https://wiki.example.com/process)\n"
        "**Approvers**: @acme/architecture\n**Epic**: PAY-100\n"
    )
    template = parse_template(f"# D: [T]\n\n{header}\n## A\n\n[a]\n", "t.md")
    assert codes("", f"# D: X\n\n{header}\n## A\n\nB.\n", template) == []
    other = header.replace("TCP / IP", "TCP").replace("PAY-100", "PAY-7").replace("Web", "Mac")
    assert codes("", f"# D: X\n\n{other}\n## A\n\nB.\n", template) == []


TABLED = """\
# RFC: [Title]

| Status | [Draft \\| Review \\| Final] |
|---|---|
| Type | [Feature \\| Fix] |
| Created | [YYYY-MM-DD] |

## Summary

[Summary]
"""


def test_a_table_of_fields_in_a_template_and_its_docs_and_tables_that_are_none() -> None:
    template = parse_template(TABLED, "t.md")
    assert [f.name for f in template.fields] == ["Status", "Type", "Created"]
    doc = "# RFC: X\n\n| Status | Finall |\n|---|---|\n| Type | Fix |\n| Created | 2024-01-02 |\n"
    assert codes("", doc + "\n## Summary\n\nA.\n", template) == [(3, "unknown-status")]
    # A table whose rows are not all fields names its columns in its first row.
    fields = "**Status**: Final\n**Type**: Fix\n**Created**: 2024-01-02\n"
    for table in (
        "| **Status** | Since |\n|---|---|\n| Draft | 2026-01-12 |",
        "| Status | Date |\n|---|---|\n| Created | 2024-01-02 |\n| Final | 2024-02-01 |",
        "| **Status** | Meaning |\n|---|---|\n| **Draft** | being written |",
    ):
        text = f"# RFC: X\n\n{table}\n\n{fields}\n## Summary\n\nA.\n"
        report = check_sources([Source("d.md", text)], template)
        assert (report.diagnostics, report.specs[0].status) == ([], "Final"), table
    # A field's name as a first row's key, its value in bold: fields, all of it.
    bold = "# RFC: X\n\n| **Type** | **Fix** |\n|---|---|\n| **Status** | Final |\n"
    bold += "| **Created** | 2024-01-02 |\n\n## Summary\n\nA.\n"
    assert codes("", bold, template) == []


def test_more_of_how_templates_write_their_fields() -> None:
    header = (
        "**Version**: 1\n**Created by**: Ada Lovelace\n**Priority**: Low/Medium/High\n"
        "**Status**: Proposed / Accepted / Rejected / Superseded by ADR-XXX\n"
        "**Repository**: https://github.com/acme/app\n**Issue**: #123\n"
        "**Contact**: team@example.com\n**Reviewers**: [Names] (optional, comma-separated)\n"
        "**Designs**: [Link] — optional\n**Owner**: [Team] / [Person]\n**Since**: 2024/01/31\n"
    )
    template = parse_template(f"# D: [T]\n\n{header}\n## A\n\n[a]\n", "t.md")
    kinds = {f.name: (f.kind.value, f.optional) for f in template.fields}
    assert kinds == {
        "Version": ("version", False),
        "Created by": ("literal", False),  # a name, though the key names a date
        "Priority": ("choice", False),
        "Status": ("choice", False),
        "Repository": ("text", False),
        "Issue": ("text", False),
        "Contact": ("text", False),
        "Reviewers": ("text", True),
        "Designs": ("text", True),
        "Owner": ("text", False),  # placeholders between slashes: either, in words of its own
        "Since": ("literal", False),  # no choices: a date, though not as ISO writes it
    }
    assert template.statuses == ("Proposed", "Accepted", "Rejected", "Superseded by")
    doc = (
        "# D: X\n\n**Version**: 2\n**Created by**: Ada Lovelace\n**Priority**: Medium\n"
        "**Status**: Superseded by ADR-0002\n**Repository**: https://github.com/acme/other\n"
        "**Issue**: #7\n**Contact**: ops@example.com\n**Owner**: Payments\n"
        "**Since**: 2024/01/31\n\n## A\n\nB.\n"
    )
    report = check_sources([Source("d.md", doc)], template)
    assert [d.code for d in report.diagnostics] == ["unresolved-reference"]  # no ADR-0002 here


def test_a_table_of_fields_a_doc_adds_a_row_to_and_placeholders_that_name_columns() -> None:
    template = parse_template(
        "# S: [T]\n\n| **Owner** | [Name] |\n|---|---|\n| Status | [Draft \\| Approved] |\n"
        "| Created | [Date] |\n\n## A\n\n[a]\n",
        "t.md",
    )
    assert [f.name for f in template.fields] == ["Owner", "Status", "Created"]
    doc = (
        "# S: X\n\n| Owner | Ada |\n|---|---|\n| Status | Approved |\n| Created | 2024-03-05 |\n"
        "| Reviewers | Bob, Carol |\n\n## A\n\nB.\n"
    )
    report = check_sources([Source("d.md", doc)], template)
    assert (report.diagnostics, report.specs[0].status) == ([], "Approved")


@pytest.mark.parametrize(
    ("key", "written", "filled"),
    [
        ("Created", "MM/DD/YYYY", "2024-03-05"),
        ("Created", "YYYY-MM-DD / TBD", "2024-03-05"),
        ("Ticket", "PROJ-XXXX / none", "PAY-12"),
    ],
)
def test_placeholders_between_slashes_are_no_choices(key: str, written: str, filled: str) -> None:
    template = parse_template(f"# S: [T]\n\n**{key}**: {written}\n\n## A\n\n[a]\n", "t.md")
    assert codes("", f"# S: X\n\n**{key}**: {filled}\n\n## A\n\nB.\n", template) == []


@pytest.mark.parametrize("version", ["1.0.0-beta", "V1"])
def test_a_version_given_by_example_takes_any_version(version: str) -> None:
    template = parse_template(f"# S: [T]\n\n**Version**: {version}\n\n## A\n\n[a]\n", "t.md")
    assert codes("", "# S: X\n\n**Version**: V2.1\n\n## A\n\nB.\n", template) == []
