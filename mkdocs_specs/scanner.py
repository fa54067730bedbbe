"""A single-pass line scanner for the block structure of a Markdown spec.

It finds what validation needs (front matter, top-level headings, which lines are code,
comments or list content) in linear time, without rendering. It follows CommonMark for
the constructs specs use; ``tests/test_properties.py`` and ``tests/test_realspecs.py``
compare its headings with markdown-it-py's on generated and real documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# Exactly MkDocs' own front-matter pattern, so we see front matter where MkDocs does.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+|$)(.*)")
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"([-+*]|\d{1,9}[.)])([ \t]+|$)")


class LineKind(str, Enum):
    BLANK = "blank"
    FRONT_MATTER = "front_matter"
    HEADING = "heading"
    TEXT = "text"  # top-level prose, list items, table rows, thematic breaks
    NESTED = "nested"  # content inside a list item or block quote
    CODE = "code"  # fence lines, fenced and indented code
    COMMENT = "comment"  # HTML comment blocks


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    line: int  # 1-based
    column: int  # 1-based column of the heading's text


@dataclass(frozen=True)
class Scan:
    lines: tuple[str, ...]
    kinds: tuple[LineKind, ...]
    headings: tuple[Heading, ...]
    front_matter: str | None  # the YAML text, when the file opens with front matter
    front_matter_end: int  # number of lines the front matter block spans (0 if none)


def split_lines(text: str) -> list[str]:
    """Split on CR, LF and CRLF only (``str.splitlines`` also splits on \\f, \\x1c, ...)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # Two replaces and a split in C are several times faster than a regex split.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _indent(line: str) -> tuple[int, str]:
    """Return the visual indentation (tabs to stops of 4) and the rest of the line."""
    if line[:1] not in (" ", "\t"):  # most lines: no indentation at all
        return 0, line
    rest = line.lstrip(" ")
    if not rest.startswith("\t"):  # spaces only: no tab stops to work out
        return len(line) - len(rest), rest
    width = 0
    for index, char in enumerate(line):
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            return width, line[index:]
    return width, ""


def nesting_depth(line: str) -> int:
    """How deep a line's block containers nest as Python-Markdown reads them: a level per
    block quote marker and per 4 columns of indentation (its list nesting step)."""
    quotes = width = 0
    for char in line:
        if char == ">":
            quotes += 1
        elif char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return quotes + width // 4


def _heading_text(raw: str) -> str:
    """The text of an ATX heading without its optional closing ``#`` sequence.

    By hand, not by regex: a closing-sequence regex searched from every run of spaces,
    which took quadratic time on a long heading of spaces."""
    text = raw.strip()
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed
    return text.strip()


def scan(text: str) -> Scan:
    lines = split_lines(text)
    kinds: list[LineKind] = [LineKind.BLANK] * len(lines)
    headings: list[Heading] = []

    front_matter = None
    start = 0
    # Joining the lines back is only worth it when the file can open with front matter.
    match = lines and lines[0].startswith("---") and _FRONT_MATTER.match("\n".join(lines) + "\n")
    if match:
        front_matter = match.group(1)
        start = match.group(0).count("\n")
        for number in range(start):
            kinds[number] = LineKind.FRONT_MATTER

    fence: tuple[str, int] | None = None  # (fence char, length) while inside a fenced block
    fence_indent = 0  # where the fenced block's container starts (a list item's content)
    in_comment = False
    in_indented_code = False
    paragraph: int | None = None  # index of the first line of an open top-level paragraph
    list_indent: int | None = None  # content indent of the open top-level list item
    list_paragraph = False  # a paragraph is open inside the list item (lazy lines continue it)
    quote = False

    for number in range(start, len(lines)):
        line = lines[number]
        if fence is not None:
            kinds[number] = LineKind.CODE
            if fence[0] * fence[1] not in line:  # most code lines: cannot close the fence
                continue
            indent, rest = _indent(line)
            # A closing fence is indented less than 4 columns (else it is code).
            closes = indent - fence_indent < 4 and rest.startswith(fence[0] * fence[1])
            if closes and not rest.lstrip(fence[0]).strip():
                fence = None
            continue
        if in_comment:
            kinds[number] = LineKind.COMMENT
            in_comment = "-->" not in line
            continue

        indent, rest = _indent(line)
        if not rest:
            kinds[number] = LineKind.BLANK
            paragraph = None
            list_paragraph = False
            quote = False
            continue

        if in_indented_code and indent >= 4:
            kinds[number] = LineKind.CODE
            continue
        in_indented_code = False

        # Content of the open list item: never a top-level heading or field.
        if list_indent is not None:
            if indent >= list_indent:
                fence, fence_indent = _fence_opening(rest), list_indent
                kinds[number] = LineKind.CODE if fence else LineKind.NESTED
                list_paragraph = fence is None and not _ATX.match(rest)
                continue
            if list_paragraph and indent < list_indent and _is_lazy_continuation(rest, indent):
                kinds[number] = LineKind.NESTED
                continue
            list_indent = None
            list_paragraph = False

        if quote and _is_lazy_continuation(rest, indent):
            kinds[number] = LineKind.NESTED
            continue
        quote = False

        if indent >= 4:
            if paragraph is None:
                kinds[number] = LineKind.CODE
                in_indented_code = True
            else:
                kinds[number] = LineKind.TEXT
            continue

        opening = _fence_opening(rest)
        if opening:
            kinds[number] = LineKind.CODE
            fence, fence_indent = opening, 0
            paragraph = None
            continue

        atx = _ATX.match(rest) if rest[0] == "#" else None
        if atx:
            kinds[number] = LineKind.HEADING
            content = atx.group(2)
            column = len(line) - len(content.lstrip()) + 1 if content.strip() else len(line) + 1
            headings.append(Heading(len(atx.group(1)), _heading_text(content), number + 1, column))
            paragraph = None
            continue

        if paragraph is not None and rest[0] in "=-" and _SETEXT.match(rest):
            level = 1 if rest[0] == "=" else 2
            body = " ".join(lines[i].strip() for i in range(paragraph, number))
            first = lines[paragraph]
            column = len(first) - len(first.lstrip()) + 1
            headings.append(Heading(level, body, paragraph + 1, column))
            for i in range(paragraph, number + 1):
                kinds[i] = LineKind.HEADING
            paragraph = None
            continue

        if rest.startswith("<!--"):
            kinds[number] = LineKind.COMMENT
            in_comment = "-->" not in rest  # `<!-->` closes at once, as in CommonMark
            paragraph = None
            continue

        kinds[number] = LineKind.TEXT
        if rest[0] in "-*_" and _THEMATIC_BREAK.match(rest):
            paragraph = None
            continue
        item = _LIST_ITEM.match(rest) if rest[0] in "-+*" or rest[0].isdecimal() else None
        if item and (paragraph is None or _may_interrupt(item, rest)):
            spaces, _ = _indent(item.group(2))
            after = rest[item.end() :]
            list_indent = indent + len(item.group(1)) + (1 if spaces > 4 or not after else spaces)
            list_paragraph = bool(after.strip())
            paragraph = None
            continue
        if rest.startswith(">"):
            # Only a paragraph in the quote takes lazy continuation lines.
            quote = _holds_paragraph(rest.lstrip("> \t"))
            paragraph = None
            continue
        if paragraph is None:
            paragraph = number

    return Scan(tuple(lines), tuple(kinds), tuple(headings), front_matter, start)


def _fence_opening(rest: str) -> tuple[str, int] | None:
    if not rest.startswith(("```", "~~~")):  # most lines, without a regex
        return None
    match = _FENCE.match(rest)
    if not match:
        return None
    marker = match.group(1)
    if marker[0] == "`" and "`" in match.group(2):
        return None
    return marker[0], len(marker)


def _may_interrupt(item: re.Match[str], rest: str) -> bool:
    """A list item interrupts a paragraph only with text, and if ordered, numbered 1."""
    marker = item.group(1)
    return bool(rest[item.end() :].strip()) and (marker in "-+*" or int(marker[:-1]) == 1)


def _holds_paragraph(inner: str) -> bool:
    """Whether a quoted line's content leaves a paragraph open (an empty list item does not)."""
    item = _LIST_ITEM.match(inner)
    if item:
        inner = inner[item.end() :]
    return bool(inner.strip()) and not (
        _ATX.match(inner) or _fence_opening(inner) or _THEMATIC_BREAK.match(inner)
    )


def _is_lazy_continuation(rest: str, indent: int) -> bool:
    """A line that continues an open paragraph instead of starting a new block."""
    if indent >= 4:
        return True
    return not (
        _ATX.match(rest)
        or _fence_opening(rest)
        or _THEMATIC_BREAK.match(rest)
        or _LIST_ITEM.match(rest)
        or rest.startswith(("<!--", ">"))
    )
