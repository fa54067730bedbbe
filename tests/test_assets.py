"""The stylesheet the plugin ships to every site, as it is shipped."""

from __future__ import annotations

import tinycss2
from contrast import ratio

from mkdocs_specs.plugin.plugin import _STYLESHEET_SOURCE


def _stylesheet() -> list:
    css = _STYLESHEET_SOURCE.read_text(encoding="utf-8")
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


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
    rules = _stylesheet()
    assert _problems(rules) == []
    assert len(rules) > 50  # all of it was read


def _custom_properties(rule) -> dict[str, str]:
    declarations = tinycss2.parse_declaration_list(rule.content, True, True)
    return {
        d.name: tinycss2.serialize(d.value).strip()
        for d in declarations
        if d.type == "declaration" and d.name.startswith("--")
    }


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    digits = hex_colour.lstrip("#")
    assert len(digits) == 6, hex_colour
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return float(red), float(green), float(blue)


def test_every_colour_pair_reads_at_aa_contrast_in_both_schemes() -> None:
    # Each --spec-X-color is the text on its --spec-X-bg: statuses, problems, Review due.
    rules = _stylesheet()
    schemes = {
        tinycss2.serialize(rule.prelude).strip(): _custom_properties(rule)
        for rule in rules
        if rule.type == "qualified-rule"
        and tinycss2.serialize(rule.prelude).strip().startswith((":root", "[data-md-color"))
    }
    assert len(schemes) == 2, list(schemes)  # light, and dark
    for scheme, properties in schemes.items():
        pairs = [name.removesuffix("-color") for name in properties if name.endswith("-color")]
        assert len(pairs) >= 8, scheme
        for name in pairs:
            text, background = _rgb(properties[f"{name}-color"]), _rgb(properties[f"{name}-bg"])
            assert ratio(text, background) >= 4.5, (scheme, name)
