"""A new spec from the template: title, dates, status and version filled (and an identifier
where a placeholder shows one by example), the rest to write."""

from __future__ import annotations

import datetime
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass

from . import placeholders as ph
from .document import parse_document
from .names import RELATION, RELATION_KINDS, slug
from .relations import file_number
from .template import FieldKind, FieldSpec, Template, template_path

FIRST_VERSION = "0.1"
_DIGITS = re.compile(r"\s*(\d+)")  # a title's own number, where the template has its token


class ScaffoldError(ValueError):
    """The spec cannot be written as asked (empty title, unknown status)."""


@dataclass(frozen=True)
class NewSpec:
    file_name: str  # <slug>.md
    title: str  # the H1 as written
    status: str | None  # the template's spelling; None when the template has no statuses
    text: str


def template_text(path: str | None) -> str:
    """The template's Markdown: the file at ``path``, or the bundled template so named."""
    return template_path(path).read_text(encoding="utf-8-sig")


def new_spec(
    template: Template,
    text: str,
    title: str,
    status: str | None = None,
    number: int = 1,
    numbered: bool = False,
    taken: Container[int] = (),
) -> NewSpec:
    """``text`` is the template's Markdown, ``template`` what was derived from it;
    ``number`` fills the number tokens of the template's title (``NNNN``, ``0000``,
    ``NUMBER``), and starts the file's name where the template's docs are numbered, or
    ``numbered`` says so (the folder's docs are). A title that fits the template's already
    (`5. Use Redis` for `NUMBER. TITLE`) brings its own number instead, which none of the
    docs' numbers ``taken`` may be. The doc's own number is its title's and its file's: a
    field's (the Rust RFCs' PR and issue) is someone else's, assigned later, and stays to
    write, for a wrong link would pass every check."""
    name = " ".join(title.split())
    if not any(char.isalnum() for char in name):
        raise ScaffoldError(f"the title {title!r} has no letters or digits to name a file by")
    chosen = _status(template, status)
    day = datetime.date.today().isoformat()
    document = parse_document(text, template.source)
    lines = text.split("\n")

    for spec in template.fields:
        value = _value(template, spec, chosen, day, name)
        found = document.fields.get(spec.key)
        if found is None:
            continue
        line = lines[found.line - 1]
        # As the line writes it: a table cell escapes its pipes (`[Draft \| Final]`).
        written = found.value if found.value in line else found.value.replace("|", "\\|")
        if value is not None and found.structure:
            # YAML read the placeholder in braces as a mapping: the line's value goes whole.
            lines[found.line - 1] = f"{line.partition(':')[0]}: {value}"
        elif value is not None and (start := line.find(written, found.value_column - 1)) >= 0:
            lines[found.line - 1] = line[:start] + value + line[start + len(written) :]

    heading = _title(template, name)
    own = _own_number(template, name) if heading == name else None
    words = name
    if own is not None:
        if own[0] in taken:
            raise ScaffoldError(
                f"{own[0]} is another doc's number: leave it out of the title to take the "
                f"next free one, {number}"
            )
        number, words = own
    heading = _numbered(heading, number)
    if document.title is not None:
        at = document.title.line - 1
        lines[at] = lines[at].replace(document.title.text, heading, 1)
    else:
        lines[document.scan.front_matter_end : document.scan.front_matter_end] = [
            f"# {heading}",
            "",
        ]
    numbered = numbered or template.numbered
    file_name = f"{number:04d}-{slug(words)}.md" if numbered else f"{slug(name)}.md"
    return NewSpec(file_name, heading, chosen, "\n".join(lines))


def _numbered(text: str, number: int) -> str:
    """``text`` with its number tokens as ``number``, padded to their width."""
    return ph.NUMBER.sub(lambda m: str(number).zfill(len(m.group(0)) if m.group(1) else 1), text)


def _own_number(template: Template, name: str) -> tuple[int, str] | None:
    """The number ``name`` writes where the template's title has its number token, and the
    words after it (`5. Use Redis` for `NUMBER. TITLE`: 5, ". Use Redis")."""
    title = template.title or ""
    token = ph.NUMBER.search(title)
    if token is None:
        return None
    before = " ".join(title[: token.start()].split())
    written = " ".join(name.split())
    if written[: len(before)].casefold() != before.casefold():
        return None
    digits = _DIGITS.match(written, len(before))
    return (int(digits.group(1)), written[digits.end() :]) if digits else None


def next_number(names: Iterable[str]) -> int:
    """The number after the highest of these file names' (1 if none has one)."""
    return max((n for name in names if (n := file_number(name)) is not None), default=0) + 1


def _status(template: Template, status: str | None) -> str | None:
    """The status to write: ``status`` as the template spells it, else its draft. A Status
    that lists no choices (adr-tools' ``STATUS``) takes any, and implies none: without one
    given, its placeholder stays for the author."""
    if template.status_field is None:
        if status is not None:
            raise ScaffoldError("the template has no Status field")
        return None
    if status is None:
        return template.draft_status
    if not status.strip():
        raise ScaffoldError("the status is empty")
    canonical = template.canonical_status(status)
    if canonical is None:
        choices = ", ".join(template.statuses)
        raise ScaffoldError(f"unknown status {status!r}: the template's are {choices}")
    relation = RELATION.match(" ".join(status.split()))
    if relation and canonical.casefold() in RELATION_KINDS:
        # The relation's words as the template spells them, and the doc it names.
        return f"{canonical} {relation.group('target')}"
    return canonical


def _value(
    template: Template, spec: FieldSpec, status: str | None, day: str, name: str
) -> str | None:
    """What a new spec's header field starts as; None: the placeholder stays, to be written."""
    if spec.kind is FieldKind.DATE:
        return day
    if spec is template.status_field:
        return status
    if spec.kind is FieldKind.VERSION:
        return FIRST_VERSION
    return ph.identifier_like(spec.example, name)  # the RFCs' Feature Name


def _title(template: Template, name: str) -> str:
    """The H1: the template's title with its placeholder filled, unless ``name`` already fits
    it from its start (`Revisit ADR-0042: timeouts` names another doc: it needs its own)."""
    if template.title is None:
        return name
    pattern = template.title_pattern
    if pattern is not None and pattern.fullmatch(name, after_text=False):
        return name
    # The name goes where the title's text placeholder is: the last placeholder, or the
    # example after its separator (`KEP-NNNN: Your short title`); tokens before it stay.
    found = ph.in_title(template.title)
    if not found:
        return name
    last = found[-1]
    if (example := ph.title_example(template.title, last)) is not None:
        return template.title[:example] + name
    return template.title[: last.start()] + name + template.title[last.end() :]
