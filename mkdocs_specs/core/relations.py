"""Relations between docs: "superseded by X", "supersedes X", "amends X", "amended by X".

Written in a doc's status or another field (or on a line of its Status section), X is a doc's
id (``ADR-0005``, ``ADR 5``, ``0005``: the number its file name starts with, as
``file_number`` reads it, else its file stem), its title, or a Markdown link to it; ``X, Y``
or ``X and Y`` names several by id or link. An id is a doc of the writer's own type, so that
ADR 0001 and RFC 0001 can both exist, unless its prefix names another type (``RFC-0001``).
Every relation shows on its target too, as its inverse.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from .diagnostics import Diagnostic
from .document import SpecDocument
from .names import (
    NOT_APPLICABLE,
    NOT_WORD,
    RELATION,
    RELATION_ALONE,
    RELATION_KINDS,
    field_key,
    fold,
    relation_kind,
)
from .placeholders import REFERENCE_DEFINITION
from .rules import UNRESOLVED_REFERENCE, UNRESOLVED_RELATION_HINT
from .scanner import LineKind
from .template import Template

INVERSE = {
    "superseded-by": "supersedes",
    "supersedes": "superseded-by",
    "amended-by": "amends",
    "amends": "amended-by",
}
# A Markdown link: inline, its destination bare or in <>, or by reference ([text][label],
# [text][] or [label] alone, where the doc defines the label).
_LINK = re.compile(
    r"\[(?P<text>[^\]]*)\]\(\s*(?:<(?P<angle>[^<>\n]*)>|(?P<url>[^\s)]+))[^)]*\)"
    r"|\[(?P<reference>[^\]]*)\](?:\[(?P<label>[^\]]*)\])?"
)
# A file's number: `0005-use-x.md`, or an id's of three digits or more after a short word and
# a dash, `ADR-0005-use-x.md`, `adr_007.md` (`phase-2-rollout.md` is a title's); never a date's
# year (`2024-01-15-use-x.md`) nor a word's digits (`oauth2`).
_FILE_NUMBER = re.compile(r"(?:[^\W\d_]{1,15}[-_](?=\d{3}))?(\d+)(?!\d|[-_.]\d\d?[-_.]\d\d?(?!\d))")


def file_number(name: str) -> int | None:
    """The number a doc's file name starts with, if any."""
    found = _FILE_NUMBER.match(name)
    return int(found.group(1)) if found else None


# A field named for a relation, by its key (`superseded_by`, `Supersedes`), and its kind.
_RELATION_KEYS = {field_key(words): kind for words, kind in RELATION_KINDS.items()}
# A relation field's value that names no doc (none yet), as its words.
_NO_DOC = NOT_APPLICABLE | {""}
# Between the docs of a relation that names several: "ADR-0003, ADR-0001", "3 and 4".
# Spaces around are stripped from each part after: a pattern for them would try each run of
# spaces from each of its starts (quadratic on a long one).
_SEPARATOR = re.compile(r",(?:\s*and\s)?|(?<!\s)\s+and\s", re.IGNORECASE)
_QUOTES = "\"'\u201c\u201d\u2018\u2019"  # around a title: `"Use Redis"`, `“Use Redis”`
# An id as written: an optional short word (ADR, RFC), a separator, then the number, no more
# ("ADR-0005", "ADR 5", "#5", "0005"); a title that holds a number ("Use OAuth 2") is none.
_ID = re.compile(r"(?:(?P<prefix>[^\W\d_]{1,15})[\s_-]*)?#?(?P<number>\d+)")
# An id that its doc's title follows after a colon, a dash or in parentheses ("ADR-0003:
# Use PostgreSQL"); after words alone it would be a title's ("Phase 2 rollout").
_LEADING_ID = re.compile(_ID.pattern + r"(?=\s*(?::|\(|\s[-\u2013\u2014]\s))")
# The id a doc's own title opens with, and its separator: "ADR-0003: ", Nygard's "3. ".
_TITLE_ID = re.compile(_ID.pattern + r"\s*(?:[:.)]|\s[-\u2013\u2014])\s+")


@dataclass(frozen=True, slots=True)
class WrittenRelation:
    """A relation as a doc writes it, before it is known which doc it names."""

    kind: str  # superseded-by, supersedes, amends, amended-by
    target: str  # as written: an id, a title, or a Markdown link
    line: int
    column: int
    name: str  # what names the doc: the target, or its link's text
    link: str | None = None  # where its link points, decoded, without #fragment or ?query


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str
    path: str  # the doc it names
    title: str


def written_relations(document: SpecDocument) -> tuple[WrittenRelation, ...]:
    """The relations written in a doc's fields, and on the lines of its Status section.

    The status, and a field named for a relation, name docs in any way; another field only
    by id or link: `**Notes**: Supersedes the old signup flow` is prose."""
    found = []
    for key, field in document.fields.items():
        if match := RELATION.match(field.value):
            if key == "status" or _by_id_or_link(match.group("target")):
                found += _written(match, field.line, field.value_column, document)
        elif (kind := _RELATION_KEYS.get(key)) is not None:
            # `supersedes: ADR-0001`, `**Superseded by**: [ADR-0002](0002-b.md)`
            if " ".join(NOT_WORD.split(field.value.casefold())).strip() not in _NO_DOC:
                found += _to(kind, field.value, field.line, field.value_column, document)
        elif key == "status" and (alone := RELATION_ALONE.match(field.value)):  # and by what?
            kind = relation_kind(alone.group("words"))
            found.append(WrittenRelation(kind, "", field.line, field.value_column, ""))
    status = document.section("status")
    if status is not None:
        lines, kinds = document.scan.lines, document.scan.kinds
        for number in range(status.heading.line, min(status.end_line, len(lines))):
            if kinds[number] is LineKind.TEXT and (match := RELATION.match(lines[number])):
                found += _written(match, number + 1, 1, document)
    return tuple(dict.fromkeys(found))  # a Status section's line may be its field too


def _written(
    match: re.Match[str], line: int, column: int, document: SpecDocument
) -> list[WrittenRelation]:
    return _to(relation_kind(match.group("words")), match.group("target"), line, column, document)


def _to(
    kind: str, target: str, line: int, column: int, document: SpecDocument
) -> list[WrittenRelation]:
    """The relations of ``kind`` to each doc ``target`` names, on ``line``, each at its own
    column where the line holds it as written (else at the value's, ``column``)."""
    # A line of a Status section is a sentence: its full stop ends it, and names no doc.
    target = target.strip().removesuffix(".")
    lines = document.scan.lines
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    found, start = [], column - 1
    for part in _parts(target):
        at = written.find(part, start)
        start = at + len(part) if at >= 0 else start
        # Not in the line as written (a YAML list's item on a line below): its first column.
        where = at + 1 if at >= 0 else min(column, len(written) + 1)
        found.append(_relation_to(kind, part, line, where, document))
    return found


def _by_id_or_link(target: str) -> bool:
    return all(
        _ID.fullmatch(part) or _LINK.fullmatch(part)
        for part in _parts(target.strip().removesuffix("."))
    )


def _parts(target: str) -> list[str]:
    """The docs a target names, one by one: several ("ADR-0003, ADR-0001") only where each
    is an id or a link, so that a title may hold a comma or an "and"."""
    parts = [part.strip() for part in _SEPARATOR.split(target)]
    if len(parts) > 1 and all(_ID.fullmatch(part) or _LINK.fullmatch(part) for part in parts):
        return parts
    return [target]


def _relation_to(
    kind: str, target: str, line: int, column: int, document: SpecDocument
) -> WrittenRelation:
    for link in _LINK.finditer(target):
        if (text := link.group("text")) is not None:
            url: str | None = _destination(link)
        else:  # a reference is a link only where the doc defines its label
            text = link.group("reference")
            # Read only here: few relations link by reference.
            url = _definitions(document).get(_label(link.group("label") or text))
        if url is not None:
            return WrittenRelation(kind, target, line, column, text, unquote(urlsplit(url).path))
    # `[ADR-0005]` with no definition is no link, only its text in brackets: the text names it.
    plain = _LINK.fullmatch(target)
    name = plain.group("reference") if plain and plain.group("reference") is not None else target
    return WrittenRelation(kind, target, line, column, name)


def _definitions(document: SpecDocument) -> dict[str, str]:
    """A doc's link reference definitions: their destinations by label, the first of each."""
    found: dict[str, str] = {}
    for line, kind in zip(document.scan.lines, document.scan.kinds, strict=True):
        if kind is LineKind.TEXT and (match := REFERENCE_DEFINITION.match(line)):
            found.setdefault(_label(match.group("label")), _destination(match))
    return found


def _destination(link: re.Match[str]) -> str:
    angle = link.group("angle")
    return angle if angle is not None else link.group("url")


def _label(label: str) -> str:
    """A reference's label as Markdown matches it: case and runs of spaces aside."""
    return " ".join(label.casefold().split())


@dataclass(frozen=True)
class Doc:
    """What relations need to know of a doc."""

    path: str
    name: str  # as the site names it (docs-relative), which relative links and messages use
    doc_type: str
    title: str
    written: tuple[WrittenRelation, ...]

    @property
    def number(self) -> int | None:
        return file_number(self.path.rpartition("/")[2])

    @property
    def stem(self) -> str:
        return posixpath.splitext(self.path.rpartition("/")[2])[0]


def id_prefixes(folder: str, template: Template, name: str | None = None) -> frozenset[str]:
    """What the prefix of an id (``RFC-0001``) may call a type: its folder's last part, its
    configured name, and the initials of either's words (Architecture Decision Records,
    architecture-decision-records: ADR), its template's name for its docs (RFCs), the
    template's noun for one (RFC), and the words its template writes ids with by example
    (``ADR`` of ``superseded by ADR-0123``), each casefolded and singular, as ``_singular``
    compares."""
    words = {posixpath.basename(folder), name or "", template.docs_name or "", template.noun}
    words |= template.id_words
    initials = ([part for part in NOT_WORD.split(word) if part] for word in words)
    words |= {"".join(part[0] for part in parts) for parts in initials if len(parts) > 1}
    return frozenset(_singular(word) for word in words if word)


def _singular(word: str) -> str:
    word = word.casefold()
    return word[:-1] if word.endswith("s") else word


def resolve(
    docs: Sequence[Doc], prefixes: Mapping[str, frozenset[str]]
) -> tuple[dict[str, tuple[Relation, ...]], list[Diagnostic]]:
    """Each doc's relations, those it writes and the inverse of those written about it, and
    a diagnostic for each relation that names no doc, several, or the doc itself.
    ``prefixes`` gives every type of the site what its ids' prefixes may call it
    (``id_prefixes``)."""
    if not any(doc.written for doc in docs):  # most sites of specs: nothing to look up
        return {}, []
    site = _site(docs, prefixes)
    found: dict[str, list[Relation]] = {}
    problems = []
    for doc in docs:
        for whole in doc.written:
            targets = _targets(doc, whole, site)
            each = [(whole, targets)] if targets else _each_named(doc, whole, site)
            for written, named in each:
                if len(named) != 1 or named[0] is doc:
                    problems.append(_unresolved(doc, written, named, site))
                    continue
                target = named[0]
                relation = Relation(written.kind, target.path, target.title)
                found.setdefault(doc.path, []).append(relation)
                inverse = Relation(INVERSE[written.kind], doc.path, doc.title)
                found.setdefault(target.path, []).append(inverse)
    return {path: tuple(dict.fromkeys(relations)) for path, relations in found.items()}, problems


def _each_named(
    doc: Doc, written: WrittenRelation, site: _Site
) -> list[tuple[WrittenRelation, Sequence[Doc]]]:
    """A target that names no doc as a whole, read as several ("ADR-0003 and Use Redis")
    where one of its parts names one: each part with the docs it names. A title may hold a
    comma or an "and": as long as no part names a doc, the target is one."""
    parts = [part.strip() for part in _SEPARATOR.split(written.target)]
    if written.link is not None or len(parts) < 2:
        return [(written, ())]
    each = [
        (part, _targets(doc, part, site))
        for part in (replace(written, target=text, name=text) for text in parts)
    ]
    if any(len(named) == 1 and named[0] is not doc for _, named in each):
        return each
    return [(written, ())]


@dataclass(frozen=True)
class _Site:
    """The docs by what a relation may name them by: looked up once per ``resolve``, not
    searched once per relation."""

    by_name: Mapping[str, Doc]  # by the site's name, which a relative link is joined to
    named: Mapping[tuple[str, str], list[Doc]]  # by type and casefolded title or stem
    named_anywhere: Mapping[str, list[Doc]]  # by casefolded title or stem
    # By casefolded title without the id it opens with ("use connect" of "ADR-0005: Use
    # Connect"): after the others, so that a title written whole wins.
    titled: Mapping[str, list[Doc]]
    numbered: Mapping[tuple[str, int], list[Doc]]  # by type and number
    types: Mapping[str, frozenset[str]]  # by the singular prefix that names them
    one_type: bool  # the site's


def _site(docs: Iterable[Doc], prefixes: Mapping[str, frozenset[str]]) -> _Site:
    by_name: dict[str, Doc] = {}
    named: dict[tuple[str, str], list[Doc]] = {}
    named_anywhere: dict[str, list[Doc]] = {}
    titled: dict[str, list[Doc]] = {}
    numbered: dict[tuple[str, int], list[Doc]] = {}
    for doc in docs:
        by_name[doc.name] = doc
        stem, title = fold(doc.stem), fold(doc.title.strip())
        for key in (stem, title) if title != stem else (stem,):
            if key:
                named.setdefault((doc.doc_type, key), []).append(doc)
                named_anywhere.setdefault(key, []).append(doc)
        if bare := _TITLE_ID.match(title):  # "superseded by Use Connect"
            titled.setdefault(title[bare.end() :], []).append(doc)
        if (number := doc.number) is not None:
            numbered.setdefault((doc.doc_type, number), []).append(doc)
    types: dict[str, frozenset[str]] = {}
    for kind, words in prefixes.items():
        for word in words:
            types[word] = types.get(word, frozenset()) | {kind}
    return _Site(by_name, named, named_anywhere, titled, numbered, types, len(prefixes) <= 1)


def _targets(doc: Doc, written: WrittenRelation, site: _Site) -> Sequence[Doc]:
    """The docs a target names, one where it is clear: a link's; else a title or stem of the
    doc's own type, an id, a title or stem of another type, an id that its doc's title
    follows, a title without the id it opens with, the first that names any (an exact title
    wins over its digits). Two docs of a type may share a number or a title: then it names
    both, and no guess picks one."""
    if written.link is not None:
        linked = posixpath.normpath(posixpath.join(posixpath.dirname(doc.name), written.link))
        if linked in site.by_name:
            return (site.by_name[linked],)
        # A link to no doc is taken by its text only where that is a title or stem: a number
        # in it ("[ADR-0005](0005-old-name.md)") is as likely stale as the link, and a guess
        # by it would hide the broken link behind some other doc.
    name = written.name.strip().strip(_QUOTES)  # `superseded by "Use PostgreSQL"`
    key = fold(name)
    found = site.named.get((doc.doc_type, key), [])
    if not found and written.link is None and (id_ := _ID.fullmatch(name)):
        found = _numbered(id_, doc, site)
    found = found or site.named_anywhere.get(key, [])
    if not found and written.link is None and (id_ := _LEADING_ID.match(name)):
        found = _numbered(id_, doc, site)
    return found or site.titled.get(key, [])


def _numbered(id_: re.Match[str], doc: Doc, site: _Site) -> list[Doc]:
    """The docs of an id's number, in the types its prefix names."""
    kinds = _types_named(id_.group("prefix"), doc.doc_type, site)
    return [
        other for kind in kinds for other in site.numbered.get((kind, int(id_.group("number"))), [])
    ]


def _unresolved(
    doc: Doc, written: WrittenRelation, targets: Sequence[Doc], site: _Site
) -> Diagnostic:
    words = written.kind.replace("-", " ")
    if not written.target:
        message = f'Relation "{words}" names no doc'
        hint = (
            f"Write the doc after the words: its id (ADR-0005), its title, or a link to it. In "
            f'front matter, quote the value ("{words} #5"): YAML reads # as a comment.'
        )
        return UNRESOLVED_REFERENCE.at(doc.path, written.line, written.column, message, hint)
    id_ = _ID.fullmatch(written.name.strip()) or _LEADING_ID.match(written.name.strip())
    prefix = id_.group("prefix") if id_ and written.link is None else None
    if not targets and prefix and _singular(prefix) not in site.types:
        problem = "names no known doc"
        hint = (
            f'No type of docs is called "{prefix}": name its type so (types: name:), or '
            "write the number alone for one of this doc's type."
        )
    elif not targets:
        problem, hint = "names no known doc", UNRESOLVED_RELATION_HINT
    elif len(targets) == 1:
        problem = "names this doc itself"
        hint = f"Name the doc it {'is ' if words.endswith(' by') else ''}{words}, not this one."
    else:
        paths = [other.path for other in targets]  # as shown; a baseline leaves them out
        problem = f"names {len(paths)} docs: {', '.join(paths[:-1])} and {paths[-1]}"
        first = next(other for other in targets if other is not doc)
        link = posixpath.relpath(first.name, posixpath.dirname(doc.name) or ".")
        hint = f"Link to the one it means, as [{first.title}]({link})."
    message = f'Relation "{words}": {written.target} {problem}'
    return UNRESOLVED_REFERENCE.at(doc.path, written.line, written.column, message, hint)


def _types_named(prefix: str | None, own: str, site: _Site) -> Iterable[str]:
    """The types whose docs an id's prefix names: the doc's own where it has none or names
    it. A prefix that names no type names nothing in a site of several types (``ADR-0001``
    in an RFC, where no type is called so, is no guess at the RFCs), but the own type in a
    site of one, where a team's prefix (``TS-12``) can mean no other."""
    if prefix is None:
        return (own,)
    named = site.types.get(_singular(prefix), frozenset())
    if own in named or (not named and site.one_type):
        return (own,)
    return sorted(named)
