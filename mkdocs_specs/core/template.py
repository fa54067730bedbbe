"""The template is the schema: derive title pattern, fields, sections and placeholders.

Read as its authors meant it, in the conventions teams use: placeholders in brackets, braces
or parenthesised instructions (``placeholders``); optional parts marked "(Optional)", by an
HTML comment beside them or by text that starts with "Optional"; fields from bold lines,
bullets, ``Key: value`` lines, tables, front matter or a Status section; status lists that
are open (``…``) or name a target (``superseded by ADR-0123``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from . import placeholders as ph
from .document import SITE_KEYS, Section, SpecDocument, parse_document
from .names import (
    INLINE_COMMENT,
    NOT_APPLICABLE,
    NOT_WORD,
    OPTIONAL_MARK,
    RELATION,
    RELATION_EXAMPLE,
    RELATION_KINDS,
    TITLE_ID_EXAMPLE,
    UNKNOWN_SLUG,
    decoration,
    field_key,
    fold,
    heading_key,
    heading_words,
    relation_kind,
    slug,
)
from .placeholders import PlaceholderPattern
from .scanner import LineKind
from .suggest import NearNames

# A date, as a field's name or its placeholder says: not "up to date" in a placeholder's prose.
_DATE_NAME = re.compile(
    r"\bdate\b|created|updated|modified|\bdatum\b|\bfecha\b|日付|日期|날짜", re.IGNORECASE
)
# `[Date]`, or an ISO date's shape in the template's language: YYYY-MM-DD, JJJJ-MM-TT (German),
# AAAA-MM-JJ (French), and so in any script.
_DATE_PLACEHOLDER = re.compile(r"\s*date\b|.*YYYY|.*\b(\w)\1{3}-(\w)\2-(\w)\3\b", re.IGNORECASE)
_VERSION = re.compile(r"\bversion\b", re.IGNORECASE)
# A status's day after it: ` on 2024-01-02`, `, 2024-01-02`, ` - seit 2024-01-02`; looked for
# in a value's last characters only, where it is (a search of a whole long value of dashes
# would try each run from each of its starts).
_SINCE_FROM_END = 40
_SINCE = re.compile(r"[\s,;:\u2013\u2014-]+(?:[^\W\d_]+\s+)?\d{4}-\d{2}-\d{2}$")
_OPTIONAL = re.compile(r"\boptional\b", re.IGNORECASE)
# Guidance that names "optional" only to deny it ("required, not optional").
_REQUIRED = re.compile(
    r"\b(?:not|non|never)[\s-]+optional\b|\brequired\b|\bmandatory\b", re.IGNORECASE
)
_CONDITIONAL = re.compile(
    r"\bonly (?:required|needed)\b|\botherwise,? (?:remove|delete|omit)\b|\bif applicable\b",
    re.IGNORECASE,
)
# Beside a field's value, in parentheses or emphasis: the field is optional.
_FIELD_OPTIONAL = re.compile(
    r"\s*(?:\(\s*(?:optional|if (?:applicable|any|needed))\b[^()]*\)"
    r"|([*_])(?:optional|if (?:applicable|any|needed))\1"
    r"|\s[\u2013\u2014-]\s*optional\b\.?$)\s*",
    re.IGNORECASE,
)
_ANY_NUMBER = frozenset({"…", "..."})  # a list item that stands for "any number of these"
# What shows a value as perhaps an example, not one every doc must repeat: a list (`Ada,
# Grace`), a link (`[Author 1](https://…)`, `https://…`), a handle or an address (`@alice`,
# `ada@example.com`), an issue's key or number (`JIRA-123`, `#123`).
_BY_EXAMPLE = re.compile(
    r",\s|\]\(|(?<!\w)@\w|\b[A-Z][A-Z0-9]+-\d+\b|https?://|(?<![\w&])#\d+\b|\w@\w+\.\w"
)
# A value that is one tag alone (`<title>`, `<summary>`) renders to nothing: a placeholder's
# angles, whatever element's name it holds.
_ONE_TAG = re.compile(r"<[\w-]+>")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")
_MOST_CHOICE_WORDS = 4  # of each choice between slashes; longer ones are prose
# `Low/Medium/High`, `P0/P1/P2`; not a date (`2024/01/31`)
_WORDS_BETWEEN_SLASHES = re.compile(r"[^\W\d_][\w-]*(?:/[^\W\d_][\w-]*)+")
# A field's value that is still to be decided: the field takes any value.
_UNDECIDED = frozenset({"tbd", "tba", "tbc", "todo", ""})
_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VERSION_SHAPE = re.compile(r"[vV]?\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.-]+)?")

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


class FieldForm(str, Enum):
    """How the template writes a field, and so how a hint tells authors to write it."""

    BOLD = "bold"  # **Key**: value, and its bullet form
    PLAIN = "plain"  # - Key: value, Key: value
    TABLE = "table"  # | **Key** | value |, or a plain key
    FRONT_MATTER = "front matter"
    SECTION = "section"  # ## Status, its text the value


@dataclass(frozen=True)
class FieldSpec:
    name: str
    key: str
    kind: FieldKind
    choices: tuple[str, ...] = ()
    example: str = ""  # what the template wrote: the literal value or the placeholder
    optional: bool = False
    open_choices: bool = False  # a `…` among the choices: any value is accepted
    # Choices that name a target after them (`superseded by ADR-0123`): their words.
    targeted: tuple[str, ...] = ()
    form: FieldForm = FieldForm.BOLD

    def choice(self, value: str | None) -> str | None:
        """The template's spelling of ``value``, matched case-insensitively; a remark in
        parentheses after it (``Implemented (Swift 5.4)``) is not part of the choice, and a
        choice with a target matches whatever target follows it."""
        wanted = " ".join((value or "").split())
        if wanted.endswith(")") and "(" in wanted:
            wanted = wanted[: wanted.rindex("(")].strip() or wanted
        elif wanted[-1:].isdigit() and (
            dated := _SINCE.search(wanted, max(0, len(wanted) - _SINCE_FROM_END))
        ):
            wanted = wanted[: dated.start()] or wanted  # `Accepted on 2024-01-02`
        folded = fold(wanted)
        found = next((c for c in self.choices if fold(c) == folded), None)
        if found is None and self.targeted and (relation := RELATION.match(wanted)):
            # A target after it, a colon before the target or not, its words however joined.
            kind = relation_kind(relation.group("words"))
            found = next((c for c in self.targeted if RELATION_KINDS.get(fold(c)) == kind), None)
        if found is None:
            found = next(
                (c for c in self.targeted if folded.startswith((f"{fold(c)} ", f"{fold(c)}: "))),
                None,
            )
        return found

    def written(self, value: str) -> str:
        """The field as the template writes it, with ``value``: for hints."""
        if self.form is FieldForm.FRONT_MATTER or self.form is FieldForm.PLAIN:
            return f"{self.name}: {value}"
        if self.form is FieldForm.TABLE:
            return f"| **{self.name}** | {value} |"
        return f"**{self.name}**: {value}"

    def describe(self) -> str:
        if self.kind is FieldKind.DATE:
            return "a date as YYYY-MM-DD"
        if self.kind is FieldKind.CHOICE:
            return "one of " + ", ".join(self.choices)
        if self.kind is FieldKind.VERSION:
            return "a version such as 1, 1.2 or 1.2.0"
        if self.kind is FieldKind.LITERAL:
            return f'exactly "{self.example}"'
        return "some text"


@dataclass(frozen=True)
class SectionSpec:
    title: str
    key: str
    level: int
    children: tuple[SectionSpec, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Template:
    name: str  # what messages call it: its Document Type, else its file's name
    source: str
    title: str | None  # the template's H1, placeholders included
    title_pattern: TitlePattern | None
    fields: tuple[FieldSpec, ...]
    sections: tuple[SectionSpec, ...]  # ## sections with their ### children
    # Each placeholder with what it follows where the template writes it (`placeholders.place`).
    placeholder_places: frozenset[tuple[str, str]]
    labels: frozenset[str] = frozenset()  # reference-link labels, which are never placeholders
    tokens: frozenset[str] = frozenset()  # NNNN, TITLE, ...: placeholders in titles and values
    # (written name, the template's name) for sections and fields: `aliases:`.
    aliases: tuple[tuple[str, str], ...] = ()
    docs_name: str | None = None  # what its docs are called together: a bundled one's
    noun: str = "spec"  # what one of its docs is called in counts ("3 specs")
    # Its docs' file names start with their number (`0001-…`): a bundled one's say so, and
    # a title with a number token (`KEP-NNNN`) does.
    numbered: bool = False
    # The words it writes its docs' ids with, by example: in a relation (`ADR` of `superseded
    # by ADR-0123`) or its title (`KEP` of `KEP-NNNN: Title`).
    id_words: frozenset[str] = frozenset()

    @functools.cached_property
    def placeholders(self) -> frozenset[str]:
        return frozenset(text for text, _ in self.placeholder_places)

    @functools.cached_property
    def placeholder_pattern(self) -> PlaceholderPattern | None:
        if not self.placeholder_places:
            return None
        return PlaceholderPattern(self.placeholder_places, self.labels)

    @property
    def status_field(self) -> FieldSpec | None:
        return next((f for f in self.fields if f.key == "status"), None)

    @property
    def statuses(self) -> tuple[str, ...]:
        status = self.status_field
        return status.choices if status else ()

    @property
    def every_section(self) -> list[SectionSpec]:
        """Its sections and their subsections, in the template's order."""
        return [each for section in self.sections for each in (section, *section.children)]

    @property
    def versioned(self) -> bool:
        """Whether its docs carry a Version, which the rules on changes follow."""
        return any(field.key == "version" for field in self.fields)

    @property
    def draft_status(self) -> str | None:
        """The first status is the one in which problems are only warnings."""
        return self.statuses[0] if self.statuses else None

    def canonical_status(self, value: str | None) -> str | None:
        """The template's spelling of a status (see ``FieldSpec.choice``); where the list is
        open, or there is none (``STATUS``), any other value as written, but a relation's
        words alone (``Amended by`` of ``Amended by [3. B](0003-b.md)``, whose target is a
        relation of the doc); None if unknown or missing."""
        status = self.status_field
        if status is None or not (value or "").strip():
            return None
        found = status.choice(value)
        if found is None and (status.open_choices or status.kind is not FieldKind.CHOICE):
            written = unicodedata.normalize("NFC", " ".join((value or "").split()))
            relation = RELATION.match(written)
            return " ".join(NOT_WORD.split(relation.group("words"))) if relation else written
        return found

    @functools.cached_property
    def token_pattern(self) -> re.Pattern[str] | None:
        """Finds the template's tokens, as whole words, in a spec's title or values."""
        if not self.tokens:
            return None
        words = "|".join(re.escape(token) for token in sorted(self.tokens, key=len, reverse=True))
        return re.compile(rf"\b(?:{words})\b")

    def is_listed(self, status: str | None) -> bool:
        """Whether ``status`` is one the template lists (badges get colours and navigation
        marks only for those)."""
        return status is not None and status in self.statuses

    def with_aliases(self, aliases: Mapping[str, str]) -> Template:
        """This template reading other names for its sections and fields."""
        return replace(self, aliases=tuple(sorted(aliases.items()))) if aliases else self

    @functools.cached_property
    def section_aliases(self) -> dict[str, str]:
        """Written heading key -> the template's, from ``aliases``."""
        return {heading_key(k): heading_key(v) for k, v in self.aliases}

    @functools.cached_property
    def field_keys(self) -> frozenset[str]:
        """The keys its fields are written under: their own, and their aliases'."""
        return frozenset({field.key for field in self.fields} | self.field_aliases.keys())

    @functools.cached_property
    def field_aliases(self) -> dict[str, str]:
        """Written field key -> the template's, from ``aliases`` (for ``parse_document``)."""
        return {field_key(k): field_key(v) for k, v in self.aliases}

    def aliases_to_nothing(self) -> list[str]:
        """A line for each alias whose target is no section or field of the template: it
        maps nothing, and the docs it was meant for are checked as if it were not there."""
        if not self.aliases:
            return []
        sections = self.every_section
        keys = {s.key for s in sections} | {f.key for f in self.fields}
        near = NearNames([*(s.title for s in sections), *(f.name for f in self.fields)])
        found = []
        for written, target in self.aliases:
            if heading_key(target) in keys or field_key(target) in keys:
                continue
            close = near(target)
            hint = f"did you mean {close[0]!r}?" if close else "no section or field is so named"
            found.append(f"{written!r}: {target!r} is not in the template {self.name} ({hint})")
        return found


def _field_spec(name: str, value: str, form: FieldForm, optional: bool = False) -> FieldSpec:
    """A field of the template, its kind read from the value the template gives it.

    A value written as it stands, without a placeholder, is one every doc repeats
    (``Document Type: Technical Specification``), unless it is an example of its kind: a
    date, a version, a status (one of those the docs move through), a list of choices, a
    value yet to decide (``TBD``), an example that says there may be more (``…``), or what
    may well be one (a list, a link, a handle, an issue's key: then any value will do, that
    one too)."""
    key = field_key(name)
    value = value.strip().strip("\"'").strip()
    if _FIELD_OPTIONAL.search(value):  # `[Names] (optional)`, `*if applicable* [Vision]`
        value, optional = _FIELD_OPTIONAL.sub(" ", value).strip(), True
    words = " ".join(_WORD.findall(value.casefold()))  # `N/A`: "n a"; `?`, `-`: none
    whole = ph.is_placeholder(value) or _is_choice_list(value)
    plain = not whole and not ph.tokens(value) and not any(ph.in_prose(value))
    if words in NOT_APPLICABLE:  # a value in its own right: no example to replace
        return FieldSpec(name, key, FieldKind.TEXT, optional=optional, form=form)
    more = any(mark in value for mark in _ANY_NUMBER)
    if words in _UNDECIDED or (plain and (more or _ONE_TAG.fullmatch(value))):
        return FieldSpec(name, key, FieldKind.TEXT, example=value, optional=optional, form=form)
    if plain and _BY_EXAMPLE.search(value):  # any value, the one given too: it may be a team's
        return FieldSpec(name, key, FieldKind.TEXT, optional=optional, form=form)
    text = ph.inner(value) if whole else value
    optional = optional or bool(_OPTIONAL.match(text))
    # Never placeholders (`[Team] / [Name]`), nor tokens (`PROJ-XXXX / none`) but in a list
    # of statuses (`Proposed / … / Superseded by ADR-XXX`).
    if (plain or (key == "status" and not whole and not any(ph.in_prose(value)))) and (
        "|" not in text
    ):
        text = _choices_written_otherwise(text)
    if "|" in text:
        return _choice_field(name, key, text, value, optional, form)
    if key == "status" and plain:  # an example status: its docs' first, the rest open
        return FieldSpec(name, key, FieldKind.CHOICE, (text,), value, optional, True, form=form)
    if plain:  # an example of a date or a version by its shape (`Created by: Ada` is none)
        kind = FieldKind.LITERAL
        if _ISO_DATE.fullmatch(text):
            kind = FieldKind.DATE
        elif _VERSION_SHAPE.fullmatch(text) and (key == "version" or "." in text):
            kind = FieldKind.VERSION
    elif _DATE_NAME.search(name) or _DATE_PLACEHOLDER.match(text):
        kind = FieldKind.DATE
    elif key == "version" or _VERSION.search(text):
        kind = FieldKind.VERSION
    else:
        kind = FieldKind.TEXT
    return FieldSpec(name, key, kind, example=value, optional=optional, form=form)


def _choices_written_otherwise(text: str) -> str:
    """Choices written otherwise than with bars, joined with them: `P0 / P1 / P2`,
    `Low/Medium/High` (words between slashes), `**Proposed** or **Accepted**` (in bold)."""
    bold = _BOLD.findall(text)
    if len(bold) > 1 and not _BOLD.sub("", text).replace(",", " ").replace(" or ", " ").strip():
        return " | ".join(bold)
    items = text.split("/" if _WORDS_BETWEEN_SLASHES.fullmatch(text) else " / ")
    if len(items) > 1 and all(0 < len(item.split()) <= _MOST_CHOICE_WORDS for item in items):
        return " | ".join(items)
    return text


def _is_choice_list(value: str) -> bool:
    """``[A | B]``, ``{A | B}``, ``(A | B)``, or one left open with an ellipsis (MADR's
    ``{proposed | accepted | …``)."""
    return "|" in value and value[:1] in "[{(" and ("…" in value or value[-1:] in "]})")


def _choice_field(
    name: str, key: str, text: str, value: str, optional: bool, form: FieldForm
) -> FieldSpec:
    items = [" ".join(item.strip(" {}[]()`*_").split()) for item in text.split("|")]
    items = [item for item in items if item]
    choices, targeted = [], []
    for item in items:
        if item in _ANY_NUMBER:
            continue
        words = item.split()
        if len(words) > 1 and (any(char.isdigit() for char in words[-1]) or ph.tokens(words[-1])):
            item = " ".join(words[:-1])  # `superseded by ADR-0123`: the target is an example
            targeted.append(item)
        choices.append(item)
    return FieldSpec(
        name,
        key,
        FieldKind.CHOICE,
        tuple(choices),
        value,
        optional=optional,
        open_choices=any(item in _ANY_NUMBER for item in items),
        targeted=tuple(targeted),
        form=form,
    )


def _fields(document: SpecDocument) -> tuple[FieldSpec, ...]:
    """The template's fields, wherever a doc's are read (``parse_document``): front matter,
    the header before the first section or in sections of fields after the title (`## Document
    Information`), and a Status section."""
    specs = list(_front_matter_fields(document))
    status = document.section("status")
    for found in document.fields.values():
        if found.line <= document.scan.front_matter_end:
            continue  # read from the front matter's text, above
        line = document.scan.lines[found.line - 1]
        if status is not None and status.heading.line < found.line <= status.end_line:
            form = FieldForm.SECTION
        elif line.lstrip().startswith("|"):
            form = FieldForm.TABLE
        else:
            form = FieldForm.BOLD if "**" in line or "__" in line else FieldForm.PLAIN
        specs.append(_field_spec(found.name, found.value, form, _says_optional(line)))
    return tuple(specs)


def _front_matter_fields(document: SpecDocument) -> list[FieldSpec]:
    """Front matter fields as the template writes them, from its text: a placeholder in
    braces is no YAML value. A comment that says "optional" makes the keys after it (or on
    its own line's key) optional."""
    specs = []
    all_optional = False
    for line in document.scan.lines[1 : max(document.scan.front_matter_end - 1, 1)]:
        if line.lstrip().startswith("#"):
            all_optional = all_optional or _calls_optional(line)
            continue
        key, colon, value = line.partition(":")
        if not colon or line[:1].isspace() or key.strip() in SITE_KEYS:
            continue
        value, _, comment = value.partition(" #")
        optional = all_optional or _calls_optional(comment)
        specs.append(_field_spec(key.strip(), value, FieldForm.FRONT_MATTER, optional))
    return specs


def _section_spec(document: SpecDocument, section: Section, depth: int) -> SectionSpec | None:
    """A heading that holds a placeholder stands for any number of headings: none is
    required; otherwise the section, optional when the template says so."""
    if any(ph.in_prose(heading_words(section.title))):  # an attribute list is no placeholder
        return None
    children: tuple[SectionSpec, ...] = ()
    if depth == 0:
        children = tuple(
            spec
            for child in section.children
            if (spec := _section_spec(document, child, 1)) is not None
        )
    title = OPTIONAL_MARK.sub(" ", heading_words(section.title)).strip()
    return SectionSpec(
        title,
        section.key,
        section.heading.level,
        children,
        optional=_is_optional(document, section),
    )


def _is_optional(document: SpecDocument, section: Section) -> bool:
    """ "(Optional)" in the heading, an HTML comment that says optional in it or right before
    or after it, or the section's text starting with "Optional"."""
    if OPTIONAL_MARK.search(section.title) or _says_optional(section.title):
        return True
    lines, kinds = document.scan.lines, document.scan.kinds
    at = section.heading.line - 1
    before = at - 1
    while before >= 0 and kinds[before] is LineKind.BLANK:
        before -= 1
    if before >= 0 and kinds[before] is LineKind.COMMENT and _calls_optional(lines[before]):
        return True
    after = at + 1
    while after < len(lines) and kinds[after] is LineKind.BLANK:
        after += 1
    if after < len(lines) and kinds[after] is LineKind.COMMENT:
        comment = []
        while after < len(lines) and kinds[after] is LineKind.COMMENT:
            comment.append(lines[after])
            after += 1
        # Its first words, on the opener's line or the first after it that has any.
        return _calls_optional(next((line for line in comment if _WORD.search(line)), ""))
    return after < len(lines) and bool(_OPTIONAL.match(lines[after].lstrip("*_ ")))


def _says_optional(line: str) -> bool:
    """Whether a comment within the line calls what it stands beside optional."""
    return "<!--" in line and any(_calls_optional(c) for c in INLINE_COMMENT.findall(line))


def _calls_optional(comment: str) -> bool:
    """Whether guidance calls what it is about optional, and does not deny it, or requires
    it only in some cases (EIP's "Only required for Standards Track. Otherwise, remove this
    field.")."""
    if _CONDITIONAL.search(comment):
        return True
    return bool(_OPTIONAL.search(comment)) and not _REQUIRED.search(comment)


def _placeholders(document: SpecDocument, labels: frozenset[str]) -> frozenset[tuple[str, str]]:
    """Each placeholder of the template, with what it follows there (``placeholders.place``)."""
    found: set[tuple[str, str]] = set()
    for line, kind in zip(document.scan.lines, document.scan.kinds, strict=True):
        if kind is LineKind.COMMENT:
            continue
        matches = ph.in_code(line) if kind is LineKind.CODE else ph.in_prose(line)
        found.update(
            (m.group(0), ph.place(line, m.start()))
            for m in matches
            if m.group(0)[1:-1].casefold() not in labels
        )
    return frozenset(found)


def template_from_document(document: SpecDocument, source: str) -> Template:
    if not document.sections:
        raise TemplateError(f"{source}: the template has no sections ('## ' headings)")
    if document.front_matter_error is not None:
        error = document.front_matter_error
        raise TemplateError(f"{source}:{error.line}:{error.column}: {error.message}")
    fields = _fields(document)
    sections = tuple(
        spec
        for section in document.sections
        if (spec := _section_spec(document, section, 0)) is not None
    )
    scanned = document.scan
    labels = ph.reference_labels(
        line
        for line, kind in zip(scanned.lines, scanned.kinds, strict=True)
        if kind is LineKind.TEXT
    )
    literal = next(
        (f for f in fields if f.key == "documenttype" and f.kind is FieldKind.LITERAL), None
    )
    # Else its file, as the team knows it: a title made of "adr-template" reads "Adr Template".
    name = literal.example if literal else Path(source).name
    title = document.title.text if document.title else None
    tokens = {m.group(0) for f in fields for m in ph.tokens(f.example)}
    tokens.update(m.group(0) for m in ph.tokens(title or ""))
    _check_statuses(fields, source)
    return Template(
        name=name,
        source=source,
        title=title,
        title_pattern=title_pattern(title) if title else None,
        fields=fields,
        sections=sections,
        placeholder_places=_placeholders(document, labels),
        labels=labels,
        tokens=frozenset(tokens),
        numbered=bool(title and ph.NUMBER.search(title)),
        id_words=_id_words(document, title),
    )


def _id_words(document: SpecDocument, title: str | None) -> frozenset[str]:
    """The words before a doc's number in the ids the template writes by example."""
    scan = document.scan
    found = {
        match.group("word")
        for line, kind in zip(scan.lines, scan.kinds, strict=True)
        if kind is not LineKind.CODE
        for match in RELATION_EXAMPLE.finditer(line)
    }
    if title and (opening := TITLE_ID_EXAMPLE.match(title)):
        found.add(opening.group("word"))
    return frozenset(found)


def _check_statuses(fields: tuple[FieldSpec, ...], source: str) -> None:
    """Each status must have a slug of its own (badges, index anchors and navigation marks
    are named by it), and not the one the plugin gives a missing or unknown status."""
    status = next((f for f in fields if f.key == "status"), None)
    named: dict[str, str] = {}
    for choice in status.choices if status else ():
        name = slug(choice)
        if not name:
            raise TemplateError(f'{source}: status "{choice}" has no letter or digit to name it by')
        if name == UNKNOWN_SLUG:
            raise TemplateError(
                f'{source}: status "{choice}" reads as "{UNKNOWN_SLUG}", the name the plugin '
                "gives a missing or unknown status; call it something else"
            )
        if name in named:
            raise TemplateError(f'{source}: statuses "{named[name]}" and "{choice}" read the same')
        named[name] = choice


@dataclass(frozen=True)
class TitlePattern:
    """What titles a template's H1 admits (``title_pattern``): its literal text, word by word
    with any spacing, case aside, and wildcards (some text that is not only spaces) between.

    Matched piece by piece over the places reached so far, not as one regex: a regex of
    several wildcards backtracks through every way to split a title that does not fit."""

    # A literal's words, as a lookahead that finds them at every place at once (group 1);
    # None for a wildcard.
    pieces: tuple[re.Pattern[str] | None, ...]

    def fullmatch(self, title: str, after_text: bool = True) -> bool:
        """Whether ``title`` fits; ``after_text``: it may stand after any text that ends in a
        space (`📄 Specification: Orders`)."""
        reached = {0}
        if after_text:
            reached.update(space.end() for space in _SPACE.finditer(title))
        floor: int | None = None  # after a wildcard: every place from here on
        for piece in self.pieces:
            if piece is None:
                first = min(reached) if floor is None else floor
                while first < len(title) and title[first].isspace():
                    first += 1
                if first == len(title):
                    return False
                floor = first + 1  # past the wildcard's first visible character
                continue
            found: Iterable[re.Match[str] | None] = (
                (piece.match(title, at) for at in reached)
                if floor is None
                else piece.finditer(title, floor)
            )
            reached = {at.start() + len(at.group(1)) for at in found if at}
            floor = None
            if not reached:
                return False
        return floor is not None or max(reached) >= len(title.rstrip())


_SPACE = re.compile(r"\s")


def title_pattern(title: str) -> TitlePattern | None:
    """What titles a template's H1 admits: its placeholders are wildcards, and after the
    last one, what follows a separator is an example (``KEP-NNNN: Your short title``). An
    H1 with no placeholder is an example too: None, any title will do."""
    found = ph.in_title(title)
    if not found:
        return None
    pieces: list[str | None] = []  # literal text, and None for a wildcard
    position = 0
    for match in found:
        pieces += [title[position : match.start()], None]
        position = match.end()
    if (example := ph.title_example(title, found[-1])) is not None:
        pieces += [title[position:example], None]
    else:
        pieces.append(title[position:])
    # A literal's words, but those of decoration alone (`📘 RFC: [Title]`): a doc may leave
    # them out, and keep them (the title may follow any text, see ``fullmatch``).
    words = [None if p is None else [w for w in p.split() if not decoration(w)] for p in pieces]
    return TitlePattern(
        tuple(
            None
            if literal is None
            else re.compile("(?=({}))".format(r"\s*".join(map(re.escape, literal))), re.IGNORECASE)
            for literal in words
            if literal is None or literal  # a literal of no words is met anywhere
        )
    )


def parse_template(text: str, source: str) -> Template:
    return template_from_document(parse_document(text, source), source)


@dataclass(frozen=True)
class _Bundled:
    """What a bundled template's docs are called: together (an index's title), and one by one
    (in counts); ``name`` is what messages call the template, where it declares no document
    type of its own; ``numbered``, whether its convention names docs by number (`0001-…`),
    which its title need not show (MADR's has no number)."""

    docs_name: str
    noun: str
    name: str | None = None
    numbered: bool = False


_BUNDLED = {
    "technical-spec": _Bundled("Specifications", "spec"),
    "madr": _Bundled("Decisions", "decision", "MADR", numbered=True),
    "nygard": _Bundled("Decisions", "decision", "Nygard ADR", numbered=True),
    "rust-rfc": _Bundled("RFCs", "RFC", "Rust RFC", numbered=True),
}


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, source: str) -> Template:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template {source}: {exc}") from exc
    template = parse_template(text, source)
    if Path(path).parent != BUNDLED_DIR:
        return template
    bundled = _BUNDLED[Path(path).stem]
    return replace(
        template,
        name=bundled.name or template.name,
        docs_name=bundled.docs_name,
        noun=bundled.noun,
        numbered=bundled.numbered,
    )


def bundled_names() -> list[str]:
    return sorted(path.stem for path in BUNDLED_DIR.glob("*.md"))


def template_path(name_or_path: str | Path | None) -> Path:
    """The file of a bundled template named so (``madr``), else the path itself."""
    if name_or_path is None:
        return BUNDLED
    bundled = BUNDLED_DIR / f"{name_or_path}.md"
    if isinstance(name_or_path, str) and "/" not in name_or_path and bundled.is_file():
        return bundled
    return Path(name_or_path)


def load_template(path: str | Path | None = None) -> Template:
    """The template at ``path`` or bundled under that name (the default one for None);
    read again only when the file changes."""
    file = template_path(path)
    try:
        mtime = file.stat().st_mtime_ns
    except OSError as exc:
        names = ", ".join(bundled_names())
        raise TemplateError(f"template not found: {path} (bundled: {names})") from exc
    return _load(str(file), mtime, file.name if file.parent == BUNDLED_DIR else str(file))
