"""The checks: compare one spec document with its template and report every problem."""

from __future__ import annotations

import bisect
import datetime
import difflib
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import placeholders as ph
from .diagnostics import Diagnostic, in_place_order
from .document import Field, Section, SpecDocument, front_matter_keys, parse_date
from .names import CREATED_KEYS, field_key, heading_key, is_updated_key
from .rules import (
    DATE_ORDER,
    EMPTY_SECTION,
    INVALID_FIELD,
    INVALID_FRONT_MATTER,
    MISSING_FIELD,
    MISSING_SECTION,
    MISSING_TITLE,
    NESTING_TOO_DEEP,
    PLACEHOLDER,
    SECTION_ORDER,
    TITLE_MISMATCH,
    UNKNOWN_STATUS,
    Rule,
)
from .scanner import MAX_NESTING, Heading, LineKind, nesting_depth
from .template import FieldForm, FieldKind, FieldSpec, SectionSpec, Template

_VERSION = re.compile(r"[vV]?\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?")  # `1`, `v2` too
_WORD = re.compile(r"[^\W_]+")
_NEAR = 0.8  # how alike a heading and a missing section's name are to read as a misspelling


@dataclass(frozen=True)
class Context:
    """What the rules need besides the document: the template and today's date."""

    template: Template
    today: datetime.date
    draft: bool  # problems that block only a finished spec are warnings in Draft


def check_document(
    document: SpecDocument, template: Template, today: datetime.date
) -> list[Diagnostic]:
    """Every problem of one spec, in line order."""
    status = template.canonical_status(document.field_value("status"))
    draft = status is not None and status == template.draft_status
    context = Context(template, today, draft)
    found: list[Diagnostic] = []
    for check in CHECKS:
        found.extend(check(document, context))
    return sorted(found, key=in_place_order)


def _diagnostic(
    document: SpecDocument,
    rule: Rule,
    line: int,
    column: int,
    message: str,
    hint: str | None = None,
    *,
    draft: bool = False,
) -> Diagnostic:
    """A diagnostic of ``rule``, its place clamped to the document's lines."""
    line = min(max(line, 1), max(document.line_count, 1))
    return rule.at(document.path, line, max(column, 1), message, hint, draft=draft)


def front_matter(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    error = document.front_matter_error
    if error:
        yield _diagnostic(
            document,
            INVALID_FRONT_MATTER,
            error.line,
            error.column,
            error.message,
        )


def title(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    template = context.template
    if template.title_pattern is None:
        return
    if document.title is None:
        yield _diagnostic(
            document,
            MISSING_TITLE,
            1,
            1,
            "The spec has no H1 title",
            f'Start the spec with "# {template.title}", placeholder filled in.',
        )
    elif _indented(document, document.title):
        yield _diagnostic(
            document,
            MISSING_TITLE,
            document.title.line,
            1,
            "The spec has no H1 title as MkDocs renders it",
            _indented_hint(document, document.title),
        )
    elif not template.title_pattern.fullmatch(document.title.text):
        heading = document.title
        yield _diagnostic(
            document,
            TITLE_MISMATCH,
            heading.line,
            heading.column,
            f'Title "{heading.text}" does not fit the template\'s "{template.title}"',
            f'Write the title as "# {template.title}" with the placeholder filled in.',
        )


def fields(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    template = context.template
    placeholder = template.placeholder_pattern
    others: list[Field] | None = None  # the doc's fields the template lacks, once one is missing
    # Front matter that does not parse is one problem: its keys are there, only unread.
    unread = (
        {
            template.field_aliases.get(key, key)
            for key in map(field_key, front_matter_keys(document.scan))
        }
        if document.front_matter_error
        else set()
    )
    for spec in template.fields:
        found = document.fields.get(spec.key)
        if found is None:
            # A Status section that is missing is a missing section, said once.
            if not spec.optional and spec.form is not FieldForm.SECTION and spec.key not in unread:
                if others is None:
                    keys = {each.key for each in template.fields}
                    others = [f for key, f in document.fields.items() if key not in keys]
                message = f'Header field "{spec.name}" is missing'
                near = _misspelt_field(spec, others)
                if near is not None:
                    others.remove(near)
                    yield _diagnostic(
                        document,
                        MISSING_FIELD,
                        near.line,
                        near.column,
                        message,
                        _did_you_mean(near.name, spec.name),
                    )
                    continue
                where = "the front matter" if spec.form is FieldForm.FRONT_MATTER else "the header"
                hint = f'Add "{spec.written(_example(spec))}" to {where}'
                # The same kind of thing (Tracking Issue, Rust Issue) may be it, or another.
                if (kin := _kin_field(spec, others)) is not None:
                    hint += f'; if "{kin.name}" is it, map it with aliases: '
                    hint += f'{{"{kin.name}": "{spec.name}"}}'
                yield _diagnostic(
                    document, MISSING_FIELD, _header_end(document), 1, message, hint + "."
                )
        elif found.structure:
            if placeholder and any(placeholder.finditer(document.scan.lines[found.line - 1])):
                continue  # YAML read a placeholder in braces as a mapping: said once, below
            yield _diagnostic(
                document,
                INVALID_FIELD,
                found.line,
                found.value_column,
                f'Header field "{spec.name}" holds {found.structure}, not a value',
                f"Write {spec.describe()} after the colon; YAML reads {{...}} as a mapping, so "
                "quote a value that starts with a brace.",
            )
        elif not found.value:
            if spec.optional:  # `informed:` with nobody to inform: as good as left out
                continue
            yield _diagnostic(
                document,
                INVALID_FIELD,
                found.line,
                found.value_column,
                f'Header field "{spec.name}" is empty',
                f"Write {spec.describe()}.",
            )
        elif (placeholder and placeholder.fullmatch(found.value)) or found.value in template.tokens:
            continue  # a value still holding its placeholder is reported once, as such
        elif (
            spec.kind in _EXAMPLE_KINDS
            and found.value == spec.example
            and not ph.tokens(spec.example)
        ):
            # Unchanged from the template (its tokens are reported by `tokens`). A status or
            # a version as the template gives it by example is one a doc may well have.
            yield _diagnostic(
                document,
                PLACEHOLDER,
                found.line,
                found.value_column,
                f'"{spec.name}" still holds the template\'s example: {spec.example}',
                draft=context.draft,
            )
        else:
            yield from _field_value(document, context, spec, found)


_EXAMPLE_KINDS = (FieldKind.TEXT, FieldKind.DATE)  # whose example a doc must replace


def _example(spec: FieldSpec) -> str:
    if spec.kind is FieldKind.DATE:
        return "YYYY-MM-DD"
    if spec.kind is FieldKind.CHOICE:
        return spec.choices[0]
    if spec.kind is FieldKind.VERSION:
        return "1.0"
    if spec.kind is FieldKind.LITERAL:
        return spec.example
    if ph.is_placeholder(spec.example):
        return f"<{ph.inner(spec.example)}>"
    return spec.example or "..."


def _misspelt_field(spec: FieldSpec, others: list[Field]) -> Field | None:
    """A field the template lacks that reads as ``spec`` misspelt or with its words in
    another order."""
    words = _WORD.findall(spec.name.casefold())
    return next(
        (
            other
            for other in others
            if _reads_as(
                _WORD.findall(other.name.casefold()), field_key(other.name), words, spec.key
            )
        ),
        None,
    )


def _kin_field(spec: FieldSpec, others: list[Field]) -> Field | None:
    """A field the template lacks that ends in the same word as ``spec``: of its kind."""
    last = _WORD.findall(spec.name.casefold())[-1:]
    return next((o for o in others if _WORD.findall(o.name.casefold())[-1:] == last), None)


def _header_end(document: SpecDocument) -> int:
    """Where a missing header field belongs: under the title, or at the top."""
    return document.title.line + 1 if document.title else 1


def _field_value(
    document: SpecDocument, context: Context, spec: FieldSpec, found: Field
) -> Iterator[Diagnostic]:
    value = found.value
    where = (found.line, found.value_column)
    if spec.kind is FieldKind.DATE and parse_date(value) is None:
        yield _diagnostic(
            document,
            INVALID_FIELD,
            *where,
            f'"{spec.name}" is not a date: "{value}"',
            f"Write the date as YYYY-MM-DD, for example {context.today.isoformat()}.",
        )
    elif spec.kind is FieldKind.VERSION and not _VERSION.fullmatch(value):
        yield _diagnostic(
            document,
            INVALID_FIELD,
            *where,
            f'"{spec.name}" is not a version: "{value}"',
            "Write a version such as 1, 1.2 or 1.2.0.",
        )
    elif spec.kind is FieldKind.LITERAL and value.casefold() != spec.example.casefold():
        yield _diagnostic(
            document,
            INVALID_FIELD,
            *where,
            f'"{spec.name}" must be "{spec.example}", not "{value}"',
            f'Write "{spec.written(spec.example)}".',
        )
    elif (
        spec.kind is FieldKind.CHOICE
        and spec.choice(value) is None
        and not spec.open_choices
        and value.casefold() != spec.example.casefold()  # `TCP / IP`, as the template has it
    ):
        is_status = spec is context.template.status_field
        near = _closest(value, spec.choices)
        hint = f'Did you mean "{near}"? ' if near else ""
        hint += f"Use one of {', '.join(spec.choices)}"
        if is_status:  # teams often have statuses of their own ("Ready for Implementation")
            hint += f', or add "{value}" to the statuses of the template\'s {spec.name} field'
        yield _diagnostic(
            document,
            UNKNOWN_STATUS if is_status else INVALID_FIELD,
            *where,
            f'{spec.name} "{value}" is not one of the template\'s: ' + ", ".join(spec.choices),
            hint + ".",
        )


def _closest(value: str, choices: tuple[str, ...]) -> str | None:
    """The choice ``value`` reads as, misspelt or its words joined otherwise (`in-review`)."""
    words = {"".join(_WORD.findall(choice.casefold())): choice for choice in choices}
    found = difflib.get_close_matches("".join(_WORD.findall(value.casefold())), words, n=1)
    return words[found[0]] if found else None


def dates(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    parsed: list[tuple[FieldSpec, Field, datetime.date]] = []
    for spec in context.template.fields:
        found = document.fields.get(spec.key)
        if spec.kind is FieldKind.DATE and found and (day := parse_date(found.value)):
            parsed.append((spec, found, day))
    # A day of slack: the author's calendar may be ahead of the build machine's.
    tomorrow = context.today + datetime.timedelta(days=1)
    for spec, found, day in parsed:
        if day > tomorrow:
            yield _diagnostic(
                document,
                DATE_ORDER,
                found.line,
                found.value_column,
                f'"{spec.name}" {day} is in the future',
                f"Use a date on or before {context.today.isoformat()}.",
            )
    created = next((item for item in parsed if item[0].key in CREATED_KEYS), None)
    for spec, found, day in parsed:
        if created and is_updated_key(spec.key) and day < created[2]:
            yield _diagnostic(
                document,
                DATE_ORDER,
                found.line,
                found.value_column,
                f'"{spec.name}" {day} is before "{created[0].name}" {created[2]}',
                f'"{spec.name}" should be on or after {created[2]}.',
            )


def placeholders(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    pattern = context.template.placeholder_pattern
    if pattern is None:
        return
    lines, kinds = document.scan.lines, document.scan.kinds
    for index in pattern.lines_to_search(document.scan.text):
        if kinds[index] is LineKind.COMMENT:
            continue
        for match in pattern.finditer(lines[index], code=kinds[index] is LineKind.CODE):
            yield _diagnostic(
                document,
                PLACEHOLDER,
                index + 1,
                match.start() + 1,
                f"Placeholder {match.group(0)} is not filled in",
                draft=context.draft,
            )


def tokens(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    """The template's tokens (``NNNN``, ``TITLE``) left in the title or a field's value:
    only there, as elsewhere such words may well be the author's own."""
    pattern = context.template.token_pattern
    if pattern is None:
        return
    places = [(f.line, f.value_column, f.value) for f in document.fields.values()]
    if document.title is not None:
        title = document.title
        places.append((title.line, title.column, title.text))
    for line, column, text in places:
        # A token inside a placeholder (`(fill me in … YYYY-MM-DD)`) is that placeholder's.
        for match in ph.outside_placeholders(text, pattern.finditer(text)):
            yield _diagnostic(
                document,
                PLACEHOLDER,
                line,
                column + match.start(),
                f"Placeholder {match.group(0)} is not filled in",
                draft=context.draft,
            )


@dataclass(frozen=True)
class _Outline:
    """Every section of a document in order: a section's subsections are then a slice,
    not a new walk of its subtree for each template section that has children."""

    sections: tuple[Section, ...]
    lines: list[int]  # each section's heading line, increasing

    @classmethod
    def of(cls, document: SpecDocument) -> _Outline:
        everything = document.every_section
        return cls(everything, [section.heading.line for section in everything])

    def within(self, section: Section) -> tuple[Section, ...]:
        """The subsections of ``section``, at any depth, in order."""
        start = bisect.bisect_right(self.lines, section.heading.line)
        return self.sections[start : bisect.bisect_right(self.lines, section.end_line, start)]


def sections(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    outline = _Outline.of(document)
    top = [s for s in document.sections if s.heading.level <= 2]
    yield from _required_sections(document, context, outline, context.template.sections, top)
    for section in outline.sections:
        if not section.has_content and not section.children:
            yield _diagnostic(
                document,
                EMPTY_SECTION,
                section.heading.line,
                section.heading.column,
                f'Section "{section.title}" is empty',
            )


def _elsewhere(
    document: SpecDocument, key: str, present: Sequence[Section], aliases: Mapping[str, str]
) -> Section | None:
    """A section of the doc that bears a missing section's name where the template does not
    have it (`## Positive` for `### Positive` under `## Consequences`)."""
    return next(
        (
            section
            for section in document.every_section
            if aliases.get(section.key, section.key) == key
            and all(section is not other for other in present)
        ),
        None,
    )


def _required_sections(
    document: SpecDocument,
    context: Context,
    outline: _Outline,
    required: Sequence[SectionSpec],
    present: Sequence[Section],
    parent: Section | None = None,
) -> Iterator[Diagnostic]:
    # A name the template repeats is matched occurrence by occurrence, in order.
    aliases = context.template.section_aliases
    by_key: dict[str, list[Section]] = {}
    for each in present:
        by_key.setdefault(aliases.get(each.key, each.key), []).append(each)
    leftovers: list[Section] | None = None  # worked out if a section is missing
    matched: list[tuple[int, Section]] = []
    for position, spec in enumerate(required):
        unmatched = by_key.get(spec.key)
        section = unmatched.pop(0) if unmatched else None
        if section is None and spec.optional:
            continue
        if section is None:
            where = f' under "{parent.title}"' if parent else ""
            message = (
                f'Required section "{spec.title}"{where} is missing '
                f"(template: {context.template.name})"
            )
            if leftovers is None:
                leftovers = _leftovers(required, present, aliases)
            near = _near_miss(spec, leftovers)
            if near is not None:
                leftovers.remove(near)
                yield _diagnostic(
                    document,
                    MISSING_SECTION,
                    near.heading.line,
                    near.heading.column,
                    message,
                    _did_you_mean(near.title, spec.title),
                    draft=context.draft,
                )
                continue
            marks = "#" * spec.level
            if (unspaced := _unspaced_heading(document, spec.key)) is not None:
                yield _diagnostic(
                    document,
                    MISSING_SECTION,
                    unspaced,
                    1,
                    message,
                    f'"{document.scan.lines[unspaced - 1].strip()}" is a heading to MkDocs but '
                    f'not to CommonMark (GitHub, most editors): write "{marks} {spec.title}", a '
                    "space after the #s.",
                    draft=context.draft,
                )
                continue
            if (elsewhere := _elsewhere(document, spec.key, present, aliases)) is not None:
                heading = elsewhere.heading
                written = f"{'#' * heading.level} {elsewhere.title}"
                yield _diagnostic(
                    document,
                    MISSING_SECTION,
                    heading.line,
                    heading.column,
                    message,
                    f'"{written}" is at another level or under another section: make it '
                    f'"{marks} {spec.title}"{where}.',
                    draft=context.draft,
                )
                continue
            line = _insertion_line(document, required[position + 1 :], by_key, parent)
            yield _diagnostic(
                document,
                MISSING_SECTION,
                line,
                1,
                message,
                f'Add "{marks} {spec.title}" here, with "N/A" if it does not apply.',
                draft=context.draft,
            )
            continue
        matched.append((position, section))
        if _indented(document, section.heading):
            where = f' under "{parent.title}"' if parent else ""
            yield _diagnostic(
                document,
                MISSING_SECTION,
                section.heading.line,
                1,
                f'Required section "{spec.title}"{where} is missing as MkDocs renders it '
                f"(template: {context.template.name})",
                _indented_hint(document, section.heading),
                draft=context.draft,
            )
        if spec.children and not section.not_applicable:
            yield from _required_sections(
                document, context, outline, spec.children, outline.within(section), section
            )
    yield from _order(document, matched, required)


def _indented(document: SpecDocument, heading: Heading) -> bool:
    """A `#` heading indented by spaces: CommonMark's heading, Python-Markdown's text (a
    tab indents code for both)."""
    line = document.scan.lines[heading.line - 1]
    return line.startswith(" ") and line.lstrip(" ").startswith("#")


def _indented_hint(document: SpecDocument, heading: Heading) -> str:
    written = document.scan.lines[heading.line - 1]
    return (
        f'"{written}" is text to MkDocs, which reads a heading only at the start of a line '
        "(GitHub and most editors show one): remove the spaces before the #s."
    )


# `##Overview`: Python-Markdown's heading, CommonMark's text.
_UNSPACED_HEADING = re.compile(r"#{1,6}(?=[^\s#])")


def _unspaced_heading(document: SpecDocument, key: str) -> int | None:
    """The line of a heading of that ``key`` written with no space after its ``#``s."""
    lines, kinds = document.scan.lines, document.scan.kinds
    for number, line in enumerate(lines):
        found = kinds[number] is LineKind.TEXT and _UNSPACED_HEADING.match(line)
        if found and heading_key(line[found.end() :]) == key:
            return number + 1
    return None


def _leftovers(
    required: Sequence[SectionSpec], present: Sequence[Section], aliases: dict[str, str]
) -> list[Section]:
    """The headings no template section takes: where a missing one may have been misnamed."""
    wanted = Counter(spec.key for spec in required)
    seen: Counter[str] = Counter()
    found = []
    for section in present:
        key = aliases.get(section.key, section.key)
        seen[key] += 1
        if seen[key] > wanted[key]:
            found.append(section)
    return found


def _near_miss(spec: SectionSpec, headings: list[Section]) -> Section | None:
    """A heading that reads as ``spec`` misspelt or with its words in another order, else
    one that says more in the same words (an older template's "Context and Problem
    Statement" for "Context")."""
    level = [heading for heading in headings if heading.heading.level == spec.level]
    words = spec.key.split()
    misspelt = next((h for h in level if _reads_as(h.key.split(), h.key, words, spec.key)), None)
    return misspelt or next((h for h in level if set(words) <= set(h.key.split())), None)


def _reads_as(words: list[str], key: str, meant_words: list[str], meant_key: str) -> bool:
    """Whether a name (its words, its key) is another misspelt or with its words reordered."""
    return (
        sorted(words) == sorted(meant_words)
        or difflib.SequenceMatcher(None, key, meant_key).ratio() >= _NEAR
    )


def _did_you_mean(written: str, meant: str) -> str:
    return (
        f'Did you mean "{meant}"? Rename "{written}", or map it with aliases: '
        f'{{"{written}": "{meant}"}}.'
    )


def _insertion_line(
    document: SpecDocument,
    later: Sequence[SectionSpec],
    by_key: dict[str, list[Section]],
    parent: Section | None,
) -> int:
    """Before the next template section that is present, else under the parent, else at end."""
    for spec in later:
        if by_key.get(spec.key):
            return by_key[spec.key][0].heading.line
    if parent is not None:
        return parent.heading.line
    return document.line_count


def _order(
    document: SpecDocument, matched: list[tuple[int, Section]], required: Sequence[SectionSpec]
) -> Iterator[Diagnostic]:
    """Report the sections outside the longest run that keeps the template's order."""
    lines = [section.heading.line for _, section in matched]
    if lines == sorted(lines):
        return  # the template's order (the usual case): nothing is out of place
    in_document = sorted(matched, key=lambda item: item[1].heading.line)
    keep = _longest_increasing([position for position, _ in in_document])
    # Where a section goes: among those in order, after the last that comes before it in
    # the template, else before the first.
    kept = sorted(position for index, (position, _) in enumerate(in_document) if index in keep)
    for index, (position, section) in enumerate(in_document):
        if index in keep:
            continue
        slot = bisect.bisect_left(kept, position)
        hint = (
            f'Move it after "{required[kept[slot - 1]].title}".'
            if slot
            else f'Move it before "{required[kept[0]].title}".'
        )
        yield _diagnostic(
            document,
            SECTION_ORDER,
            section.heading.line,
            section.heading.column,
            f'Section "{section.title}" is out of the template\'s order',
            hint,
        )


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        slot = bisect.bisect_left(tails, value)
        if slot:
            previous[index] = tail_index[slot - 1]
        if slot == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[slot] = value
            tail_index[slot] = index
    keep: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        keep.add(index)
        index = previous[index]
    return keep


def nesting(document: SpecDocument, context: Context) -> Iterator[Diagnostic]:
    """Nesting Python-Markdown could not render without exhausting the stack (once)."""
    lines, kinds = document.scan.lines, document.scan.kinds
    for index in document.scan.deep:
        if (
            kinds[index] in (LineKind.TEXT, LineKind.NESTED)
            and (depth := nesting_depth(lines[index])) > MAX_NESTING
        ):
            yield _diagnostic(
                document,
                NESTING_TOO_DEEP,
                index + 1,
                1,
                f"Lists or block quotes nest {depth} levels deep here; "
                f"more than {MAX_NESTING} cannot be rendered",
            )
            return


CHECKS = (front_matter, title, fields, dates, placeholders, tokens, sections, nesting)
