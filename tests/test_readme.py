"""The README documents what the code does: its rule table is the rule catalogue's."""

from __future__ import annotations

from conftest import REPO

from mkdocs_specs.core.rules import RULES

README = (REPO / "README.md").read_text(encoding="utf-8")


def table_rows(header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table that opens with ``header``."""
    lines = README[README.index(header) :].split("\n\n", 1)[0].splitlines()[2:]
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")] for line in lines]


def test_the_rule_table_is_the_rule_catalogue() -> None:
    expected = [[f"`{rule.code}`", rule.when, rule.severity_text] for rule in RULES.values()]
    assert table_rows("| code | when | severity |") == expected
