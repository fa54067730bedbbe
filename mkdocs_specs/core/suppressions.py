"""Inline suppressions: ``<!-- specs-disable CODE -->`` comments that silence rules in a spec.

``specs-disable CODE[, CODE]`` silences codes until ``specs-enable`` (all, or the codes it
names) or the end of the file; ``specs-disable-next-line CODE`` the line after it;
``specs-disable-file CODE`` the whole file. A directive is an HTML comment on a line of its
own (it renders to nothing), in a block quote too; in a code block it is an example, not a
directive.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .diagnostics import Diagnostic
from .rule_levels import unknown_code
from .rules import INVALID_SUPPRESSION, RULES, UNUSED_SUPPRESSION
from .scanner import LineKind, Scan, lines_holding
from .suggest import did_you_mean

# On a line of its own, in a block quote too (`> <!-- ... -->`), where it renders to nothing
# as well. In any case, and with a colon after it as ruff's `noqa:` has: a comment meant as a
# directive is never passed over as prose.
_DIRECTIVE = re.compile(r"[ \t>]*<!--[ \t]*(specs-[a-z-]*)[ \t]*:?(.*?)-->[ \t]*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,\s]+")
_NOT_DIRECTIVES = (LineKind.CODE, LineKind.FRONT_MATTER)
# The codes of the directives' own problems, which directives may silence too.
_OWN = frozenset({UNUSED_SUPPRESSION.code, INVALID_SUPPRESSION.code})


class Kind(str, Enum):
    DISABLE = "specs-disable"
    ENABLE = "specs-enable"
    NEXT_LINE = "specs-disable-next-line"
    FILE = "specs-disable-file"


@dataclass(frozen=True)
class Suppression:
    """One code silenced over lines ``first`` to ``last`` by the directive at ``line``."""

    code: str
    first: int
    last: int
    kind: Kind
    line: int
    column: int


@dataclass(frozen=True)
class Suppressions:
    """A spec's suppressions, and the problems of its directives themselves."""

    path: str
    ranges: tuple[Suppression, ...] = ()
    problems: tuple[Diagnostic, ...] = ()  # invalid directives, enables that close nothing

    def mark(
        self,
        diagnostics: Iterable[Diagnostic],
        off: Container[str] = (),
        skipped: Container[str] = (),
    ) -> tuple[list[Diagnostic], list[Diagnostic]]:
        """The diagnostics with those suppressed marked, and the directives' own problems:
        the invalid ones, and an ``unused-suppression`` for each code of a directive that
        suppressed none of them (for a code that is ``off``, its rule is why; of a code whose
        rule was ``skipped``, none: had it run, it might have found what the directive is
        for). Directives silence their own problems too (``specs-disable-file
        unused-suppression``), as ruff's ``noqa: RUF100`` does; one that silences none of
        them is unused in turn."""
        used: set[Suppression] = set()
        marked = self._marked(diagnostics, used)
        unused = [
            self._unused(s, off)
            for s in self.ranges
            if s not in used and s.code not in skipped and s.code not in _OWN
        ]
        own = self._marked((d for d in (*self.problems, *unused) if d.code not in off), used)
        own += [self._unused(s, off) for s in self.ranges if s.code in _OWN and s not in used]
        return marked, own

    def _marked(
        self, diagnostics: Iterable[Diagnostic], used: set[Suppression]
    ) -> list[Diagnostic]:
        """The diagnostics with those a directive covers marked suppressed (by the first
        directive that covers them); the directives that did are added to ``used``."""
        given = list(diagnostics)
        covering = _first_covering(self.ranges, {(d.code, d.line) for d in given})
        marked = []
        for diagnostic in given:
            found = covering.get((diagnostic.code, diagnostic.line))
            if found is not None:
                used.add(found)
                diagnostic = replace(diagnostic, suppressed=True)
            marked.append(diagnostic)
        return marked

    def _unused(self, suppression: Suppression, off: Container[str]) -> Diagnostic:
        where = (self.path, suppression.line, suppression.column)
        return UNUSED_SUPPRESSION.at(*where, *_why_unused(suppression, off))


def _first_covering(
    ranges: Sequence[Suppression], wanted: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], Suppression]:
    """For each ``(code, line)`` of ``wanted``, the first of ``ranges`` that covers it.

    Each range takes only the lines no range before it took, skipping those in one step:
    a file of many directives and many problems takes time in proportion to their number,
    not to its product."""
    lines: dict[str, list[int]] = {}
    for code, line in sorted(set(wanted)):
        lines.setdefault(code, []).append(line)
    # For each code, where the next line not taken yet is, from each of its lines on.
    untaken = {code: list(range(len(found) + 1)) for code, found in lines.items()}

    def next_untaken(code: str, index: int) -> int:
        after = untaken[code]
        while after[index] != index:
            after[index] = after[after[index]]
            index = after[index]
        return index

    covering: dict[tuple[str, int], Suppression] = {}
    for suppression in ranges:
        found = lines.get(suppression.code)
        if not found:
            continue
        index = next_untaken(suppression.code, bisect.bisect_left(found, suppression.first))
        while index < len(found) and found[index] <= suppression.last:
            covering[suppression.code, found[index]] = suppression
            untaken[suppression.code][index] = index + 1
            index = next_untaken(suppression.code, index + 1)
    return covering


def _why_unused(suppression: Suppression, off: Container[str]) -> tuple[str, str | None]:
    """The message and hint of a suppression that suppressed nothing (None: the rule's)."""
    said = f"{suppression.kind.value} {suppression.code} suppresses nothing"
    if suppression.code in off:
        return f"{said}: the rule is off", "Remove the comment, or set the rule back on in rules:."
    return said, None


def read_suppressions(scan: Scan, path: str) -> Suppressions:
    """The directives of a spec, from its lines that hold a comment: found in one search of
    its text, rather than a look at each line."""
    lines = scan.lines
    ranges: list[Suppression] = []
    problems: list[Diagnostic] = []
    open_: dict[str, Suppression] = {}  # code -> its specs-disable, until specs-enable

    def close(code: str, last: int) -> None:
        ranges.append(replace(open_.pop(code), last=last))

    for index in lines_holding(scan.text, ("<!--",)):
        line = lines[index]
        match = _DIRECTIVE.fullmatch(line)
        if match is None or scan.kinds[index] in _NOT_DIRECTIVES:
            continue
        number, column = index + 1, line.index("<!--") + 1
        name = match.group(1)
        codes = [c.lower() for c in _SEPARATORS.split(match.group(2)) if c]
        try:
            kind = Kind(name.lower())
        except ValueError:
            known = [k.value for k in Kind]
            message = f"Unknown directive {name!r} ({did_you_mean(name, known)})"
            hint = f"Write one of {', '.join(known)}, then the rule codes."
            problems.append(INVALID_SUPPRESSION.at(path, number, column, message, hint))
            continue
        for code in codes:
            if code not in RULES:
                problems.append(INVALID_SUPPRESSION.at(path, number, column, unknown_code(code)))
        codes = [code for code in dict.fromkeys(codes) if code in RULES]
        if kind is Kind.ENABLE:
            if not codes and not open_:
                message = f"{kind.value} ends no specs-disable"
                problems.append(UNUSED_SUPPRESSION.at(path, number, column, message))
            for code in codes or list(open_):
                if code in open_:
                    close(code, number - 1)
                else:
                    message = f"{kind.value} {code} ends no specs-disable of it"
                    problems.append(UNUSED_SUPPRESSION.at(path, number, column, message))
            continue
        if not codes and not match.group(2).strip():
            message = f"{kind.value} names no rule code"
            problems.append(INVALID_SUPPRESSION.at(path, number, column, message))
        first, last = {
            Kind.DISABLE: (number + 1, len(lines)),
            Kind.NEXT_LINE: (number + 1, number + 1),
            Kind.FILE: (1, len(lines)),
        }[kind]
        for code in codes:
            found = Suppression(code, first, last, kind, number, column)
            if kind is Kind.DISABLE:
                if code in open_:
                    close(code, number - 1)
                open_[code] = found
            else:
                ranges.append(found)
    for code in list(open_):
        close(code, len(lines))
    return Suppressions(path, tuple(ranges), tuple(problems))
