"""The template is the schema: derive title pattern, fields, sections and placeholders."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .document import Section, SpecDocument, parse_document
from .names import UNKNOWN_STATUS, field_key, slug

# `[text]` that is not a link (`[text](url)`), a wiki link (`[[x]]`) or a task box (`[x]`).
_PLACEHOLDER = re.compile(r"(?<!\[)\[(?!\[)([^\[\]\n]*[^\[\]\n\sxX][^\[\]\n]*)\](?!\()")
# `[text]` that may be one of the template's placeholders: not after `[`, not before `(` or `]`.
_BRACKETED = re.compile(r"\[(?<!\[\[)[^\[\]\n]+\](?![(\]])")
_DATE = re.compile(r"\bdate\b", re.IGNORECASE)
_VERSION = re.compile(r"\bversion\b", re.IGNORECASE)

BUNDLED_DIR = Path(__file__).parent / "bundled"  # the templates that ship with the plugin
BUNDLED = BUNDLED_DIR / "technical-spec.md"  # the default


class TemplateError(ValueError):
    """The template cannot serve as a schema (missing file, no sections, ...)."""


class FieldKind(str, Enum):
    DATE = "date"
    CHOICE = "choice"
    VERSION = "version"
    LITERAL = "literal"
    TEXT = "text"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    key: str
    kind: FieldKind
    choices: tuple[str, ...] = ()
    example: str = ""  # what the template wrote: the literal value or the placeholder

    def choice(self, value: str | None) -> str | None:
        """The template's spelling of ``value``, matched case-insensitively; a remark in
        parentheses after it (``Implemented (Swift 5.4)``) is not part of the choice."""
        wanted = (value or "").strip()
        if wanted.endswith(")") and "(" in wanted:
            wanted = wanted[: wanted.rindex("(")].strip() or wanted
        return next((c for c in self.choices if c.casefold() == wanted.casefold()), None)

    def describe(self) -> str:
        if self.kind is FieldKind.DATE:
            return "a date as YYYY-MM-DD"
        if self.kind is FieldKind.CHOICE:
            return "one of " + ", ".join(self.choices)
        if self.kind is FieldKind.VERSION:
            return "a version such as 1.2 or 1.2.0"
        if self.kind is FieldKind.LITERAL:
            return f'exactly "{self.example}"'
        return "some text"


@dataclass(frozen=True)
class SectionSpec:
    title: str
    key: str
    level: int
    line: int
    children: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True)
class PlaceholderPattern:
    """Finds the template's own placeholders in text, as a regex of them all would.

    Each ``[text]`` found is looked up in the set instead: a regex of all the bundled
    template's placeholders is slow to compile, and every process would compile it.
    """

    placeholders: frozenset[str]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (match for match in _BRACKETED.finditer(text) if match[0] in self.placeholders)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        match = _BRACKETED.fullmatch(text)
        return match if match and match[0] in self.placeholders else None


@dataclass(frozen=True)
class Template:
    name: str
    source: str
    title: str | None  # the template's H1, placeholders included
    title_pattern: re.Pattern[str] | None
    fields: tuple[FieldSpec, ...]
    sections: tuple[SectionSpec, ...]  # required ## sections with their required ### children
    placeholders: frozenset[str]

    @property
    def placeholder_pattern(self) -> PlaceholderPattern | None:
        return PlaceholderPattern(self.placeholders) if self.placeholders else None

    @property
    def status_field(self) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == "status"), None)

    @property
    def statuses(self) -> tuple[str, ...]:
        status = self.status_field
        return status.choices if status else ()

    @property
    def draft_status(self) -> str | None:
        """The first status is the one in which problems are only warnings."""
        return self.statuses[0] if self.statuses else None

    def canonical_status(self, value: str | None) -> str | None:
        """The template's spelling of a status (see ``FieldSpec.choice``); None if unknown."""
        status = self.status_field
        return status.choice(value) if status else None


def placeholders_in(text: str) -> list[re.Match[str]]:
    return list(_PLACEHOLDER.finditer(text))


def _field_spec(name: str, value: str) -> FieldSpec:
    key = field_key(name)
    match = _PLACEHOLDER.fullmatch(value.strip())
    if not match:
        if value.strip():
            return FieldSpec(name, key, FieldKind.LITERAL, example=value.strip())
        return FieldSpec(name, key, FieldKind.TEXT)
    inner = match.group(1)
    if "|" in inner:
        choices = tuple(choice.strip() for choice in inner.split("|") if choice.strip())
        return FieldSpec(name, key, FieldKind.CHOICE, choices, value.strip())
    if _DATE.search(inner):
        return FieldSpec(name, key, FieldKind.DATE, example=value.strip())
    if _VERSION.search(inner):
        return FieldSpec(name, key, FieldKind.VERSION, example=value.strip())
    return FieldSpec(name, key, FieldKind.TEXT, example=value.strip())


def _required(section: Section, depth: int) -> SectionSpec | None:
    """A heading that holds a placeholder stands for any number of headings: not required."""
    if _PLACEHOLDER.search(section.title):
        return None
    children: tuple[SectionSpec, ...] = ()
    if depth == 0:
        children = tuple(
            spec for child in section.children if (spec := _required(child, 1)) is not None
        )
    return SectionSpec(
        section.title, section.key, section.heading.level, section.heading.line, children
    )


def template_from_document(document: SpecDocument, source: str) -> Template:
    if not document.sections:
        raise TemplateError(f"{source}: the template has no sections ('## ' headings)")
    if document.front_matter_error is not None:
        error = document.front_matter_error
        raise TemplateError(f"{source}:{error.line}:{error.column}: {error.message}")
    fields = tuple(
        _field_spec(found.name, found.value)
        for found in document.fields.values()
        if found.line < document.sections[0].heading.line
    )
    sections = tuple(
        spec for section in document.sections if (spec := _required(section, 0)) is not None
    )
    placeholders = frozenset(
        match.group(0) for line in document.scan.lines for match in _PLACEHOLDER.finditer(line)
    )
    literal = next(
        (f for f in fields if f.key == "documenttype" and f.kind is FieldKind.LITERAL), None
    )
    name = literal.example if literal else Path(source).stem.replace("-", " ").title()
    title = document.title.text if document.title else None
    _check_statuses(fields, source)
    return Template(
        name=name,
        source=source,
        title=title,
        title_pattern=_title_pattern(title) if title else None,
        fields=fields,
        sections=sections,
        placeholders=placeholders,
    )


def _check_statuses(fields: tuple[FieldSpec, ...], source: str) -> None:
    """Each status must have a slug of its own (badges, index anchors and navigation marks
    are named by it), and not the one the plugin gives a missing or unknown status."""
    status = next((f for f in fields if f.key == "status"), None)
    named: dict[str, str] = {}
    for choice in status.choices if status else ():
        name = slug(choice)
        if not name:
            raise TemplateError(f'{source}: status "{choice}" has no letter or digit to name it by')
        if name == UNKNOWN_STATUS:
            raise TemplateError(
                f'{source}: status "{choice}" reads as "{UNKNOWN_STATUS}", the name the plugin '
                "gives a missing or unknown status; call it something else"
            )
        if name in named:
            raise TemplateError(f'{source}: statuses "{named[name]}" and "{choice}" read the same')
        named[name] = choice


def _title_pattern(title: str) -> re.Pattern[str]:
    """``Specification: [Name]`` reads any title ending in ``Specification: <filled>``."""
    parts = _PLACEHOLDER.split(title)
    # re.split with one group alternates literal text and placeholder contents.
    regex = "".join(
        r"\s*".join(re.escape(word) for word in part.split()) if index % 2 == 0 else r"\s*(.*\S)\s*"
        for index, part in enumerate(parts)
    )
    return re.compile(rf"(?:.*\s)?{regex}\s*", re.IGNORECASE)


def parse_template(text: str, source: str) -> Template:
    return template_from_document(parse_document(text, source), source)


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> Template:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template {path}: {exc}") from exc
    return parse_template(text, path)


def load_template(path: str | Path | None = None) -> Template:
    """The template at ``path``, or the bundled one; re-read only when the file changes."""
    if path is None:
        return _bundled()
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise TemplateError(f"template not found: {path}") from exc
    return _load(str(path), mtime)


@functools.lru_cache(maxsize=1)
def _bundled() -> Template:
    return parse_template(BUNDLED.read_text(encoding="utf-8"), BUNDLED.name)
