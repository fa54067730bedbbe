"""Inline suppressions: `<!-- specs-disable CODE -->` comments, read by the core from the text."""

from __future__ import annotations

import datetime

from conftest import filled_spec

from mkdocs_specs.core.check import Report, Source, check_sources
from mkdocs_specs.core.rule_levels import Level, RuleLevels
from mkdocs_specs.core.template import load_template

TEMPLATE = load_template(None)
TODAY = datetime.date(2026, 3, 1)
LEAD = "**Technical Lead**: [Name]"  # a placeholder: an error in an Approved spec
EPIC = "**Feature/Epic**: [Link to parent feature/epic]"


def spec(*, before_lead: str = "", before_epic: str = "", end: str = "") -> str:
    text = (
        filled_spec("Billing")
        .replace("**Technical Lead**: Ada Lovelace", before_lead + LEAD)
        .replace("**Feature/Epic**: SHOP-1", before_epic + EPIC)
    )
    return text + end


def checked(text: str, rules: RuleLevels | None = None, **others: str) -> Report:
    sources = [Source("specs/billing.md", text)]
    sources += [Source(path, other) for path, other in others.items()]
    return check_sources(sources, TEMPLATE, TODAY, rules=rules)


def found(report: Report) -> list[tuple[int, str, str, bool]]:
    """(line, code, severity, suppressed) of the first spec's diagnostics."""
    return [(d.line, d.code, d.severity.value, d.suppressed) for d in report.specs[0].diagnostics]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_disable_until_enable() -> None:
    text = spec(
        before_lead="<!-- specs-disable placeholder, empty-section -->\n",
        before_epic="<!-- specs-enable -->\n",
    )
    lead, epic = line_of(text, LEAD), line_of(text, EPIC)
    assert lead < epic
    report = checked(text)
    assert found(report) == [
        (lead - 1, "unused-suppression", "warning", False),  # no empty section to suppress
        (lead, "placeholder", "error", True),
        (epic, "placeholder", "error", False),
    ]
    assert [(d.code, d.message) for d in report.diagnostics if d.active] == [
        ("unused-suppression", "specs-disable empty-section suppresses nothing"),
        ("placeholder", "Placeholder [Link to parent feature/epic] is not filled in"),
    ]
    assert report.summary() == "1 invalid spec, 1 error, 1 warning"


def test_enable_names_the_codes_it_ends() -> None:
    text = spec(
        before_lead="<!-- specs-disable placeholder -->\n",
        before_epic="<!-- specs-enable section-order -->\n",
    )
    active = [(d.code, d.message) for d in checked(text).diagnostics if d.active]
    assert active == [
        ("unused-suppression", "specs-enable section-order ends no specs-disable of it")
    ]


def test_next_line_and_file() -> None:
    text = spec(before_lead="<!-- specs-disable-next-line placeholder -->\n")
    lead, epic = line_of(text, LEAD), line_of(text, EPIC)
    assert found(checked(text)) == [
        (lead, "placeholder", "error", True),
        (epic, "placeholder", "error", False),
    ]
    text = spec(end="\n<!-- specs-disable-file placeholder -->\n")
    assert [d.suppressed for d in checked(text).diagnostics] == [True, True]
    assert checked(text).summary() == "0 invalid specs, 0 errors"
    # In a block quote, a comment renders to nothing as well: it is a directive there too,
    # in a quote's list and a quote in a quote alike.
    for quoted in (
        "> <!-- specs-disable-file placeholder -->",
        ">\t<!-- specs-disable-file placeholder -->",
        ">  > <!-- specs-disable-file placeholder -->",
        "> - item\n>\n>     <!-- specs-disable-file placeholder -->",
    ):
        text = spec(end=f"\n> Quoted.\n{quoted}\n")
        assert [d.suppressed for d in checked(text).diagnostics] == [True, True], quoted


def test_a_directive_in_another_case_or_with_a_colon_is_one_still() -> None:
    # A comment meant as a directive is never passed over as prose, suppressing nothing.
    for written in (
        "<!-- SPECS-DISABLE-NEXT-LINE PLACEHOLDER -->",
        "<!-- Specs-Disable-Next-Line Placeholder -->",
        "<!-- specs-disable-next-line: placeholder -->",
    ):
        text = spec(before_lead=written + "\n")
        lead, epic = line_of(text, LEAD), line_of(text, EPIC)
        assert found(checked(text)) == [
            (lead, "placeholder", "error", True),
            (epic, "placeholder", "error", False),
        ], written


def test_a_suppression_that_suppresses_nothing_is_a_warning_where_it_is() -> None:
    text = spec(before_lead="<!-- specs-disable-next-line date-order -->\n")
    lead = line_of(text, LEAD)
    unused = [d for d in checked(text).diagnostics if d.code == "unused-suppression"]
    assert [(d.line, d.column, d.severity.value, d.message) for d in unused] == [
        (lead - 1, 1, "warning", "specs-disable-next-line date-order suppresses nothing")
    ]


def test_an_unknown_code_or_directive_is_an_error_with_did_you_mean() -> None:
    text = spec(
        before_lead="<!-- specs-disable-next-line placeholdr -->\n",
        before_epic="<!-- specs-disabel placeholder -->\n<!-- specs-disable-next-line -->\n",
    )
    invalid = [
        (d.severity.value, d.message)
        for d in checked(text).diagnostics
        if d.code == "invalid-suppression"
    ]
    assert invalid == [
        ("error", "Unknown rule code 'placeholdr' (did you mean 'placeholder'?)"),
        ("error", "Unknown directive 'specs-disabel' (did you mean 'specs-disable'?)"),
        ("error", "specs-disable-next-line names no rule code"),
    ]
    # The placeholder it meant is not suppressed.
    assert all(d.active for d in checked(text).diagnostics if d.code == "placeholder")
    # A directive missing a part of its name is pointed to the one that has them all.
    text = spec(before_lead="<!-- specs-disable-line placeholder -->\n")
    (found,) = [d for d in checked(text).diagnostics if d.code == "invalid-suppression"]
    assert found.message == (
        "Unknown directive 'specs-disable-line' (did you mean 'specs-disable-next-line'?)"
    )
    assert found.hint == (
        "Write one of specs-disable, specs-enable, specs-disable-next-line, specs-disable-file, "
        "then the rule codes."
    )


def test_a_suppression_in_a_code_block_is_an_example_not_a_suppression() -> None:
    example = "```markdown\n<!-- specs-disable-file placeholder -->\n```\n"
    for block in (example, "\n    <!-- specs-disable-file placeholder -->\n"):
        report = checked(spec(end="\n" + block))
        assert [(d.code, d.active) for d in report.diagnostics] == [
            ("placeholder", True),
            ("placeholder", True),
        ]


def test_problems_across_specs_are_suppressed_too() -> None:
    reference = "Bills each [[Invoce]].\n"
    text = filled_spec("Billing").replace(
        "### Purpose\n",
        f"### Purpose\n<!-- specs-disable-next-line unresolved-reference -->\n{reference}",
    )
    report = checked(text)
    assert [(d.code, d.suppressed) for d in report.diagnostics] == [("unresolved-reference", True)]


def test_rule_levels_apply_before_suppressions_and_to_their_problems() -> None:
    text = spec(before_lead="<!-- specs-disable-next-line placeholder date-order -->\n")
    off = RuleLevels({"placeholder": Level.OFF, "unused-suppression": Level.ERROR})
    report = checked(text, off)
    # placeholder is off: nothing left for either code to suppress, and the first says why.
    assert [(d.code, d.severity.value, d.message, d.hint) for d in report.diagnostics] == [
        (
            "unused-suppression",
            "error",
            "specs-disable-next-line placeholder suppresses nothing: the rule is off",
            "Remove the comment, or set the rule back on in rules:.",
        ),
        (
            "unused-suppression",
            "error",
            "specs-disable-next-line date-order suppresses nothing",
            "Remove the comment: the problem it was for is gone.",
        ),
    ]


def test_directives_silence_their_own_problems_as_rufs_noqa_does() -> None:
    stale = "<!-- specs-disable-next-line empty-section -->\n"  # nothing of it to suppress
    text = spec(before_lead=stale, end="\n<!-- specs-disable-file unused-suppression -->\n")
    report = checked(text)
    assert found(report) == [
        (line_of(text, stale.strip()), "unused-suppression", "warning", True),
        (line_of(text, LEAD), "placeholder", "error", False),
        (line_of(text, EPIC), "placeholder", "error", False),
    ]
    # With nothing of its own to silence, it is unused in turn, and says so.
    text = spec(end="\n<!-- specs-disable-file unused-suppression -->\n")
    [unused] = [d for d in checked(text).diagnostics if d.code == "unused-suppression"]
    assert (unused.message, unused.suppressed) == (
        "specs-disable-file unused-suppression suppresses nothing",
        False,
    )
    # An invalid directive is silenced the same way.
    typo = "<!-- specs-disable-next-line placeholdr -->\n"
    text = spec(before_epic=typo, end="\n<!-- specs-disable-file invalid-suppression -->\n")
    invalid = [d for d in checked(text).diagnostics if d.code == "invalid-suppression"]
    assert [d.suppressed for d in invalid] == [True]
