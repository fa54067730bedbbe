"""Relations between docs: "superseded by X", "supersedes X", "amends X", "amended by X".

Written in a doc's status or another field (or on a line of its Status section), X is a doc's
id (``ADR-0005``, ``ADR 5``, ``0005``: the number its file name starts with, else its file
stem), its title, or a Markdown link to it. An id is looked for in the doc's own type first,
so that ADR 0001 and RFC 0001 can both exist. Every relation shows on its target too, as its
inverse.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .document import SpecDocument
from .rules import UNRESOLVED_REFERENCE
from .scanner import LineKind

# The words of a relation, and its kind (as `data-relation` names it).
KINDS = {
    "superseded by": "superseded-by",
    "supersedes": "supersedes",
    "amended by": "amended-by",
    "amends": "amends",
}
INVERSE = {
    "superseded-by": "supersedes",
    "supersedes": "superseded-by",
    "amended-by": "amends",
    "amends": "amended-by",
}
_WORDS = "|".join(words.replace(" ", r"\s+") for words in KINDS)
_WRITTEN = re.compile(rf"^\W*(?P<words>{_WORDS})\s+(?P<target>\S.*)$", re.IGNORECASE)
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)[^)]*\)")
_NUMBER = re.compile(r"^(\d+)")


@dataclass(frozen=True, slots=True)
class WrittenRelation:
    """A relation as a doc writes it, before it is known which doc it names."""

    kind: str  # superseded-by, supersedes, amends, amended-by
    target: str  # as written: an id, a title, or a Markdown link
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str
    path: str  # the doc it names
    title: str


def written_relations(document: SpecDocument) -> tuple[WrittenRelation, ...]:
    """The relations written in a doc's fields, and on the lines of its Status section."""
    found = []
    for field in document.fields.values():
        if match := _WRITTEN.match(field.value):
            found.append(_written(match, field.line, field.value_column))
    status = document.section("status")
    if status is not None:
        lines, kinds = document.scan.lines, document.scan.kinds
        for number in range(status.heading.line, min(status.end_line, len(lines))):
            if kinds[number] is LineKind.TEXT and (match := _WRITTEN.match(lines[number])):
                found.append(_written(match, number + 1, 1))
    return tuple(dict.fromkeys(found))  # a Status section's line may be its field too


def _written(match: re.Match[str], line: int, column: int) -> WrittenRelation:
    kind = KINDS[" ".join(match.group("words").lower().split())]
    return WrittenRelation(kind, match.group("target").strip(), line, column)


@dataclass(frozen=True)
class Doc:
    """What relations need to know of a doc."""

    path: str
    doc_type: str
    title: str
    written: tuple[WrittenRelation, ...]

    @property
    def number(self) -> int | None:
        found = _NUMBER.match(posixpath.basename(self.path))
        return int(found.group(1)) if found else None

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.path))[0]


def resolve(docs: Sequence[Doc]) -> tuple[dict[str, tuple[Relation, ...]], list[Diagnostic]]:
    """Each doc's relations, those it writes and the inverse of those written about it, and
    a diagnostic for each relation that names no doc."""
    by_path = {doc.path: doc for doc in docs}
    found: dict[str, list[Relation]] = {}
    problems = []
    for doc in docs:
        for written in doc.written:
            target = _target(doc, written.target, docs, by_path)
            if target is None:
                problems.append(
                    UNRESOLVED_REFERENCE.at(
                        doc.path,
                        written.line,
                        written.column,
                        f'"{written.kind.replace("-", " ")} {written.target}" names no known doc',
                        "Name the doc by its number (ADR-0005), its title, or a link to it.",
                    )
                )
                continue
            found.setdefault(doc.path, []).append(Relation(written.kind, target.path, target.title))
            inverse = Relation(INVERSE[written.kind], doc.path, doc.title)
            found.setdefault(target.path, []).append(inverse)
    return {path: tuple(dict.fromkeys(relations)) for path, relations in found.items()}, problems


def _target(doc: Doc, written: str, docs: Iterable[Doc], by_path: Mapping[str, Doc]) -> Doc | None:
    if link := _LINK.search(written):
        url = link.group("url").split("#", 1)[0]
        path = posixpath.normpath(posixpath.join(posixpath.dirname(doc.path), url))
        if path in by_path:
            return by_path[path]
        written = link.group("text")
    number = re.search(r"\d+", written)
    ordered = sorted(docs, key=lambda other: other.doc_type != doc.doc_type)  # its type first
    folded = written.strip().casefold()
    for other in ordered:
        if other.path == doc.path:
            continue
        if number and other.number == int(number.group(0)):
            return other
        if folded in (other.stem.casefold(), other.title.casefold()):
            return other
    return None
