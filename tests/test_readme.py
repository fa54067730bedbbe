"""The README documents what the code does: its rule table is the rule catalogue's."""

from __future__ import annotations

from conftest import REPO

from mkdocs_specs.core.rules import RULES, Rule

README = (REPO / "README.md").read_text(encoding="utf-8")


def table_rows(header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table that opens with ``header``."""
    lines = README[README.index(header) :].split("\n\n", 1)[0].splitlines()[2:]
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines]


def test_the_rule_table_is_the_rule_catalogue() -> None:
    def severity(rule: Rule) -> str:
        if rule.relaxed_in_draft:
            return f"warning in Draft, {rule.severity.value} otherwise"
        return rule.severity.value

    expected = [[f"`{rule.code}`", rule.when, severity(rule)] for rule in RULES.values()]
    assert table_rows("| code | when | severity |") == expected
