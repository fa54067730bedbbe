"""A spec document as written: front matter, title, header fields and the section tree.

Reading is template-independent (but for aliases of field names); ``document_checks``
compares what is read here with a template.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import yaml

from .names import field_key, heading_key, without_comments
from .placeholders import is_placeholder
from .scanner import Heading, LineKind, Scan, scan

# libyaml's parser where PyYAML has it (its wheels do): front matter is read in C.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

# The names of Markdown files, as MkDocs tells them (`mkdocs.utils.markdown_extensions`).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# The space around a field's colon: French puts a (narrow) no-break space before it.
_SPACE = r"[ \t\u00a0\u202f]*"
_COLON = "[:\uff1a]"  # and Chinese and Japanese write the full-width colon
# `**Key**: v`, `**Key:** v`, `- **Key**: v`, `* **Key:** v`, `__Key__: v`, `***Key***: v`
_BOLD_FIELD = re.compile(
    rf"(?P<lead>(?:[-*+][ \t]+)?)(?P<mark>\*\*\*?|___?)(?P<key>[^*\n]+?)(?P=mark){_SPACE}{_COLON}"
    rf"{_SPACE}(?P<value>.*)"
    # The key's own spaces before the colon are stripped with it: a pattern for them after
    # the key would try each run of spaces from each of its starts (quadratic on a long one).
    rf"|(?P<lead2>(?:[-*+][ \t]+)?)(?P<mark2>\*\*\*?|___?)(?P<key2>[^*\n]+?){_COLON}"
    rf"(?P=mark2){_SPACE}(?P<value2>.*)"
)
# Marks that order right-to-left text and render to nothing: no part of a value.
_BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NOT_APPLICABLE = re.compile(r"[\s*_>.`-]*(?:n/?a|not applicable)[\s*_.`-]*", re.IGNORECASE)
# `- Key: value` or `Key: value` without bold: a short key of words, a colon, a value.
_PLAIN_FIELD = re.compile(
    rf"(?P<lead>(?:[-*+][ \t]+)?)(?P<key>[^\W\d_][\w/&'()+ .-]*?[\w)]){_SPACE}"
    r"(?::[ \t\u00a0]+|\uff1a[ \t\u00a0]*)(?P<value>\S.*)"
)
_MOST_KEY_WORDS = 4
# Front matter keys that belong to the site generator, never header fields.
SITE_KEYS = frozenset(
    {"title", "description", "template", "hide", "search", "tags", "icon", "nav_order"}
    | {"parent", "layout", "permalink", "weight"}
)
# Headings under which real specs keep their header fields (`## Document Information`).
_METADATA_HEADING = re.compile(r"(?:information|info|metadata|document control|details)$")


class Field(NamedTuple):  # a named tuple, as `Heading`
    name: str  # the key as the author wrote it
    value: str
    line: int
    column: int  # where the key starts
    value_column: int
    structure: str = ""  # front matter that is no value: "a mapping", "a list of lists"


@dataclass(slots=True)
class Section:
    heading: Heading
    key: str
    end_line: int  # last line of the section, subsections included
    has_content: bool  # own text before the first subsection (comments and blanks aside)
    not_applicable: bool  # holds only "N/A" or "Not applicable"
    children: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text


@dataclass(frozen=True)
class FrontMatterError:
    message: str
    line: int
    column: int


@dataclass(frozen=True)
class SpecDocument:
    path: str
    scan: Scan
    title: Heading | None
    fields: dict[str, Field]  # by normalised key; the first occurrence wins
    sections: tuple[Section, ...]
    front_matter_error: FrontMatterError | None
    # Every section of ``sections`` at any depth, in document order: asked for often enough
    # that a walk of the tree each time shows.
    every_section: tuple[Section, ...] = ()

    @property
    def line_count(self) -> int:
        return len(self.scan.lines)

    def section(self, key: str) -> Section | None:
        """The first top-level section whose heading reads ``key`` (``heading_key``)."""
        return _section(self.sections, key)

    def field_value(self, key: str) -> str | None:
        found = self.fields.get(key)
        return found.value if found else None

    @property
    def outline(self) -> tuple[Heading, ...]:
        """Every heading but the title's, in document order: one per section of ``sections``."""
        return tuple(heading for heading in self.scan.headings if heading is not self.title)

    def without_text(self) -> SpecDocument:
        """Title, fields and outline, without the lines they were read from or the section
        tree made of them: what a site keeps of every spec once it is checked."""
        return replace(
            self,
            scan=self.scan.without_lines(),
            sections=(),
            every_section=(),
        )

    def header_only(self) -> SpecDocument:
        """Title and fields, without sections or headings: what the pages, the index and the
        verdict still need once specs.json is written."""
        return replace(
            self,
            scan=self.scan.without_lines(headings=False),
            sections=(),
            every_section=(),
        )


def parse_document(
    text: str,
    path: str,
    aliases: Mapping[str, str] | None = None,
    known: Collection[str] = frozenset(),
) -> SpecDocument:
    """``aliases`` maps a field's written key to the template's (``Template.field_aliases``):
    the fields are found under the template's keys, whatever name the doc gives them.
    ``known`` are the keys of the template's fields (``Template.field_keys``), which tell a
    table of fields from one of other things."""
    scanned = scan(text)
    meta, error = _front_matter(scanned)
    headings = list(scanned.headings)
    title = next((h for h in headings if h.level == 1), None)
    body = [h for h in headings if h is not title]
    sections, every_section = _section_tree(scanned, body)

    fields: dict[str, Field] = {}
    aliases = aliases or {}

    def add(found: Field) -> None:
        key = field_key(found.name)
        fields.setdefault(aliases.get(key, key), found)  # the first one written counts

    lines = front_matter_keys(scanned)
    for key, value in meta.items():
        if str(key) not in SITE_KEYS:
            add(_front_matter_field(scanned, lines, str(key), value))
    first_body_line = body[0].line if body else len(scanned.lines) + 1
    # Before the first section, plain `Key: value` lines and bullets are fields too.
    header = _fields_in_lines(scanned, scanned.front_matter_end, first_body_line - 1, True, known)
    for found in header:
        add(found)
    leading = True  # sections right after the title that hold only fields are header too
    for section in sections:
        if leading:  # once a section holds more than fields, the header is over
            own_end = section.children[0].heading.line - 1 if section.children else section.end_line
            found_here = _fields_in_lines(scanned, section.heading.line, own_end, known=known)
            leading = _only_fields(scanned, section.heading.line, own_end, found_here)
        if leading or _METADATA_HEADING.search(section.key):
            for found in _fields_in_lines(
                scanned, section.heading.line, section.end_line, known=known
            ):
                add(found)

    if "status" not in fields and (status := _status_section(scanned, sections)) is not None:
        fields["status"] = status
    if title is None and isinstance(meta.get("title"), str):
        title = Heading(1, str(meta["title"]), lines.get("title", 1), 1)
    return SpecDocument(path, scanned, title, fields, tuple(sections), error, tuple(every_section))


class _FrontMatterLoader(_SafeLoader):
    """YAML's safe loader, except that numbers with a point stay as written: ``1.10`` is a
    version, not the float 1.1, and that a date that is no day of the calendar is an error
    at its place rather than an exception out of the loader."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> datetime.date:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # `2024-13-01`, `2024-02-30`
            problem = f"{node.value} is not a date ({exc})"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from None


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp
)

_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expands_beyond(value: object, budget: int) -> bool:
    """Whether ``value``, written out in full, takes more than ``budget`` characters.

    YAML aliases repeat a value without repeating its text: a few KB of front matter can
    stand for gigabytes once a list of aliases is joined or printed.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
            budget -= len(item)
        elif isinstance(item, list):
            stack.extend(item)
            budget -= len(item)
        else:  # text by its length; a number, date or null is short in any spelling
            budget -= len(item) if isinstance(item, str) else 1
        if budget < 0:
            return True
    return False


def _front_matter(scanned: Scan) -> tuple[dict[str, object], FrontMatterError | None]:
    if scanned.front_matter is None:
        return {}, None
    try:
        data = yaml.load(scanned.front_matter, Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        column = mark.column + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, FrontMatterError(f"Front matter is not valid YAML: {problem}", line, column)
    except RecursionError:
        return {}, FrontMatterError("Front matter is nested too deeply to read", 2, 1)
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, FrontMatterError("Front matter is not a mapping of keys to values", 2, 1)
    # Room for what plain YAML spells out, never for what aliases multiply.
    if _expands_beyond(data, 2 * len(scanned.front_matter) + 1024):
        return {}, FrontMatterError(
            "Front matter repeats values through YAML aliases (&name, *name) far beyond its "
            "own size",
            2,
            1,
        )
    return data, None


def front_matter_keys(scanned: Scan) -> dict[str, int]:
    """The line of each key in the front matter, found in one pass (first occurrence wins)."""
    lines: dict[str, int] = {}
    for number in range(1, scanned.front_matter_end):
        key, colon, _ = scanned.lines[number].partition(":")
        if colon:
            lines.setdefault(key.strip().strip("'\""), number + 1)
    return lines


_SCALARS = (str, int, float, bool, datetime.date)


def _front_matter_field(scanned: Scan, lines: dict[str, int], key: str, value: object) -> Field:
    """A front matter entry as a header field: a list of plain values reads as one value, a
    mapping or a list of lists is kept as a field with no value, marked as such."""
    structure = ""
    if isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, list) and all(isinstance(item, _SCALARS) for item in value):
        text = ", ".join(str(item) for item in value)
    elif value is None or isinstance(value, _SCALARS):
        text = "" if value is None else str(value)
    else:
        text, structure = "", "a mapping" if isinstance(value, dict) else "a list of lists"
    line = lines.get(key, 1)
    column = len(scanned.lines[line - 1]) - len(scanned.lines[line - 1].lstrip()) + 1
    return Field(key, text.strip(), line, column, column + len(key) + 2, structure)


def _fields_in_lines(
    scanned: Scan, start: int, stop: int, plain: bool = False, known: Collection[str] = ()
) -> list[Field]:
    """Header fields on top-level lines with 0-based indices in ``[start, stop)``; with
    ``plain``, in the forms without bold too (``- Key: value``, ``Key: value``, tables)."""
    found = []
    lines = scanned.lines
    for number in range(start, min(stop, len(lines))):
        # Lazy continuation lines of a list (NESTED) still read as fields: people mean them so.
        if scanned.kinds[number] in (LineKind.TEXT, LineKind.NESTED):
            line = lines[number]
            parsed = read_field(line, number + 1) or (plain and read_plain_field(line, number + 1))
            if parsed and not _is_table_head(lines, number, known):
                found.append(parsed)
    return found


# A table's delimiter row: `|---|:---:|`, `--- | ---`.
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*")


# What a header row calls a key/value table's columns (as field keys): `| Field | Value |`.
_COLUMN_NAMES = frozenset(
    {"", "field", "fields", "key", "name", "property", "attribute", "item", "metadata",
     "parameter", "value", "values", "detail", "details", "description", "information",
     "info", "content", "notes", "meaning", "definition", "explanation", "purpose", "role",
     "type", "change", "changes", "author", "comment", "comments"}
)  # fmt: skip


def _is_table_head(lines: tuple[str, ...], number: int, known: Collection[str] = ()) -> bool:
    """Whether line ``number`` is a table's header row that names its columns (`| Field |
    Value |`, `| Version | Changes |`), never a field. Markdown makes a table's first row its
    header: a table of fields without column names has its first field there, and that row
    is a field like the others where it and most rows below read as fields (a bold key, one
    of the ``known`` keys of the template's fields, or a placeholder beside a key, as in a
    template) and its value names no column (`| **Status** | Meaning |`)."""
    after = number + 1
    if not (
        lines[number].lstrip().startswith("|")
        and after < len(lines)
        and "-" in lines[after]
        and _DELIMITER_ROW.fullmatch(lines[after])
    ):
        return False
    rows = itertools.takewhile(lambda line: line.lstrip().startswith("|"), lines[after + 1 :])
    head, *body = (_cells(row) for row in (lines[number], *rows))
    if len(head) != 2 or not _reads_as_field(head, known):
        return True
    key, value = (field_key(cell) for cell in head)
    if value in _COLUMN_NAMES and not is_placeholder(head[1]):  # `| **Owner** | [Name] |`
        return True
    if key in _COLUMN_NAMES and key not in known:  # `| **Type** | Fix |` where Type is a field
        return True
    # Most rows below read as fields too (a doc may add one of its own).
    fields = sum(1 for row in body if len(row) == 2 and _reads_as_field(row, known))
    return fields * 2 <= len(body) if body else False


def _cells(row: str) -> list[str]:
    """A table row's cells, stripped; `\\|` is a pipe within a cell."""
    return [cell.strip(" \t") for cell in _ESCAPED_PIPE.split(row.strip().strip("|"))]


def _reads_as_field(cells: list[str], known: Collection[str]) -> bool:
    key, value = cells
    return key.startswith(("**", "__")) or field_key(key) in known or is_placeholder(value)


def read_plain_field(line: str, number: int) -> Field | None:
    """``- Key: value``, ``Key: value`` or a ``| Key | value |`` row, without bold."""
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    if stripped.startswith("|"):
        return _table_field(stripped, offset, number, bold=False)
    match = _PLAIN_FIELD.match(stripped)
    if match is None or len(match.group("key").split()) > _MOST_KEY_WORDS:
        return None
    key_column = offset + len(match.group("lead")) + 1
    return Field(
        match.group("key"),
        _clean_value(match.group("value")),
        number,
        key_column,
        offset + match.start("value") + 1,
    )


def _status_section(scanned: Scan, sections: list[Section]) -> Field | None:
    """The status as a ``## Status`` section's one line of text (Nygard's ADRs)."""
    section = _section(sections, "status")
    if section is None:
        return None
    stop = section.children[0].heading.line - 1 if section.children else section.end_line
    for number in range(section.heading.line, min(stop, len(scanned.lines))):
        if scanned.kinds[number] is LineKind.TEXT:
            line = scanned.lines[number]
            column = len(line) - len(line.lstrip()) + 1
            return Field(section.title, _clean_value(line), number + 1, column, column)
    return None


def _section(sections: list[Section] | tuple[Section, ...], key: str) -> Section | None:
    return next((section for section in sections if section.key == key), None)


def _only_fields(scanned: Scan, start: int, stop: int, fields: list[Field]) -> bool:
    """Whether lines ``[start, stop)`` hold fields and nothing else but table furniture and
    rules (``## Technical Specification Document`` over the header, a metadata table)."""
    field_lines = {found.line - 1 for found in fields}
    for number in range(start, min(stop, len(scanned.lines))):
        if scanned.kinds[number] not in (LineKind.TEXT, LineKind.NESTED):
            continue
        text = scanned.lines[number].strip()
        if number not in field_lines and not text.startswith("|") and set(text) - set("-*_ "):
            return False
    return bool(fields)


def read_field(line: str, number: int) -> Field | None:
    """Read one header field line in any of the forms people write, or None."""
    if "**" not in line and "__" not in line:  # every form has a bold key (most lines do not)
        return None
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    match = _BOLD_FIELD.match(stripped)
    if match:
        group = "" if match.group("key") is not None else "2"
        key = match.group("key" + group).strip()
        value = match.group("value" + group)
        key_column = offset + match.start("key" + group) + 1
        value_column = offset + match.start("value" + group) + 1
        return Field(key, _clean_value(value), number, key_column, value_column)
    if stripped.startswith("|"):
        return _table_field(stripped, offset, number)
    return None


_ESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _table_field(row: str, offset: int, number: int, bold: bool = True) -> Field | None:
    """``| **Key** | value |``: a two-column table row with a bold key (any key, unless
    ``bold``; never a header's rule).

    Split on ``|`` rather than matched by a regex: a regex's optional spaces around the cells
    overlap, and backtrack polynomially on a long row of spaces."""
    body = row.rstrip(" \t")
    closed = body.endswith("|") and not body.endswith("\\|") and len(body) > 1
    inner = body[1 : -1 if closed else None]
    # `\|` is a pipe within a cell (`[Draft \| Final]`), the only way a table writes one.
    cells = _ESCAPED_PIPE.split(inner) if "\\|" in inner else inner.split("|")
    if len(cells) != 2 or (bold and not cells[0].strip(" \t").startswith(("**", "__"))):
        return None
    if not cells[0].strip(" \t*") or not set(cells[0]) - set(" \t:-"):
        return None
    key_cell, value_cell = cells
    key_start = 1 + len(key_cell) - len(key_cell.lstrip(" \t"))
    value_start = 2 + len(key_cell) + len(value_cell) - len(value_cell.lstrip(" \t"))
    return Field(
        key_cell.strip(" \t").strip("*_ "),
        _clean_value(value_cell.strip(" \t").replace("\\|", "|")),
        number,
        offset + key_start + 3,
        offset + value_start + 1,
    )


def _clean_value(value: str) -> str:
    """A field's value as its words: without a comment beside it, or the bold, emphasis or
    code span it is wholly written in."""
    value = without_comments(value.strip().strip(_BIDI_MARKS).strip())
    # Layers of emphasis (`***x***`, `**_x_**`), then a code span within them.
    while value[:1] in ("*", "_") and (inner := _unwrapped(value, ("***", "**", "__", "*", "_"))):
        value = inner
    return _unwrapped(value, ("`",)) or value


def _unwrapped(value: str, marks: tuple[str, ...]) -> str | None:
    """``value`` without the first of ``marks`` that it is wholly written in, else None
    (`**A** or **B**` is two spans, not one)."""
    for mark in marks:
        if value.startswith(mark) and value.endswith(mark) and len(value) > 2 * len(mark):
            inner = value[len(mark) : -len(mark)]
            return None if mark in inner else inner.strip()
    return None


def _section_tree(scanned: Scan, headings: list[Heading]) -> tuple[list[Section], list[Section]]:
    """The sections, each ending where the next heading of its level or higher starts: the
    top ones, and all of them in document order."""
    roots: list[Section] = []
    every: list[Section] = []
    stack: list[Section] = []
    last = len(scanned.lines)
    for index, heading in enumerate(headings):
        own_end = headings[index + 1].line - 1 if index + 1 < len(headings) else last
        has_content, not_applicable = _own_content(scanned, heading.line, own_end)
        section = Section(heading, heading_key(heading.text), last, has_content, not_applicable, [])
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop().end_line = heading.line - 1
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
        every.append(section)
    return roots, every


_NOT_CONTENT = (LineKind.BLANK, LineKind.COMMENT, LineKind.HEADING)


def _own_content(scanned: Scan, start: int, stop: int) -> tuple[bool, bool]:
    """Whether lines ``[start, stop)`` hold content (comments and blanks aside), and whether
    all of it is "N/A". Stops at the first line that is not: most sections open with text."""
    lines, kinds = scanned.lines, scanned.kinds
    has_content = False
    for number in range(start, stop):
        if kinds[number] not in _NOT_CONTENT:
            if not _NOT_APPLICABLE.fullmatch(lines[number]):
                return True, False
            has_content = True
    return has_content, has_content


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> datetime.date | None:
    """An ISO date written as YYYY-MM-DD, or None."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
