"""Python-Markdown's element tree as the plugin's treeprocessors use it: its heading
elements, and the stash that holds raw HTML."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.util import HTML_PLACEHOLDER_RE

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def stashed_block(md: Markdown, html: str) -> etree.Element:
    """An element that Python-Markdown's raw-HTML postprocessor replaces with ``html``."""
    element = etree.Element("p")
    element.text = md.htmlStash.store(html)
    return element


def inline_html_as_text(md: Markdown, text: str) -> str:
    """``text`` with each inline raw HTML tag put back as written, to be shown as text (or
    to sit in an attribute) rather than become markup; comments go, and entities such as
    ``&amp;`` stay for the postprocessor."""
    stash = md.htmlStash.rawHtmlBlocks

    def literal(match: re.Match[str]) -> str:
        raw = stash[int(match.group(1))]
        if not isinstance(raw, str) or not raw.startswith("<"):
            return match.group(0)  # an entity such as &amp;, or a block element
        return "" if raw.startswith("<!--") else raw

    return HTML_PLACEHOLDER_RE.sub(literal, text)


def code_span_text(md: Markdown, code: etree.Element) -> str | None:
    """A code span's text as written, or None when it is highlighted code.

    ``pymdownx.inlinehilite`` stashes every code span's text, escaped, and gives a class to
    those it highlights (``#!py x``): a plain span is one placeholder and no class."""
    text = "".join(code.itertext())
    stashed = HTML_PLACEHOLDER_RE.fullmatch(text)
    if stashed is None:
        return html.unescape(text)
    raw = md.htmlStash.rawHtmlBlocks[int(stashed.group(1))]
    if code.get("class") is not None or not isinstance(raw, str):
        return None
    return html.unescape(raw)
