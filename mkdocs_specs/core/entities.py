"""The entity catalogue: what the specs define, what they reference, and where it all is.

Entities are the ``###`` headings under Data Models (other than Database Schema), the ``####``
headings under Database Schema (tables), and REST (``GET /path``) and ``Event: name`` headings
anywhere. References are ``[[Name]]`` or ``[[Name|text]]`` in prose, ``**Name**`` entries under
a Relationships label and, with autolink, a code span whose whole text is an entity name.
All of it is read from the parsed documents before any page is rendered, so every page can
link to every definition and every definition knows who refers to it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import PurePosixPath
from typing import NamedTuple, TypeVar

from .diagnostics import Diagnostic
from .document import SpecDocument, read_field
from .inline import CodeSpan, HeadingText, code_spans, heading_text
from .memo import memoized
from .names import field_key, fold, heading_name
from .rules import DUPLICATE_ENTITY, UNRESOLVED_REFERENCE
from .scanner import LineKind, Scan, lines_holding
from .suggest import NearNames

# `[[Name]]` or `[[Name|shown text]]`; a backslash before it keeps it literal, and a link
# after it makes it an ordinary link whose text is in brackets (`[[1]](https://…)`).
WIKI_LINK = re.compile(r"(?<!\\)\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\](?![(\[])")
_REST = re.compile(r"(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)")
_EVENT = re.compile(r"event\s*:\s*(.+)", re.IGNORECASE)
# What a heading holds if it names its own kind: _REST's path, _EVENT's colon, written or as
# a character reference.
_KIND_SIGNS = frozenset("/:&")
_RELATIONSHIP_ITEM = re.compile(r"[ \t]*[-*+][ \t]+\*\*(?P<name>[^*\n]+?)\*\*(?P<rest>.*)")
# `[text](` of an inline link (the `[` not after `[` or `!`: tested once matched, so that
# the search jumps from bracket to bracket).
_LINK_TEXT = re.compile(r"\[(?<![\[!]\[)[^\[\]]*\]\(")
_DATA_MODELS = frozenset({"data models", "data model"})
_DATABASE_SCHEMA = "database schema"
_PROSE = (LineKind.TEXT, LineKind.NESTED)  # the lines references are read from


class EntityKind(str, Enum):
    MODEL = "model"
    TABLE = "table"
    ENDPOINT = "endpoint"
    EVENT = "event"


class ReferenceKind(str, Enum):
    LINK = "link"  # [[Name]]
    RELATIONSHIP = "relationship"  # **Name** under Relationships
    CODE = "code"  # `Name`, with autolink: code


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: EntityKind
    path: str
    line: int
    column: int
    anchor: str  # the id toc gives the definition's heading
    end_line: int  # last line of the definition's section


class Reference(NamedTuple):  # a named tuple, as `Heading`
    name: str  # as written
    kind: ReferenceKind
    path: str
    line: int
    column: int
    text: str  # the shown text of [[Name|text]], or a relationship's description
    source: str | None  # the entity whose section holds the reference, if any
    target: str | None = None  # the name of the entity it resolves to


# The ids the renderer gives a page's headings (all of them, in order), for links to entities.
HeadingIds = Callable[[Sequence[HeadingText]], list[str]]


@dataclass(frozen=True)
class CatalogOptions:
    attr_list: bool = False  # `{#id .class}` after a heading is an attribute list, not text
    autolink_code: bool = True  # a code span naming an entity is a reference
    heading_ids: HeadingIds | None = None  # None: entities get no anchors (nothing is rendered)


@dataclass(frozen=True)
class Catalog:
    entities: tuple[Entity, ...] = ()  # the first definition of each name, by path then line
    references: tuple[Reference, ...] = ()  # by path then position
    titles: Mapping[str, str] = field(default_factory=dict)  # spec path -> plain title
    diagnostics: tuple[Diagnostic, ...] = ()  # duplicate-entity, unresolved-reference

    @functools.cached_property
    def _by_name(self) -> dict[str, Entity]:
        return {entity.name: entity for entity in self.entities}

    @functools.cached_property
    def _by_folded_name(self) -> dict[str, list[Entity]]:
        folded: dict[str, list[Entity]] = {}
        for entity in self.entities:
            folded.setdefault(fold(entity.name), []).append(entity)
        return folded

    def named(self, text: str) -> Entity | None:
        """The entity with exactly this name (what a code span must match), composed."""
        return self._by_name.get(text if text.isascii() else unicodedata.normalize("NFC", text))

    def find(self, name: str) -> Entity | None:
        """The entity a reference names: exactly, else the only one differing in case."""
        name = " ".join(name.split())
        found = self._by_name.get(name)
        if found is None:
            candidates = self._by_folded_name.get(fold(name), [])
            found = candidates[0] if len(candidates) == 1 else None
        return found

    @functools.cached_property
    def close_names(self) -> NearNames:
        """The entity names close to a misspelt one."""
        return NearNames(entity.name for entity in self.entities)

    def title(self, path: str) -> str:
        return self.titles.get(path) or PurePosixPath(path).stem

    @functools.cached_property
    def _referrers(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for reference in self.references:
            if reference.target is not None:
                found.setdefault(reference.target, set()).add(reference.path)
        return found

    # Grouped by spec once: each page asks for its own, and scanning all of them per page
    # would make a build quadratic in the number of specs.
    @functools.cached_property
    def _entities_by_path(self) -> dict[str, list[Entity]]:
        return _by_path(self.entities)

    @functools.cached_property
    def _references_by_path(self) -> dict[str, list[Reference]]:
        return _by_path(self.references)

    @functools.cached_property
    def _diagnostics_by_path(self) -> dict[str, list[Diagnostic]]:
        return _by_path(self.diagnostics)

    def defined_in(self, path: str) -> list[Entity]:
        return list(self._entities_by_path.get(path, ()))

    def references_from(self, path: str) -> list[Reference]:
        return list(self._references_by_path.get(path, ()))

    def referrers(self, entity: Entity) -> list[str]:
        """The other specs that refer to ``entity``, by path."""
        return sorted(self._referrers.get(entity.name, set()) - {entity.path})

    def diagnostics_for(self, path: str) -> list[Diagnostic]:
        return list(self._diagnostics_by_path.get(path, ()))


_Located = TypeVar("_Located", Entity, Reference, Diagnostic)


def _by_path(items: Sequence[_Located]) -> dict[str, list[_Located]]:
    """``items`` grouped by the spec they are in, each group in the original order."""
    grouped: dict[str, list[_Located]] = {}
    for item in items:
        grouped.setdefault(item.path, []).append(item)
    return grouped


@dataclass(frozen=True)
class SpecEntities:
    """What one spec defines and mentions, read from it alone (names not yet resolved).

    It depends only on the document and the options, so it can be kept with the document
    while other specs change; ``link_catalog`` then resolves names over all specs.
    """

    path: str
    title: str | None  # plain title, as the catalogue shows it
    entities: tuple[Entity, ...]
    # [[Name]] and Relationships entries, and every code span that may name an entity
    # (kind CODE); in source order.
    mentions: tuple[Reference, ...]


def read_entities(document: SpecDocument, options: CatalogOptions) -> SpecEntities:
    entities = _definitions(document, options)
    title = document.title
    return SpecEntities(
        document.path,
        heading_text(title.text, options.attr_list).text if title else None,
        tuple(entities),
        tuple(_references(document, entities, options)),
    )


def link_catalog(specs: Sequence[SpecEntities]) -> Catalog:
    """The catalogue of specs read with ``read_entities`` (in the order of the site's names
    of them, so that the first of two definitions is the same doc's wherever check ran)."""
    first: dict[str, Entity] = {}
    diagnostics: list[Diagnostic] = []
    for spec in specs:
        for entity in spec.entities:
            earlier = first.setdefault(entity.name, entity)
            if earlier is not entity:
                diagnostics.append(_duplicate(entity, earlier))
    titles = {spec.path: spec.title for spec in specs if spec.title is not None}
    catalog = Catalog(tuple(first.values()), titles=titles)
    references = []
    for spec in specs:
        # A code span is a reference only when its whole text names an entity.
        found = [
            mention
            for mention in spec.mentions
            if mention.kind is not ReferenceKind.CODE or catalog.named(mention.name)
        ]
        for reference in sorted(found, key=lambda r: (r.line, r.column)):
            target = catalog.find(reference.name)
            if target is None:
                diagnostics.append(_unresolved(reference, catalog))
            references.append(reference._replace(target=target.name if target else None))
    return replace(catalog, references=tuple(references), diagnostics=tuple(sorted(diagnostics)))


def relationship_name(text: str) -> str | None:
    """The entity name a Relationships entry's bold text gives; None for a placeholder."""
    name = " ".join(text.replace("`", "").split()).rstrip(":").strip()
    return name if name and "[" not in name and "]" not in name else None


def _definitions(document: SpecDocument, options: CatalogOptions) -> list[Entity]:
    headings = document.scan.headings
    kinds: dict[int, EntityKind] = {}  # by heading line: entities by their place in the tree
    for section in document.every_section:
        if section.key == _DATABASE_SCHEMA:
            kinds.update((child.heading.line, EntityKind.TABLE) for child in section.children)
        elif section.key in _DATA_MODELS:
            kinds.update(
                (child.heading.line, EntityKind.MODEL)
                for child in section.children
                if child.key != _DATABASE_SCHEMA
            )
    # The headings that may be entities': by their place, or naming their own kind.
    candidates = [
        index
        for index, heading in enumerate(headings)
        if heading.level > 1 and (heading.line in kinds or not _KIND_SIGNS.isdisjoint(heading.text))
    ]
    if not candidates:
        return []
    # The ids need every heading's text; without them, only the candidates' are read.
    texts = (
        [heading_text(h.text, options.attr_list) for h in headings] if options.heading_ids else []
    )
    anchors = options.heading_ids(texts) if options.heading_ids else []
    # Each heading's section ends where the section tree says; the title's, at the end.
    ends = {section.heading.line: section.end_line for section in document.every_section}
    entities = []
    for index in candidates:
        heading = headings[index]
        text = texts[index] if texts else heading_text(heading.text, options.attr_list)
        name, kind = _entity_name(text.text)
        kind = kind or kinds.get(heading.line)
        if kind is None or not name or "[" in name or "]" in name:
            continue  # not an entity, or a template placeholder such as [Entity Name]
        anchor = anchors[index] if anchors else ""
        end = ends.get(heading.line, len(document.scan.lines))
        entities.append(
            Entity(name, kind, document.path, heading.line, heading.column, anchor, end)
        )
    return entities


@memoized(512)  # the template's own headings recur in every spec
def _entity_name(text: str) -> tuple[str, EntityKind | None]:
    """The entity name a heading gives, and its kind when the heading alone says it."""
    name = heading_name(text)
    if rest := _REST.match(name):
        return f"{rest.group(1)} {rest.group(2)}", EntityKind.ENDPOINT
    if event := _EVENT.fullmatch(name):
        return heading_name(event.group(1)), EntityKind.EVENT
    return " ".join(name.split()), None


def _references(
    document: SpecDocument, entities: list[Entity], options: CatalogOptions
) -> Iterator[Reference]:
    scan = document.scan
    lines = scan.lines
    # Most lines hold no reference: only lines with a wiki link or (where they may be
    # references) a code span, and the entries of Relationships lists, are read (in source
    # order).
    items = _relationship_items(scan)
    marked = lines_holding(scan.text, ("`", "[[") if options.autolink_code else ("[[",))
    chosen = sorted(items.keys() | {i for i in marked if scan.kinds[i] in _PROSE})
    owners = _enclosing(entities, [index + 1 for index in chosen])
    for index, owner in zip(chosen, owners, strict=True):
        line, number = lines[index], index + 1
        named: range | None = None  # where a Relationships entry's name is
        item = items.get(index)
        if item and (name := relationship_name(item.group("name"))):
            named = range(item.start("name"), item.end("name"))
            description = item.group("rest").lstrip(" \t:-\u2013\u2014").strip()
            yield Reference(
                name,
                ReferenceKind.RELATIONSHIP,
                document.path,
                number,
                item.start("name") + 1,
                description,
                owner,
            )
        # Nothing in a code span is a reference: a line's spans are read where they may be
        # references, or may hide a wiki link.
        spans = code_spans(line) if options.autolink_code or "[[" in line else []
        prose = _without_code(line, spans) if spans else line
        if "[[" in prose:
            for match in WIKI_LINK.finditer(prose):
                name = " ".join(match.group(1).split())
                shown = (match.group(2) or match.group(1)).strip()
                where = (number, match.start() + 1)
                yield Reference(name, ReferenceKind.LINK, document.path, *where, shown, owner)
        if options.autolink_code and spans:
            # A code span in a link's text, or in an entry's name, is not a reference.
            links = [range(m.start(), m.end()) for m in _LINK_TEXT.finditer(prose)]
            starts = [link.start for link in links]
            for span in spans:
                if not (named and span.start in named) and not _within(span.start, links, starts):
                    yield Reference(
                        span.content,
                        ReferenceKind.CODE,
                        document.path,
                        number,
                        span.start + 1,
                        span.content,
                        owner,
                    )


def _within(position: int, ranges: list[range], starts: list[int]) -> bool:
    """Whether ``position`` is in one of ``ranges`` (in order, not overlapping, starting at
    ``starts``): by bisection, as a long line may hold thousands of ranges and positions."""
    slot = bisect.bisect_right(starts, position) - 1
    return slot >= 0 and position in ranges[slot]


def _relationship_items(scan: Scan) -> dict[int, re.Match[str]]:
    """The entries of the lists under Relationships labels, by line index.

    Such a list runs from the line after the label over blank lines, nested lines and
    top-level ``- **Name**`` items, up to any other line."""
    lines, kinds = scan.lines, scan.kinds
    items: dict[int, re.Match[str]] = {}
    end = 0  # where the last list ended: a label before it was an entry of that list
    # A label has no value: its line ends as a label's (few lines do).
    for label in scan.labels:
        if (
            label < end
            or kinds[label] is not LineKind.TEXT
            or not _is_relationships_line(lines[label])
        ):
            continue
        end = label + 1
        while end < len(lines):
            kind = kinds[end]
            if kind is LineKind.TEXT:
                if not (item := _RELATIONSHIP_ITEM.match(lines[end])):
                    break
                items[end] = item
            elif kind not in (LineKind.BLANK, LineKind.NESTED):
                break
            end += 1
    return items


def is_relationships_label(key: str, value: str) -> bool:
    """Whether a bold ``key`` followed by ``value`` labels a Relationships list: that field,
    with no value (the colon may sit inside or after the bold key)."""
    return field_key(key) == "relationships" and not value.strip().lstrip(":").strip()


@memoized(512)  # the template's labels recur in every spec
def _is_relationships_line(line: str) -> bool:
    found = read_field(line, 1)
    return bool(found and is_relationships_label(found.name, found.value))


def _without_code(line: str, spans: list[CodeSpan]) -> str:
    """``line`` with its code spans blanked out: nothing in them is a reference."""
    pieces, position = [], 0
    for span in spans:
        pieces += [line[position : span.start], " " * (span.end - span.start)]
        position = span.end
    return "".join([*pieces, line[position:]])


def _enclosing(entities: list[Entity], numbers: list[int]) -> list[str | None]:
    """For each line number (increasing), the innermost entity whose section holds it.

    One sweep with a stack (sections nest), not a search per line: a large spec has many
    lines and many entities."""
    owners: list[str | None] = []
    starts = sorted(entities, key=lambda entity: entity.line)
    open_: list[Entity] = []
    position = 0
    for number in numbers:
        while open_ and open_[-1].end_line < number:
            open_.pop()
        while position < len(starts) and starts[position].line < number:
            if starts[position].end_line >= number:
                open_.append(starts[position])
            position += 1
        owners.append(open_[-1].name if open_ else None)
    return owners


def _duplicate(entity: Entity, first: Entity) -> Diagnostic:
    # The first one's place moves with its doc: a baseline leaves it out (`Rule.moving`).
    return DUPLICATE_ENTITY.at(
        entity.path,
        entity.line,
        entity.column,
        f'Entity "{entity.name}" is already defined at {first.path}:{first.line}',
        f'Rename one of them, or refer to the first one with "[[{entity.name}]]".',
    )


def _unresolved(reference: Reference, catalog: Catalog) -> Diagnostic:
    if reference.kind is ReferenceKind.RELATIONSHIP:
        message = f'Relationships entry "{reference.name}" names no known entity'
    else:
        message = f'"[[{reference.name}]]" names no known entity'
    close = [f'"{name}"' for name in catalog.close_names(reference.name)]
    if close:
        names = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        hint = f"Did you mean {names}?"
    else:
        hint = None
    return UNRESOLVED_REFERENCE.at(reference.path, reference.line, reference.column, message, hint)
