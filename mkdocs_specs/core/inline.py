"""Inline Markdown read from source: code spans, and a heading's text as rendered.

Entity names are headings' plain text, and the renderer makes headings' ids from that same
text (``HeadingText``), before any page is rendered: so it is read here the way
Python-Markdown renders it, inline markup stripped, an ``attr_list`` (``{#id .class}``) apart.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import NamedTuple

from .memo import memoized

# What a backslash escapes: Python-Markdown's ESCAPED_CHARS.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
# Each part of a link or an image stops at the next bracket or parenthesis that would open
# another (a URL may hold one pair): a text of many openers is then read in linear time.
_TARGET = r"(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])"
_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_TARGET}")
_LINK = re.compile(rf"(?<!\[)\[([^\[\]]*)\]{_TARGET}")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")
# An inline HTML tag or comment, as Python-Markdown's inline patterns take one.
_TAG = re.compile(r"(<(\/?[a-zA-Z][^<>@ ]*( [^<>]*)?|!--(?:(?!<!--|-->).)*--)>)", re.DOTALL)
# Emphasis delimiters: `*` anywhere, `_` only at word boundaries (Python-Markdown's smart `_`).
# Their text holds no other delimiter (but an `_` within a word): nested emphasis is stripped
# from the inside out, and an opener that is never closed costs no search to the end.
_STARS = re.compile(r"(\*{1,3})(?![\s*])([^*]+?)(?<![\s*])\1")
_UNDERSCORES = re.compile(
    r"(?<![\w_])(_{1,3})(?![\s_])((?:[^_]|(?<=\w)_(?=\w))+?)(?<![\s_])\1(?![\w_])"
)
_MOST_NESTING = 8  # levels of links and emphasis stripped: no real heading nests deeper
# attr_list on a heading: ` {#id .class}` or ` {: #id}` at the end.
_ATTR_LIST = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^\n]*)\}[ ]*$")
# A character some step below acts on; a heading with none of them is plain text already.
_MARKUP = re.compile(r"[`\\\[<*_&\x02]")
_LITERAL = "\x02{}\x03"  # stands for text that markup rules must not touch
_LITERAL_RE = re.compile("\x02(\\d+)\x03")


class HeadingText(NamedTuple):  # a named tuple, as `Heading`
    text: str  # the heading's text as rendered, without markup: what toc slugifies
    attrs: str | None  # the attribute list at its end, ``#id .class``, when attr_list is on


# Specs from one template share most of their headings: each is worked out once per process.
@memoized(512)
def heading_text(raw: str, attr_list: bool = False) -> HeadingText:
    """The plain text ``toc`` reads from a heading written as ``raw`` Markdown."""
    given = None
    if attr_list and (match := _ATTR_LIST.search(raw)):
        given = match.group(1)
        raw = raw[: match.start()]
    return HeadingText(_plain(raw, tags=False), given)


@memoized(512)
def value_text(raw: str) -> str:
    """A header field's value as text to show where its Markdown is not rendered (an index
    cell): a link's text, a code span's code; raw HTML stays as written, to be escaped."""
    return _plain(raw, tags=True)


def _plain(raw: str, tags: bool) -> str:
    """``raw`` inline Markdown without its markup; with ``tags``, HTML tags kept as text."""
    if not _MARKUP.search(raw):  # most headings: "Orders", "GET /orders", "3.1 Overview"
        return " ".join(raw.split())

    literals: list[str] = []

    def keep(text: str) -> str:
        literals.append(text)
        return _LITERAL.format(len(literals) - 1)

    pieces, position = [], 0
    for span in code_spans(raw):
        pieces += [raw[position : span.start], keep(span.content)]
        position = span.end
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), "".join([*pieces, raw[position:]]))
    text = _IMAGE.sub("", text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    text = _TAG.sub(lambda m: keep(m.group(0)) if tags else "", text)
    previous = None
    for _ in range(_MOST_NESTING):  # links and emphasis nest: strip them from the inside out
        if previous == text:
            break
        previous = text
        text = _LINK.sub(r"\1", text)
        text = _STARS.sub(r"\2", text)
        text = _UNDERSCORES.sub(r"\2", text)
    text = html.unescape(text)
    text = _LITERAL_RE.sub(lambda m: literals[int(m.group(1))], text)
    return " ".join(text.split())


class CodeSpan(NamedTuple):  # a named tuple, as `Heading`
    start: int  # index of the opening backtick
    end: int  # index just past the closing backtick
    content: str  # the code, stripped as Python-Markdown strips it


def code_spans(text: str) -> list[CodeSpan]:
    """Code spans: a run of N backticks up to the next run of exactly N backticks; a run that
    is never closed is text. A backslash before a run escapes its first backtick (inside a
    span, a backslash is text: it escapes no closer).

    The closer is looked up by its length among the runs after the opener, not searched for
    in the text: a text of runs never closed takes linear time."""
    at = text.find("`")
    if at < 0:
        return []
    runs = []  # (start, end) of each run of backticks, by str.find: cheaper than a regex here
    while at >= 0:
        end = at + 1
        while text.startswith("`", end):
            end += 1
        runs.append((at, end))
        at = text.find("`", end)
    by_length: dict[int, list[int]] = {}  # run length -> indices of the runs so long, if needed
    found = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        if start and text[start - 1] == "\\":
            start += 1  # an escaped backtick: the run opens after it (if it goes on)
        closer = index + 1
        if closer < len(runs) and runs[closer][1] - runs[closer][0] != end - start:
            # Most spans close at the next run; else at the next one as long, looked up.
            if not by_length:
                for number, (first, last) in enumerate(runs):
                    by_length.setdefault(last - first, []).append(number)
            closers = by_length.get(end - start, [])  # none for an empty run
            after = bisect.bisect_right(closers, index)
            closer = closers[after] if after < len(closers) else len(runs)
        if closer == len(runs):
            index += 1
            continue
        found.append(CodeSpan(start, runs[closer][1], text[end : runs[closer][0]].strip()))
        index = closer + 1
    return found
