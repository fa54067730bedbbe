"""Diagnostics: one problem, its place in the source, its rule code, severity and hint."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum

# What a terminal or a log reader takes for a new line, written as its escape (`\n`).
_ONE_LINE = {
    ord(char): char.encode("unicode_escape").decode("ascii")
    for char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
}


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at ``path:line:column`` (1-based, in the source file as written)."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    suppressed: bool = False  # by a specs-disable comment in the spec
    baselined: bool = False  # recorded in the baseline: known, and not failing anything

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def active(self) -> bool:
        """Whether it counts: neither suppressed nor baselined."""
        return not (self.suppressed or self.baselined)

    @property
    def explained(self) -> str:
        """The message with its hint, for formats that carry place and code separately."""
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message

    def format(self) -> str:
        """One line, whatever line breaks a value quoted in it (or the path) holds."""
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.severity.value} [{self.code}] {self.explained}".translate(_ONE_LINE)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def in_place_order(diagnostic: Diagnostic) -> tuple[int, int, str]:
    """The sort key of one file's problems: by place, then code; ties keep their order."""
    return diagnostic.line, diagnostic.column, diagnostic.code


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """Return (errors, warnings) among the active diagnostics."""
    errors = warnings = 0
    for diagnostic in diagnostics:
        if not diagnostic.active:
            continue
        if diagnostic.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def plural(number: int, word: str, words: str = "") -> str:
    """``1 error``, ``2 errors``; ``words`` is the plural where it is not ``word`` + s."""
    return f"{number} {word}" if number == 1 else f"{number} {words or word + 's'}"
