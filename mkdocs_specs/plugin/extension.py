"""A Python-Markdown extension that adds the plugin's elements to a spec page's tree."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..render.header import Badge
from ..render.problems import render_box
from .card import SpecHeaderTreeprocessor
from .links import EntityLinksTreeprocessor, ReferenceInlineProcessor
from .page import PageContext
from .tree import stashed_block


class DiagnosticsTreeprocessor(Treeprocessor):
    """Put the problem box at the top of the page."""

    def __init__(self, md: Markdown, context: Callable[[], PageContext | None]) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        page = self.context()
        if page is None or not page.show_diagnostics:
            return
        # What counts only: suppressed and baselined problems are known and accepted.
        shown = [d for d in page.spec.diagnostics if d.active]
        if not shown:
            return
        html = render_box(shown, page.anchors, page.edit, page.templates_dir, page.noun)
        root.insert(0, stashed_block(self.md, html))


class SpecsExtension(Extension):
    """Made for one build: what it keeps is shared by that build's pages."""

    def __init__(self, context: Callable[[], PageContext | None]) -> None:
        super().__init__()
        self.context = context
        self.badges: dict[Badge, str] = {}

    def extendMarkdown(self, md: Markdown) -> None:
        # On top of the page after MkDocs has read its title from the first element (priority
        # 1): with the box first, MkDocs would name the page by its file.
        md.treeprocessors.register(DiagnosticsTreeprocessor(md, self.context), "specs-box", 0.5)
        # Badge and card: after `toc` (priority 5), so nothing we add is in the table of contents.
        header = SpecHeaderTreeprocessor(md, self.context, self.badges)
        md.treeprocessors.register(header, "specs-header", 4.5)
        # [[Name]] after code spans (190) and escapes (180), before links (160) can take it.
        md.inlinePatterns.register(ReferenceInlineProcessor(md, self.context), "specs-ref", 175)
        # After toc (5), before MkDocs resolves and checks links (0).
        md.treeprocessors.register(EntityLinksTreeprocessor(md, self.context), "specs-links", 3)
