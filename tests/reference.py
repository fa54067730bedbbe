"""markdown-it-py (CommonMark) as the reference reading of a document's headings."""

from __future__ import annotations

from markdown_it import MarkdownIt

from mkdocs_specs.core.scanner import Scan, scan

_COMMONMARK = MarkdownIt("commonmark")

Headings = list[tuple[int, str, int]]  # (level, text with whitespace collapsed, 1-based line)


def reference_headings(text: str) -> Headings:
    """Top-level headings as markdown-it-py reads them.

    CommonMark has no front matter (its `---` lines would read as a rule and a setext
    heading), so the lines the scanner takes as front matter are blanked first; the BOM,
    which MkDocs drops, goes too."""
    scanned = scan(text)
    lines = [
        "" if index < scanned.front_matter_end else line for index, line in enumerate(scanned.lines)
    ]
    tokens = _COMMONMARK.parse("\n".join(lines) + "\n")
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map:
            inline = tokens[index + 1].content
            found.append((int(token.tag[1]), " ".join(inline.split()), token.map[0] + 1))
    return found


def scanner_headings(scanned: Scan) -> Headings:
    # markdown-it replaces NUL with U+FFFD, as CommonMark says to.
    return [
        (h.level, " ".join(h.text.replace("\x00", "\ufffd").split()), h.line)
        for h in scanned.headings
    ]
