"""Diagnostics: one problem, its place in the source, and the stable rule codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    summary: str
    help: str


# The public catalogue of rule codes: stable, documented, and the source of SARIF rules.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "invalid-front-matter",
            "YAML front matter does not parse",
            "Fix the YAML between the leading '---' lines; MkDocs silently ignores it.",
        ),
        Rule(
            "missing-title",
            "The spec has no H1 title",
            "Start the spec with a '# ' title that follows the template's title pattern.",
        ),
        Rule(
            "title-mismatch",
            "The H1 does not fit the template's title pattern",
            "Write the title as the template does, with its placeholder filled in.",
        ),
        Rule(
            "missing-field",
            "A header field of the template is absent",
            "Add the field to the header, as '**Key**: value'.",
        ),
        Rule(
            "invalid-field",
            "A header field's value is not of its kind",
            "Write dates as YYYY-MM-DD, versions as 1.2 or 1.2.0, choices as listed.",
        ),
        Rule(
            "unknown-status",
            "The status is not among the template's statuses",
            "Use one of the statuses the template lists.",
        ),
        Rule(
            "placeholder",
            "A template placeholder was left unfilled",
            "Replace the bracketed placeholder with real content.",
        ),
        Rule(
            "missing-section",
            "A required section or subsection is absent",
            "Add the section, or keep it with 'N/A' if it does not apply.",
        ),
        Rule(
            "empty-section",
            "A section has no content",
            "Write the section, or put 'N/A' in it if it does not apply.",
        ),
        Rule(
            "section-order",
            "Template sections are out of the template's order",
            "Move the section to where the template puts it.",
        ),
        Rule(
            "date-order",
            "Last Updated is before Created, or a date is in the future",
            "Check the header dates.",
        ),
        Rule(
            "duplicate-entity",
            "An entity name is defined in two places",
            "Rename one of the definitions, or reference the other with [[Name]].",
        ),
        Rule(
            "unresolved-reference",
            "A reference names no known entity",
            "Reference an entity that some spec defines, or define it.",
        ),
        Rule("unreadable-file", "The file is not UTF-8 text", "Save the spec as UTF-8 text."),
        Rule(
            "nesting-too-deep",
            "Lists or block quotes nest too deeply for Python-Markdown to render",
            "Flatten the nesting; the page shows the spec as plain text until then.",
        ),
    )
}


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

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def explained(self) -> str:
        """The message with its hint, for formats that carry place and code separately."""
        return f"{self.message} (hint: {self.hint})" if self.hint else self.message

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.severity.value} [{self.code}] {self.explained}"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"
