"""The stylesheet the plugin ships to every site, as it is shipped."""

from __future__ import annotations

from pathlib import Path

import tinycss2

import mkdocs_specs.plugin.plugin as plugin

STYLESHEET = Path(plugin.__file__).parent / "assets" / "specs.css"


def _problems(rules: list) -> list[str]:
    """Where a rule's block is not a list of declarations (or, in an at-rule, of rules)."""
    found = []
    for rule in rules:
        if rule.type == "error":
            found.append(f"{rule.source_line}: {rule.message}")
        elif rule.type == "at-rule" and rule.content is not None:
            found += _problems(tinycss2.parse_rule_list(rule.content, True, True))
        elif rule.type == "qualified-rule":
            declarations = tinycss2.parse_declaration_list(rule.content, True, True)
            found += [
                f"{rule.source_line}: {tinycss2.serialize(rule.prelude).strip()}: {d.message}"
                for d in declarations
                if d.type == "error"
            ]
    return found


def test_every_rule_of_the_stylesheet_is_well_formed() -> None:
    # A brace left open swallows every rule after it: browsers then ignore them all.
    css = STYLESHEET.read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    assert _problems(rules) == []
    assert len(rules) > 50  # all of it was read
