"""Entity links on a rendered spec page: references become links, definitions list referrers.

An inline processor takes ``[[Name]]`` before Python-Markdown's own link patterns can read it
as a reference link. A treeprocessor then works on the element tree, after ``toc`` and before
MkDocs resolves links: references become ordinary links to the defining ``.md`` file and the
heading's anchor, so MkDocs makes them relative to the page (for either ``use_directory_urls``)
and checks the anchors like any other link. Definitions get a "Referenced by" line, and the
page an entity diagram when the site renders Mermaid (``diagram``).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import quote

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.utils import get_relative_url

from ..core.entities import (
    WIKI_LINK,
    Catalog,
    Entity,
    is_relationships_label,
    relationship_name,
)
from .diagram import add_diagram
from .page import PageContext
from .tree import HEADINGS, code_span_text, inline_html_as_text

if TYPE_CHECKING:
    from markdown.treeprocessors import InlineProcessor as InlineTreeprocessor

REF_ATTRIBUTE = "data-spec-ref"  # marks a [[Name]] until the treeprocessor resolves it
_NO_LINKS = HEADINGS | {"a", "pre", "code"}  # nothing inside these is ever rewritten
_UNMARKED_IN = HEADINGS | {"a"}  # a [[Name]] in these stays as written
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*[-*+][ \t]+$")
_Headings = dict[str, tuple[etree.Element, etree.Element]]  # id -> (parent, heading)


class ReferenceInlineProcessor(InlineProcessor):
    """``[[Name]]`` / ``[[Name|text]]`` on a spec page, marked for the treeprocessor."""

    def __init__(self, md: Markdown, context: Callable[[], PageContext | None]) -> None:
        super().__init__(WIKI_LINK.pattern, md)
        self.context = context

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        page = self.context()
        # Not ANCESTOR_EXCLUDES: Python-Markdown would test those before every text of every
        # page, where a match is rare.
        inside = cast("InlineTreeprocessor", self.md.treeprocessors["inline"]).ancestors
        if page is None or page.links is None or not _UNMARKED_IN.isdisjoint(inside):
            return None, None, None  # left as written
        element = etree.Element("span", {REF_ATTRIBUTE: " ".join(m.group(1).split())})
        element.text = AtomicString((m.group(2) or m.group(1)).strip())
        return element, m.start(0), m.end(0)


class EntityLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, context: Callable[[], PageContext | None]) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        page = self.context()
        if page is None or page.links is None:
            return
        links, path = page.links, page.spec.path
        scan = _scan(root)
        linked: set[etree.Element] = set()  # code spans that end up inside a relationship link
        for parent, strong in scan.entries:
            # Raw HTML as written, as the catalogue read it from the source.
            name = relationship_name(inline_html_as_text(self.md, "".join(strong.itertext())))
            if name and not any(e.get(REF_ATTRIBUTE) is not None for e in strong.iter()):
                _wrap(parent, strong, _link(links.catalog.find(name), name, path, links.catalog))
                linked.update(strong.iter("code"))
        for parent, element, blocked in scan.candidates:
            name = element.get(REF_ATTRIBUTE)
            if name is None:  # a code span: a link only if it names an entity exactly
                if element in linked:
                    continue  # no link inside a link
                text = code_span_text(self.md, element) if links.autolink_code else None
                entity = links.catalog.named(text.strip()) if text else None
                if entity:
                    _wrap(parent, element, _link(entity, entity.name, path, links.catalog))
            elif blocked:
                _unwrap(parent, element)
            else:
                del element.attrib[REF_ATTRIBUTE]
                link = _link(links.catalog.find(name), name, path, links.catalog)
                element.tag, element.attrib = link.tag, link.attrib
        _add_backlinks(scan.headings, links.catalog, path)
        if links.mermaid is not None:
            add_diagram(self.md, scan.headings, links.catalog, links.mermaid, path)


def _href(entity: Entity, page_path: str) -> str:
    if entity.path == page_path:
        return f"#{entity.anchor}"
    return f"{quote(get_relative_url(entity.path, page_path))}#{entity.anchor}"


def _link(entity: Entity | None, name: str, page_path: str, catalog: Catalog) -> etree.Element:
    """An empty link to ``entity``, or a marked span when ``name`` names no entity."""
    if entity is None:
        return etree.Element(
            "span",
            {"class": "spec-ref spec-ref--unresolved", "title": f"No entity is named {name}"},
        )
    title = f"{entity.name} ({entity.kind.value}, {catalog.title(entity.path)})"
    return etree.Element(
        "a", {"href": _href(entity, page_path), "class": "spec-ref", "title": title}
    )


def _wrap(parent: etree.Element, child: etree.Element, wrapper: etree.Element) -> None:
    index = list(parent).index(child)
    wrapper.tail, child.tail = child.tail, None
    parent.remove(child)
    wrapper.append(child)
    parent.insert(index, wrapper)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace a marked ``[[Name]]`` that may not be a link by its text."""
    index = list(parent).index(child)
    text = (child.text or "") + (child.tail or "")
    if index:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


@dataclass
class _PageScan:
    """What linking entities needs from a page's tree."""

    headings: _Headings = field(default_factory=dict)
    # (parent, strong) of each ``- **Name**: ...`` entry that follows a Relationships label.
    entries: list[tuple[etree.Element, etree.Element]] = field(default_factory=list)
    # (parent, element, blocked) of marked references and of code spans where links may go.
    candidates: list[tuple[etree.Element, etree.Element, bool]] = field(default_factory=list)


def _scan(root: etree.Element) -> _PageScan:
    """Everything the links need, in one walk of the tree: parents in document order."""
    scan = _PageScan()
    blocked: set[etree.Element] = set()  # inside (or being) an element that takes no links
    for parent in root.iter():
        inside = parent in blocked
        for child in parent:
            tag = child.tag
            if inside or tag in _NO_LINKS:
                blocked.add(child)
            if tag in HEADINGS:
                scan.headings[child.get("id", "")] = (parent, child)
            # Most elements are not a label: a cheap look before the full test.
            elif tag == "p" and len(child) and _is_relationships_label(child):
                scan.entries += _relationship_entries(parent, child)
            if child.get(REF_ATTRIBUTE) is not None or (tag == "code" and not inside):
                scan.candidates.append((parent, child, inside))
    return scan


def _is_relationships_label(element: etree.Element) -> bool:
    """Whether a paragraph with inline elements opens with ``**Relationships**:`` (or
    ``**Relationships:**``)."""
    if (element.text or "").strip():
        return False
    strong = element[0]
    first_line = (strong.tail or "").split("\n", 1)[0]
    return strong.tag == "strong" and is_relationships_label("".join(strong.itertext()), first_line)


def _relationship_entries(
    parent: etree.Element, label: etree.Element
) -> list[tuple[etree.Element, etree.Element]]:
    """(parent, strong) of each entry under the Relationships ``label``, a child of ``parent``."""
    # Python-Markdown needs a blank line before a list: without one, the entries are lines of
    # the label's own paragraph.
    entries = [
        (label, strong)
        for previous, strong in itertools.pairwise(label)
        if strong.tag == "strong" and _BULLET_BEFORE.search(previous.tail or "")
    ]
    children = list(parent)
    index = children.index(label)
    following = children[index + 1] if index + 1 < len(children) else None
    if following is None or following.tag not in ("ul", "ol"):
        return entries
    for item in following:
        loose = len(item) and item[0].tag == "p" and not (item.text or "").strip()
        holder = item[0] if loose else item
        if len(holder) and holder[0].tag == "strong" and not (holder.text or "").strip():
            entries.append((holder, holder[0]))
    return entries


def _add_backlinks(headings: _Headings, catalog: Catalog, path: str) -> None:
    """A "Referenced by" line under each definition that other specs refer to."""
    for entity in catalog.defined_in(path):
        referrers = catalog.referrers(entity)
        place = headings.get(entity.anchor) if referrers else None
        if place is None:
            continue
        parent, heading = place
        # Elements, not HTML: MkDocs resolves these links like all others on the page.
        line = etree.Element("p", {"class": "spec-backlinks"})
        line.text, line.tail = "Referenced by: ", "\n"
        for index, referrer in enumerate(referrers):
            link = etree.SubElement(line, "a", {"href": quote(get_relative_url(referrer, path))})
            link.text = catalog.title(referrer)
            link.tail = ", " if index < len(referrers) - 1 else None
        parent.insert(list(parent).index(heading) + 1, line)
