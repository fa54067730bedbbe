"""A Python-Markdown extension that adds the plugin's elements to a spec page's tree."""

from __future__ import annotations

import functools
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..render.header import Badge
from ..render.problems import render_box
from .card import SpecHeaderTreeprocessor
from .links import EntityLinksTreeprocessor, ReferenceInlineProcessor
from .override_errors import one_line
from .page import PageContext
from .tree import stashed_block


class DiagnosticsTreeprocessor(Treeprocessor):
    """Put the problem box at the top of the page."""

    def __init__(self, md: Markdown, context: Callable[[], PageContext | None]) -> None:
        super().__init__(md)
        self.context = context

    @one_line
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


class _PageConversion(Preprocessor):
    """Gives the page's context to the page's own conversion: that of the page's Markdown
    where the host says what it is, else the first that starts under it. Other plugins and
    hooks convert Markdown with the site's extensions around and within a page's
    (mkdocstrings' docstrings); theirs get no badge, card, box or links."""

    def __init__(self, md: Markdown, extension: SpecsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.context()
        if page is None or self.extension.converting[0]() is page:
            return lines
        # Before any preprocessor has changed them, the lines are the source as split.
        if page.markdown is None or "\n".join(lines) == page.markdown():
            self.extension.converting = (weakref.ref(page), weakref.ref(self.md))
        return lines


def _gone() -> None:
    """As a weak reference to what no longer exists: nothing."""
    return None


class SpecsExtension(Extension):
    """Made for one build: what it keeps is shared by that build's pages."""

    def __init__(self, context: Callable[[], PageContext | None]) -> None:
        super().__init__()
        self.context = context
        self.badges: dict[Badge, str] = {}
        # The page being converted, and the Markdown instance converting it, neither kept
        # alive by this: a converted page's instance holds all its lines, and its context the
        # site's catalogue, which a build lets go of before the theme renders the pages.
        self.converting: tuple[Callable[[], PageContext | None], Callable[[], Markdown | None]]
        self.converting = (_gone, _gone)

    def page_of(self, md: Markdown) -> PageContext | None:
        """The page ``md`` converts, if it converts the page's own Markdown."""
        page, instance = self.converting
        current = self.context()
        return current if current is not None and page() is current and instance() is md else None

    def extendMarkdown(self, md: Markdown) -> None:
        context = functools.partial(self.page_of, md)
        # Right after the one that finds the page under Zensical (100), before any other
        # changes the lines (snippets at 32, Python-Markdown's own at 30 and below).
        md.preprocessors.register(_PageConversion(md, self), "specs-conversion", 99)
        # On top of the page after MkDocs has read its title from the first element (priority
        # 1): with the box first, MkDocs would name the page by its file.
        md.treeprocessors.register(DiagnosticsTreeprocessor(md, context), "specs-box", 0.5)
        # Badge and card: after `toc` (priority 5), so nothing we add is in the table of contents.
        header = SpecHeaderTreeprocessor(md, context, self.badges)
        md.treeprocessors.register(header, "specs-header", 4.5)
        # [[Name]] after code spans (190) and escapes (180), before links (160) can take it.
        md.inlinePatterns.register(ReferenceInlineProcessor(md, context), "specs-ref", 175)
        # After toc (5), before MkDocs resolves and checks links (0).
        md.treeprocessors.register(EntityLinksTreeprocessor(md, context), "specs-links", 3)
