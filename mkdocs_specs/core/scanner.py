"""A single-pass line scanner for the block structure of a Markdown spec.

It finds what validation needs (front matter, top-level headings, which lines are code,
comments or list content) in linear time, without rendering. It follows CommonMark for
the constructs specs use; ``tests/test_properties.py`` and ``tests/test_realspecs.py``
compare its headings with markdown-it-py's on generated and real documents.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

# Python-Markdown recurses once per nesting level and hits Python's recursion limit after
# about 200; no real spec nests anywhere near this deep.
MAX_NESTING = 100
# Exactly MkDocs' own front-matter pattern, so we see front matter where MkDocs does.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_SETEXT = re.compile(r"(=+|-+)[ \t]*$")
# The lines that open a block of their own (and so end a paragraph's lazy continuation).
# A backtick fence's info string holds no backtick.
_FENCE = r"(?P<fence>`{3,}(?![^`]*`)|~{3,})"
_ATX = r"(?P<atx>#{1,6})(?:[ \t]+|$)"
_THEMATIC_BREAK = r"(?P<rule>[-*_])(?:[ \t]*(?P=rule)){2,}[ \t]*$"
_LIST_ITEM = r"(?P<marker>[-+*]|\d{1,9}[.)])(?P<item>[ \t]+|$)"
_COMMENT_OPENER = r"(?P<comment><!--)"
_QUOTE = r"(?P<quote>>)"
# One match tells which block a line opens (its ``lastgroup``). A thematic break is tried
# before a list item: `- - -` is a break. The other openers differ in their first character.
_OPENER = re.compile("|".join((_FENCE, _ATX, _THEMATIC_BREAK, _LIST_ITEM, _COMMENT_OPENER, _QUOTE)))
# The first characters of what _OPENER matches; other scripts' digits, which `\d` takes too,
# are told by `str.isdecimal`.
_OPENER_START = "`~#-*_+<>0123456789"
_OPENS_NOTHING: tuple[None, str, str, str] = (None, "", "", "")
_LIST_ITEM_ONLY = re.compile(_LIST_ITEM)
_QUOTE_MARKERS = re.compile(r"(?:[ \t]*>[ ]?)+")
_QUOTED_FENCE = re.compile(rf"[ ]{{0,3}}{_FENCE}")
_PARAGRAPH_ENDERS = ("fence", "atx", "rule")  # what leaves no paragraph open in a quote
_LABEL_ENDS = (":", "*", "|")  # what a label's line ends with, spaces aside
# The last characters of a line that may end as a label: the marks, and what `str.rstrip`
# strips (`str.isspace`), CR and LF aside (no line holds them).
_SPACES = "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES += "\u2028\u2029\u202f\u205f\u3000"
_LABEL_LAST = ":*|" + _SPACES


class LineKind(str, Enum):
    BLANK = "blank"
    FRONT_MATTER = "front_matter"
    HEADING = "heading"
    TEXT = "text"  # top-level prose, list items, table rows, thematic breaks
    NESTED = "nested"  # content inside a list item or block quote
    CODE = "code"  # fence lines, fenced and indented code
    COMMENT = "comment"  # HTML comment blocks


# Looking a member up on an Enum class costs a descriptor call; the scanner marks every
# line, so it names the members once.
_CODE, _COMMENT, _HEADING = LineKind.CODE, LineKind.COMMENT, LineKind.HEADING
_NESTED, _TEXT = LineKind.NESTED, LineKind.TEXT
# A named tuple's own constructor is Python code; the scanner makes a heading for every
# heading of every doc, with tuple's, which is not.
_new_heading = tuple.__new__


# Named tuples, here and for the other records made by the thousand for each site (fields,
# references, code spans): a tuple is quicker to make than a frozen data class.
class Heading(NamedTuple):
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
    # The lines of text that end with a colon, an asterisk or a bar (spaces aside), as a
    # label does (`**Relationships**:`), which a list may follow; the kinds tell which are text
    # still (a setext underline makes its paragraph a heading).
    labels: tuple[int, ...] = ()
    # The lines that start with more than MAX_NESTING '>', spaces and tabs: each adds at most
    # one level, so only these may nest too deep.
    deep: tuple[int, ...] = ()
    # The lines joined by LF (and the last one's LF, if it had one), for searches that find
    # the few lines they look for faster in one text than line by line; empty once the lines
    # are dropped. The text given, when it had no byte order mark or CR: no copy of it.
    text: str = ""

    def without_lines(self, headings: bool = True) -> Scan:
        """The scan without its lines and what was found on them (the headings too, unless
        ``headings``): what a site keeps of a doc once it is checked."""
        return Scan((), (), self.headings if headings else (), None, self.front_matter_end)


def split_lines(text: str) -> list[str]:
    """Split on CR, LF and CRLF only (``str.splitlines`` also splits on \\f, \\x1c, ...)."""
    return _split(_normalized(text))


def _normalized(text: str) -> str:
    """``text`` without a byte order mark, every line ending in LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    # Replaces and a split, in C, rather than a regex split; most files have no CR at all.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _split(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def lines_holding(text: str, needles: Iterable[str]) -> list[int]:
    """The indexes of the lines of ``text`` (``Scan.text``) that hold one of ``needles``
    (none of which holds a newline), in order.

    Found by searching the text, in C: most lines hold none of what callers look for, and a
    look at each line in Python costs more than the search."""
    found: set[int] = set()
    for needle in needles:
        index = counted = 0  # the index of the line that starts at `counted`
        at = text.find(needle)
        while at >= 0:
            index += text.count("\n", counted, at)
            found.add(index)
            counted = text.find("\n", at) + 1
            if not counted:
                break
            index += 1
            at = text.find(needle, counted)
    return sorted(found)


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
    block quote marker and per 4 columns of indentation after the last one (its list nesting
    step). Spaces before a marker, and the one space or tab after it, are the marker's own."""
    quotes = width = 0
    own = False  # the character before was a marker
    for char in line:
        if char == ">":
            quotes, width, own = quotes + 1, 0, True
            continue
        if char not in " \t":
            break
        if not own:
            width += 1 if char == " " else 4 - width % 4
        own = False
    return quotes + width // 4


def _heading_text(raw: str) -> str:
    """The text of an ATX heading without its optional closing ``#`` sequence.

    By hand, not by regex: a closing-sequence regex searches from every run of spaces, which
    takes quadratic time on a long heading of spaces. Interned: docs written from one
    template repeat its headings, and a site keeps every doc's headings."""
    text = raw.strip()
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed
    return sys.intern(text.strip())


def _front_matter(text: str) -> tuple[str | None, int]:
    """The YAML front matter's text, and the number of lines it takes with its fences."""
    # A last line without its LF still closes the front matter.
    match = text.startswith("---") and _FRONT_MATTER.match(
        text if text.endswith("\n") else text + "\n"
    )
    if not match:
        return None, 0
    return match.group(1), match.group(0).count("\n")


def _setext_heading(lines: list[str], first: int, underline: int) -> Heading:
    """The heading made of the paragraph on lines ``[first, underline)`` by its underline."""
    level = 1 if lines[underline].lstrip()[0] == "=" else 2
    body = " ".join(lines[i].strip() for i in range(first, underline))
    column = len(lines[first]) - len(lines[first].lstrip()) + 1
    return Heading(level, sys.intern(body), first + 1, column)  # interned, as ATX headings


def _item_content_indent(indent: int, marker: str, gap: str, after: str) -> int:
    """Where a list item's content starts: past its marker and the spaces after it (one, when
    there are more than four or no text follows: the rest is indented code)."""
    spaces = _indent(gap)[0] if "\t" in gap else len(gap)
    return indent + len(marker) + (1 if spaces > 4 or not after else spaces)


def scan(text: str) -> Scan:
    text = _normalized(text)
    lines = _split(text)
    kinds: list[LineKind] = [LineKind.BLANK] * len(lines)
    headings: list[Heading] = []
    labels: list[int] = []
    deep: list[int] = []
    front_matter, start = _front_matter(text)
    kinds[:start] = [LineKind.FRONT_MATTER] * start

    fence = ""  # the opening fence's marker (```` ``` ````, ``~~~~``) while inside a fenced block
    fence_indent = 0  # where the fenced block's container starts (a list item's content)
    fence_quoted = False  # the fenced block is inside a block quote, and ends with it
    in_comment = False
    in_indented_code = False
    paragraph: int | None = None  # index of the first line of an open top-level paragraph
    list_indent: int | None = None  # content indent of the open top-level list item
    list_paragraph = False  # a paragraph is open inside the list item (lazy lines continue it)
    quote = False

    for number in range(start, len(lines)):
        line = lines[number]
        if fence or in_comment:  # one test for the many lines in neither
            if in_comment:
                kinds[number] = _COMMENT
                in_comment = "-->" not in line
                continue
            if not fence_quoted:
                kinds[number] = _CODE
                if fence in line and _closes_fence(line, fence, fence_indent):
                    fence = ""
                continue
            inner = _quoted(line)
            if inner is not None:
                kinds[number] = _CODE
                if fence in inner and _closes_fence(inner, fence, 0):
                    fence = ""
                continue
            fence = ""  # the quote ends here, and its code with it

        # Most lines start with their text: no call to work out an indentation.
        first = line[:1]
        if first == " " or first == "\t":
            indent, rest = _indent(line)
            first = rest[:1]
        else:
            indent, rest = 0, line
        if not rest:  # a blank line (already marked so)
            paragraph = None
            list_paragraph = False
            quote = False
            continue
        # Leading spaces and tabs are no more than their width: only a quote's line, or one
        # indented that far, may start with more than MAX_NESTING of them and '>'.
        if (first == ">" or indent > MAX_NESTING) and _leading(line) > MAX_NESTING:
            deep.append(number)

        if in_indented_code and indent >= 4:
            kinds[number] = _CODE
            continue
        in_indented_code = False

        # Content of the open list item: never a top-level heading or field. Of the blocks
        # it may open, a fence and a heading matter (a heading leaves no paragraph open).
        if list_indent is not None and indent >= list_indent:
            block, marker, _, _ = _opened(rest, first) if first in "`~#" else _OPENS_NOTHING
            if block == "fence":
                kinds[number] = _CODE
                fence, fence_indent, fence_quoted = marker, list_indent, False
            else:
                kinds[number] = _NESTED
            list_paragraph = block != "fence" and block != "atx"
            continue

        if first in _OPENER_START or (first > "\x7f" and first.isdecimal()):
            block, marker, gap, after = _opened(rest, first)
        else:
            block = None

        # An underline (`===`, `---`, `-`) makes the open paragraph a heading, whatever block
        # the line would open otherwise. (No list item or quote is open beside a paragraph.)
        if paragraph is not None and first in "=-" and indent < 4 and _SETEXT.match(rest):
            headings.append(_setext_heading(lines, paragraph, number))
            kinds[paragraph : number + 1] = [_HEADING] * (number + 1 - paragraph)
            paragraph = None
            continue

        # A line that opens no block of its own (or is indented too far to open one) continues
        # an open paragraph lazily: a list item's, a quote's (the two are never open at once).
        lazy = block is None or indent >= 4
        if lazy:
            if list_paragraph or quote:
                kinds[number] = _NESTED
                continue
            list_indent = None
            if indent >= 4 and paragraph is None:
                kinds[number] = _CODE
                in_indented_code = True
                continue
        else:  # the line opens a block: it ends the open list item and quote
            list_indent = None
            list_paragraph = quote = False
            if block == "atx":
                kinds[number] = _HEADING
                content = after.lstrip()
                level = len(marker)
                column = len(line) - len(content) + 1
                headings.append(
                    _new_heading(Heading, (level, _heading_text(content), number + 1, column))
                )
                paragraph = None
                continue
            if block == "fence":
                kinds[number] = _CODE
                fence, fence_indent, fence_quoted = marker, 0, False
                paragraph = None
                continue
            if block == "comment":
                kinds[number] = _COMMENT
                in_comment = "-->" not in rest  # `<!-->` closes at once, as in CommonMark
                paragraph = None
                continue

        kinds[number] = _TEXT
        # Most lines end with neither the marks nor a space: one look at the last character.
        if rest[-1] in _LABEL_LAST and rest.rstrip().endswith(_LABEL_ENDS):
            labels.append(number)
        if lazy:
            if paragraph is None:
                paragraph = number
        elif block == "item":
            if paragraph is None or _may_interrupt(marker, after):
                if gap == " " and after and not after.isspace():  # most items: `- text`
                    list_indent, list_paragraph = indent + len(marker) + 1, True
                else:
                    list_indent = _item_content_indent(indent, marker, gap, after)
                    list_paragraph = bool(after.strip())
                paragraph = None
        elif block == "rule":
            paragraph = None
        else:  # a quote
            inner = _quoted(rest) or ""
            if opened := _QUOTED_FENCE.match(inner):
                kinds[number] = _CODE
                fence, fence_quoted = opened.group("fence"), True
            else:
                # Only a paragraph in the quote takes lazy continuation lines.
                quote = _holds_paragraph(inner)
            paragraph = None

    return Scan(
        tuple(lines),
        tuple(kinds),
        tuple(headings),
        front_matter,
        start,
        tuple(labels),
        tuple(deep),
        text,
    )


def _opened(rest: str, first: str) -> tuple[str | None, str, str, str]:
    """The block a line's text (``rest``, after its indentation; ``first``, its first
    character) opens, as ``_OPENER``'s group names it (None: none), with its marker (a fence's
    backticks, the #s, a list item's bullet or number), the spaces after it and what follows.

    Headings, bullets, breaks, comments and quotes, which most lines that open a block are,
    are told by their characters: a regex's match costs more than all the rest of a line."""
    if first == "#":
        after = rest.lstrip("#")
        level = len(rest) - len(after)
        if level <= 6 and (not after or after[0] in " \t"):
            return "atx", rest[:level], "", after
        return _OPENS_NOTHING
    if first in "-*_" and rest.count(first) >= 3 and not rest.strip(first + " \t"):
        return "rule", "", "", ""  # before a list item: `- - -` is a break
    if first in "-*+":
        second = rest[1:2]
        if second == " " and rest[2:3] not in (" ", "\t"):  # most items: `- text`
            return "item", first, " ", rest[2:]
        if second not in (" ", "\t", ""):
            return _OPENS_NOTHING  # `**Bold**`, `-1`: no space after the bullet
        spaced = rest[1:]
        after = spaced.lstrip(" \t")
        return "item", first, spaced[: len(spaced) - len(after)], after
    if first == ">":
        return "quote", "", "", ""
    if first == "<":
        return ("comment" if rest.startswith("<!--") else None), "", "", ""
    if first in "`~" or first.isdecimal():  # fences and numbered items, by the regex
        opener = _OPENER.match(rest)
        if opener is None or opener.lastgroup is None:
            return _OPENS_NOTHING
        block = opener.lastgroup
        if block == "item":
            return block, opener.group("marker"), opener.group("item"), rest[opener.end() :]
        return block, opener.group(block), "", rest[opener.end() :]
    return _OPENS_NOTHING


def _leading(line: str) -> int:
    """How many '>', spaces and tabs a line starts with."""
    return len(line) - len(line.lstrip("> \t"))


def _quoted(line: str) -> str | None:
    """A block quote's line without its quote markers, or None when it is not quoted."""
    markers = _QUOTE_MARKERS.match(line)
    return line[markers.end() :] if markers else None


def _closes_fence(line: str, marker: str, container_indent: int) -> bool:
    """A closing fence: the marker (or longer) alone, indented less than 4 columns (else code)."""
    indent, rest = _indent(line)
    return (
        indent - container_indent < 4
        and rest.startswith(marker)
        and not rest.lstrip(marker[0]).strip()
    )


def _may_interrupt(marker: str, after: str) -> bool:
    """A list item interrupts a paragraph only with text, and if ordered, numbered 1."""
    return bool(after.strip()) and (marker in "-+*" or int(marker[:-1]) == 1)


def _holds_paragraph(inner: str) -> bool:
    """Whether a quoted line's content leaves a paragraph open (an empty list item does not)."""
    item = _LIST_ITEM_ONLY.match(inner)
    if item:
        inner = inner[item.end() :]
    if not inner.strip():
        return False
    opener = _OPENER.match(inner)
    return not (opener and opener.lastgroup in _PARAGRAPH_ENDERS)
