"""The status badge and the metadata card on a spec page's element tree.

The ``**Key**: value`` lines under the title (or ``Key: value``, as Nygard's ``Date:`` and the
Rust RFCs' ``- Feature Name:`` bullets) render as one run-on paragraph (or a list, or a table);
the card replaces those blocks with a ``<dl class="spec-card">``. It works on the tree, after
inline processing: values keep their markup (links, code), and MkDocs still resolves the links
in them. A block is taken only when every line of it is a field the spec was read to have, and
one of them is a field of the template, so prose under the title is never swallowed.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.inline import value_text
from ..core.names import field_key
from ..render.header import Badge, HeaderField, badge, has_badge, header_fields
from ..render.jinja import render
from .override_errors import one_line
from .page import PageContext
from .tree import HEADINGS, inline_html_as_text, stashed_block

Node = str | etree.Element


@dataclass
class Entry:
    """One row of the card: a field and its value as rendered (or, if not on the page, text)."""

    field: HeaderField
    value: list[Node]


class SpecHeaderTreeprocessor(Treeprocessor):
    def __init__(
        self,
        md: Markdown,
        context: Callable[[], PageContext | None],
        badges: dict[Badge, str],
    ) -> None:
        super().__init__(md)
        self.context = context
        self.badges = badges  # HTML by badge, shared by the pages of a build: a site has a few

    @one_line
    def run(self, root: etree.Element) -> None:
        page = self.context()
        if page is None or page.template is None:
            return
        fields = header_fields(page.spec, page.template)
        template_keys = {field.key for field in page.template.fields}
        title = next((child for child in root if child.tag == "h1"), None)

        entries: list[Entry] = []
        aliases = page.template.field_aliases
        for block in _header_region(root, title):
            rows = [
                (aliases.get(field_key(key), field_key(key)), value)
                for key, value in _field_rows(block)
            ]
            keys = {key for key, _ in rows}
            if rows and keys <= fields.keys() and keys & template_keys:
                entries += [Entry(fields[key], value) for key, value in rows]
                root.remove(block)
        # Template fields the page does not show under the title: front matter, a
        # "Document Information" section further down.
        shown = {entry.field.key for entry in entries}
        entries += [
            Entry(fields[spec.key], [value_text(fields[spec.key].value)])
            for spec in page.template.fields
            if spec.key in fields and spec.key not in shown and fields[spec.key].value
        ]

        start = list(root).index(title) + 1 if title is not None else 0
        if entries:
            card = _card(entries)
            self._defuse(card)
            root.insert(start, card)
        if page.relations:
            root.insert(start, stashed_block(self.md, _relations_html(page)))
        html = self._badge_html(page) if has_badge(page.spec, page.template) else ""
        if page.spec.review_overdue:
            html += render("review_due.html", page.templates_dir, spec=page.spec)
        if not html:
            return
        placeholder = self.md.htmlStash.store(html)
        # As the title's tail, the badge is the very next thing after it (or the first thing).
        if title is not None:
            title.tail = "\n" + placeholder + "\n" + (title.tail or "").lstrip("\n")
        else:
            root.text = placeholder + "\n" + (root.text or "")

    def _badge_html(self, page: PageContext) -> str:
        status = badge(page.spec, page.statuses)
        html = self.badges.get(status)
        if html is None:
            html = self.badges[status] = render("badge.html", page.templates_dir, badge=status)
        return html

    def _defuse(self, card: etree.Element) -> None:
        """Raw HTML tags in header values show as text: the card is made by the plugin, so
        it escapes what it takes from specs. Entities stay, comments go."""
        for element in card.iter():
            if element.text:
                element.text = inline_html_as_text(self.md, element.text)
            if element.tail and element is not card:
                element.tail = inline_html_as_text(self.md, element.tail)


@dataclass(frozen=True)
class _Shown:
    kind: str
    label: str
    href: str
    title: str


def _relations_html(page: PageContext) -> str:
    shown = [
        _Shown(
            relation.kind,
            relation.kind.replace("-", " ").capitalize(),
            page.href(relation.path),
            relation.title,
        )
        for relation in page.relations
    ]
    successors = [r for r in shown if r.kind == "superseded-by"]
    return render(
        "relations.html",
        page.templates_dir,
        relations=shown,
        successors=successors,
        successor=successors[0] if successors else None,  # as overrides written before read it
    )


def _header_region(root: etree.Element, title: etree.Element | None) -> list[etree.Element]:
    """The blocks above the first section: those under the title, and those above it where
    a doc puts its fields first (the Rust RFCs' bullets, then `# Title`)."""
    region = []
    for child in root:
        if child is title:
            continue
        if child.tag in HEADINGS:
            break
        region.append(child)
    return region


def _field_rows(block: etree.Element) -> list[tuple[str, list[Node]]]:
    """``(key, value)`` for each line of ``block`` if every line is a field with a value."""
    if block.tag == "p":
        lines = list(_lines(block))
    elif block.tag in ("ul", "ol"):
        lines = [_item_nodes(item) for item in block if item.tag == "li"]
    elif block.tag == "table":
        return _table_rows(block)
    else:
        return []
    rows = [_field(line) for line in lines if _visible(line)]
    return [row for row in rows if row is not None] if all(rows) else []


def _children_nodes(element: etree.Element, skip: int = 0) -> Iterator[Node]:
    """An element's content as text and child elements (after the first ``skip``), tails too."""
    if element.text and not skip:
        yield element.text
    for child in list(element)[skip:]:
        yield child
        if child.tail:
            yield child.tail


def _lines(paragraph: etree.Element) -> Iterator[list[Node]]:
    """A paragraph's lines: split at ``<br>`` and at newlines of its own text."""
    line: list[Node] = []
    for node in _children_nodes(paragraph):
        if isinstance(node, str):
            first, *rest = node.split("\n")
            line.append(first)
            for part in rest:
                yield line
                line = [part]
        elif node.tag == "br":
            yield line
            line = []
        else:
            line.append(node)
    yield line


def _item_nodes(item: etree.Element) -> list[Node]:
    """A list item's content; a loose item's first paragraph counts as the item's text."""
    if len(item) and item[0].tag == "p" and not (item.text or "").strip():
        return [*_children_nodes(item[0]), *_children_nodes(item, skip=1)]
    return list(_children_nodes(item))


def _table_rows(table: etree.Element) -> list[tuple[str, list[Node]]]:
    """A two-column ``| **Key** | value |`` table; a plain header row (``Field | Value``) aside."""
    rows = []
    for row in table.iter("tr"):
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        key_cell = cells[0] if len(cells) == 2 else None
        is_key = (
            key_cell is not None
            and len(key_cell) == 1
            and key_cell[0].tag in ("strong", "b")
            and not (key_cell.text or "").strip()
            and not (key_cell[0].tail or "").strip()
        )
        if not is_key:
            if row.find("td") is None:  # the header row of column names
                continue
            return []
        assert key_cell is not None  # is_key says so
        value = list(_children_nodes(cells[1]))
        if not _visible(value):
            return []
        rows.append(("".join(key_cell.itertext()).strip().rstrip(":"), value))
    return rows


def _visible(nodes: list[Node]) -> bool:
    return any(not isinstance(node, str) or node.strip() for node in nodes)


def _field(line: list[Node]) -> tuple[str, list[Node]] | None:
    """``**Key**: value``, ``**Key:** value`` or ``Key: value`` as a key and the value's nodes
    (a plain key is only a candidate: the caller takes it if the spec has that field)."""
    nodes = list(line)
    while nodes and isinstance(nodes[0], str) and not nodes[0].strip():
        nodes.pop(0)
    if not nodes:
        return None
    first = nodes.pop(0)
    if isinstance(first, str):
        key, colon, rest = first.partition(":")
        if not colon or not key.strip() or "\n" in key:
            return None
        return _value(key.strip(), [rest, *nodes])
    if first.tag not in ("strong", "b"):
        return None
    key = "".join(first.itertext()).strip()
    if key.endswith(":"):
        key = key[:-1].strip()
    elif nodes and isinstance(nodes[0], str) and nodes[0].lstrip().startswith(":"):
        nodes[0] = nodes[0].lstrip()[1:]
    else:
        return None
    return _value(key, nodes)


def _value(key: str, nodes: list[Node]) -> tuple[str, list[Node]] | None:
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return (key, nodes) if key and _visible(nodes) else None


def _card(entries: list[Entry]) -> etree.Element:
    card = etree.Element("dl", {"class": "spec-card"})
    card.text = card.tail = "\n"
    for entry in entries:
        term = etree.SubElement(card, "dt", {"data-spec-field": entry.field.key})
        term.text, term.tail = entry.field.label, "\n"
        value = etree.SubElement(card, "dd", {"data-spec-field": entry.field.key})
        value.tail = "\n"
        if entry.field.date:
            time = etree.SubElement(value, "time", {"datetime": entry.field.date})
            time.text = entry.field.date
        else:
            _fill(value, entry.value)
    return card


def _fill(parent: etree.Element, nodes: list[Node]) -> None:
    """Move ``nodes`` (text and elements from the page) into ``parent``."""
    last: etree.Element | None = None
    for node in nodes:
        if isinstance(node, str):
            if last is None:
                parent.text = (parent.text or "") + node
            else:
                last.tail = (last.tail or "") + node
        else:
            node.tail = None
            parent.append(node)
            last = node
