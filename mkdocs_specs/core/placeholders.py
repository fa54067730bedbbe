"""Placeholders: the text a template asks its authors to replace, in the forms teams write it.

``[Name]`` in brackets, ``{title of option 1}``, ``{Owner}`` or ``{{owner}}`` in braces,
``<Feature name>`` in angles (no tag), an instruction in parentheses such as ``(fill me in
with a unique ident)``, and, in a title or a value, tokens such as ``NNNN``, ``YYYY-MM-DD`` or
``TITLE`` (not within a placeholder). Never a placeholder: a link, a reference-style link or
its definition (``[summary]: #summary``), a wiki link, a task box, a footnote, an attribute
list (``{: .class}``, ``{#id}``), or braces in code or in a route (``/orders/{id}``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .inline import code_spans
from .scanner import lines_holding

# Each form opens with its character and looks behind it only then: a regex that opens with
# a literal is searched for that character alone, not tried at every position of a line.
# `[text]` that is not a link (`[text](url)`, `[text][label]`), a wiki link, a footnote
# (`[^1]`) nor the label of a reference-style link; task boxes and `[Optional]` are left out
# after matching (see `_is_candidate`), which keeps every pattern here linear on long lines.
_BRACKETS = r"\[(?<![\[\]]\[)(?![\[^])[^\[\]\n]+\](?![(\[\]])"
# `{text with a space}` that is not an attribute list (`{: .x}`, `{#id}`, `{.class}`) nor a
# template language's statement (`{% include "x.md" %}`), or
# `{Word}` (`{Decision.}`) standing alone: after a slash, a word or a `$` it is a route's or a
# template language's parameter (`/orders/{id}`, `${name}`), and a spec's own.
_BRACES = (
    r"\{(?:(?<!\{\{)(?![:#.\s{%])[^{}\n\s]*\s[^{}\n]*\}(?!\})"
    r"|(?<![^\W_]\{)(?<![{}/$%\\`]\{)[A-Za-z][\w-]*[.:?!]?\}(?![^\W_]|[}/`]))"
)
# `{{name}}`, as templates filled by a generator write theirs (`{{project_name}}`); one with
# spaces inside, `{{ name }}`, is a macro's (mkdocs-macros), which the site renders.
_MUSTACHE = r"\{\{[A-Za-z_][\w.-]*\}\}"
# An instruction in parentheses, as Rust's RFC template writes its fields' values.
_INSTRUCTION = (
    r"\((?i:fill|replace|insert|enter|describe|write|provide|add|list|todo|tbd)\b[^()\n]*\)"
)
# `<Feature name>`, `<YYYY-MM-DD>`, as the EIP template writes its: not after a word (`List<T>`
# is a type), and (see `_is_candidate`) neither an HTML tag nor an autolink.
_ANGLE = r"<(?<![\w<]<)(?![/!?\s])(?:[^<>\n]|<[^<>\n]+>)+(?<!\s)>"  # an example within
# By the character they open with.
_FORMS = {"[": _BRACKETS, "{": f"{_MUSTACHE}|{_BRACES}", "(": _INSTRUCTION, "<": _ANGLE}
_PROSE = re.compile(
    "|".join(f"(?:{p})" for p in (_BRACKETS, _MUSTACHE, _BRACES, _INSTRUCTION, _ANGLE))
)
_ATTRIBUTE = re.compile(r"\s[\w-]+=[\"']")  # a tag's: `<x-card title="…">`
_MOST_BARE_ATTRIBUTES = 2  # a tag's attributes without values: `<details open>`
_TYPE_PARAMETERS = re.compile(r"[A-Z](?:\s*,\s*[A-Z])*")  # `<T>`, `<K, V>`: a generic's
# The elements of HTML (and SVG's and MathML's roots), which tags in angles name.
_HTML_ELEMENTS = frozenset(
    {
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
        "big", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code",
        "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl",
        "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe",
        "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark",
        "math", "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option",
        "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp",
        "script", "search", "section", "select", "slot", "small", "source", "span", "strike",
        "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template",
        "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var",
        "video", "wbr"
    }
)  # fmt: skip
_IN_CODE = re.compile(_BRACKETS)  # in code, only brackets: braces are code's own
# A reference-style link's definition, `[label]: target` (or `<target>`).
REFERENCE_DEFINITION = re.compile(
    r"[ ]{0,3}\[(?P<label>[^\]\n]+)\]:\s*(?:<(?P<angle>[^<>\n]*)>|(?P<url>\S+))"
)
# Tokens standing for a value in a title or a field: a letter or digit repeated (`NNNN`,
# `0000`, `XXX`) or a date's shape anywhere, and capitalised words where the text has nothing
# else (Nygard's `# NUMBER. TITLE`, `Date: DATE`): elsewhere `REST` or `HTTP` are words.
_REPEATED = re.compile(
    r"\b(?:YYYY[-/.]MM[-/.]DD|(?:DD[-/.]MM|MM[-/.]DD)[-/.]YYYY|([A-Z0-9])\1{2,})\b"
)
_CAPITALS = re.compile(r"\b[A-Z]{4,}\b(?![-_]?\d)")  # not a key's prefix: `JIRA-123`
_ALL_CAPITALS = re.compile(r"[^a-z]*")
# The tokens that stand for a doc's number: a digit or a letter repeated (`0000`, `NNNN`),
# or the word NUMBER.
NUMBER = re.compile(r"\b(?:([0N])\1{2,}|NUMBER)\b")


def tokens(text: str) -> list[re.Match[str]]:
    """The tokens of a title or a value, in order."""
    if _ALL_CAPITALS.fullmatch(text):
        found = sorted(
            [*_REPEATED.finditer(text), *_CAPITALS.finditer(text)], key=lambda m: m.start()
        )
    else:
        found = list(_REPEATED.finditer(text))
    # In a placeholder (`[HIGH/LOW]`, `(fill me in, YYYY-MM-DD)`) they are its words: a spec
    # writing `HIGH` has filled it in.
    return outside_placeholders(text, found)


def outside_placeholders(text: str, found: Iterable[re.Match[str]]) -> list[re.Match[str]]:
    """Those of ``found`` (matches in ``text``) that stand in no placeholder of it."""
    found = list(found)
    if not found:
        return found
    inside = [(m.start(), m.end()) for m in in_prose(text)]
    return [m for m in found if not any(start <= m.start() < end for start, end in inside)]


# What parts a title's number from its name: `KEP-NNNN: Title`, `NUMBER. TITLE`, `X - Y`.
_TITLE_SEPARATOR = re.compile(r"\s*[:.\u2013\u2014-]\s+|\s*[:.]\s*")


def in_prose(line: str) -> Iterator[re.Match[str]]:
    """The placeholders written in a line of prose (brackets, braces, angles, instructions)."""
    # Most lines open none of the forms: four substring tests spare them the regexes.
    opens = "[" in line or "{" in line or "(" in line or "<" in line
    if not opens or REFERENCE_DEFINITION.match(line):
        return iter(())
    return _braces_outside_code(line, filter(_is_candidate, _PROSE.finditer(line)))


def _braces_outside_code(line: str, found: Iterable[re.Match[str]]) -> Iterator[re.Match[str]]:
    """``found`` but braces within a code span: there they are code's own (`f"{name}"`)."""
    spans: list[range] | None = None
    for match in found:
        if match.group(0)[0] == "{" and "`" in line:
            if spans is None:
                spans = [range(span.start, span.end) for span in code_spans(line)]
            if any(match.start() in span for span in spans):
                continue
        yield match


def in_code(line: str) -> Iterator[re.Match[str]]:
    """The placeholders written in a line of code: brackets only."""
    if "[" not in line:
        return iter(())
    return filter(_is_candidate, _IN_CODE.finditer(line))


def place(line: str, start: int) -> str:
    """What a placeholder at ``start`` follows: a letter or digit (``data[field]``, indexing),
    a slash (``/portal/[token]``, a route's parameter), or anything else."""
    before = line[start - 1 : start]
    return "word" if before.isalnum() else before if before == "/" else ""


def _is_candidate(match: re.Match[str]) -> bool:
    """Not a task box (`[ ]`, `[x]`) nor the mark `[Optional]`; in angles, not a tag (an
    element's name, attributes) nor an autolink (`<https://…>`, `<a@b.c>`)."""
    text = match.group(0)
    inner = text[1:-1]
    if text[0] == "<":
        words = inner.split()
        if (
            _ATTRIBUTE.search(inner)
            or _TYPE_PARAMETERS.fullmatch(inner)
            or (
                # `<br>`, `<details open>`; not `<a comma separated list of authors>`
                words[0].casefold() in _HTML_ELEMENTS and len(words) <= _MOST_BARE_ATTRIBUTES + 1
            )
        ):
            return False
        return len(words) > 1 or not any(mark in inner for mark in ":@")  # autolinks
    return bool(inner.strip(" \txX")) and inner.strip().casefold() != "optional"


def in_title(title: str) -> list[re.Match[str]]:
    """The placeholders and tokens of a title, in order, none overlapping."""
    found: list[re.Match[str]] = []
    for match in sorted([*in_prose(title), *tokens(title)], key=lambda m: m.start()):
        if not found or match.start() >= found[-1].end():
            found.append(match)
    return found


def title_example(title: str, last: re.Match[str]) -> int | None:
    """Where the example after a title's last placeholder starts, when a separator comes
    between them (``KEP-NNNN: Your short title``): that text is the title's own."""
    tail = title[last.end() :]
    separator = _TITLE_SEPARATOR.match(tail)
    if separator and tail[separator.end() :].strip():
        return last.end() + separator.end()
    return None


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is, as a whole, a placeholder (a token included)."""
    text = text.strip()
    match = _PROSE.fullmatch(text)
    return bool(match and _is_candidate(match)) or any(m.group(0) == text for m in tokens(text))


# An identifier a placeholder shows as its example: `my_feature`, `my-feature`.
_EXAMPLE_IDENTIFIER = re.compile(r"`([a-z][a-z0-9]*(?:([_-])[a-z0-9]+)+)`")


def identifier_like(placeholder: str, words: str) -> str | None:
    """``words`` as the identifier a placeholder asks for by example (``(fill me in with a
    unique identifier, `my_feature`)``: `` `faster_builds` ``); None when it shows none."""
    example = _EXAMPLE_IDENTIFIER.search(placeholder) if is_placeholder(placeholder) else None
    if example is None:
        return None
    found = re.findall(r"[a-z0-9]+", words.casefold())
    return f"`{example.group(2).join(found)}`" if found else None


def inner(text: str) -> str:
    """A placeholder without its brackets, braces or parentheses."""
    text = text.strip()
    if text.startswith("{{") and text.endswith("}}"):
        return text[2:-2].strip()
    if text[:1] in "[{(<" and text[-1:] in "]})>":
        return text[1:-1].strip()
    return text


@dataclass(frozen=True)
class PlaceholderPattern:
    """Finds a template's own placeholders in a spec's text, as a regex of them all would.

    Each candidate found is looked up in the set instead of being an alternative of one
    regex: such a regex would be large, and every process would compile it.
    """

    # (placeholder, ``place``) as the template writes each: `[field]` after a word is no
    # placeholder in a spec unless the template writes it there too.
    places: frozenset[tuple[str, str]]
    labels: frozenset[str] = frozenset()  # reference-link labels: `[label]` is a link

    @functools.cached_property
    def placeholders(self) -> frozenset[str]:
        return frozenset(text for text, _ in self.places)

    @functools.cached_property
    def _openers(self) -> str:
        return "".join(sorted({text[0] for text in self.placeholders}))

    def lines_to_search(self, text: str) -> list[int]:
        """The indexes of the lines of ``text`` (``Scan.text``) that hold a character a
        placeholder opens with, in order: few lines do, and the others need no search."""
        return lines_holding(text, self._openers)

    @functools.cached_property
    def _candidates(self) -> re.Pattern[str]:
        """Only the forms the template's placeholders take: most use brackets alone."""
        forms = [form for opener, form in _FORMS.items() if opener in self._openers]
        return re.compile("|".join(f"(?:{form})" for form in forms) or r"(?!)")

    def finditer(self, line: str, code: bool = False) -> Iterator[re.Match[str]]:
        """The template's placeholders in a spec's ``line``; in a line of ``code``, as in
        code spans, only those in brackets (braces are code's own there)."""
        if REFERENCE_DEFINITION.match(line):
            return
        if code:
            found: Iterable[re.Match[str]] = _IN_CODE.finditer(line) if "[" in self._openers else ()
        else:
            found = _braces_outside_code(line, self._candidates.finditer(line))
        for match in found:
            text = match[0]
            if (
                text in self.placeholders
                and text[1:-1].casefold() not in self.labels
                and (text, place(line, match.start())) in self.places
            ):
                yield match

    def fullmatch(self, text: str) -> bool:
        text = text.strip()
        return text in self.placeholders


def reference_labels(lines: Iterable[str]) -> frozenset[str]:
    """The labels that reference-link definitions give (case-folded, as Markdown matches)."""
    return frozenset(
        match.group(1).casefold() for line in lines if (match := REFERENCE_DEFINITION.match(line))
    )
