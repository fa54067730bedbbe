"""Rule levels: what the ``rules:`` option makes of each code (error, warning or off).

Site-wide, and a document type's own levels over the site's (``overridden``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

from .diagnostics import Diagnostic, Severity
from .rules import RULES
from .suggest import did_you_mean


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


def unknown_code(code: str) -> str:
    """Why ``code`` is not a rule code, with the closest one if any."""
    return f"Unknown rule code {code!r} ({did_you_mean(code, list(RULES))})"


def parse_levels(value: object) -> dict[str, Level]:
    """``{code: error | warning | off}`` as written in ``mkdocs.yml``; raises ``ValueError``.

    YAML reads a bare ``off`` as ``false``: that is ``off`` too.
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(
            f"Expected a mapping of rule codes to error, warning or off, got {value!r}"
        )
    levels: dict[str, Level] = {}
    for code, level in value.items():
        if not isinstance(code, str) or code not in RULES:
            raise ValueError(unknown_code(str(code)))
        if level is False:
            level = Level.OFF.value
        try:
            levels[code] = Level(level)
        except ValueError:
            raise ValueError(
                f"Expected error, warning or off for rule {code!r}, got {level!r}"
            ) from None
    return levels


@dataclass(frozen=True)
class RuleLevels:
    """The level of each code that is set; the others keep their default severity."""

    levels: Mapping[str, Level] = field(default_factory=dict)

    def overridden(self, more: Mapping[str, Level]) -> RuleLevels:
        """These levels with ``more`` (a document type's, say) winning."""
        return RuleLevels({**self.levels, **more})

    @functools.cached_property
    def off(self) -> frozenset[str]:
        """The codes switched off."""
        return frozenset(code for code, level in self.levels.items() if level is Level.OFF)

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics at their set level; those of codes that are off are gone.

        A level set here is the level, Draft or not.
        """
        found = []
        for diagnostic in diagnostics:
            level = self.levels.get(diagnostic.code)
            if level is None:
                found.append(diagnostic)
            elif level is not Level.OFF:
                found.append(replace(diagnostic, severity=Severity(level.value)))
        return found
