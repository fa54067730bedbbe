"""The entity catalogue: definitions, anchors, references and their diagnostics (no MkDocs)."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from conftest import filled_spec, real_spec_paths

from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.document import parse_document
from mkdocs_specs.core.entities import (
    CatalogOptions,
    EntityKind,
    ReferenceKind,
    link_catalog,
    read_entities,
)
from mkdocs_specs.core.inline import heading_text
from mkdocs_specs.core.names import heading_name
from mkdocs_specs.core.scanner import scan
from mkdocs_specs.core.template import load_template
from mkdocs_specs.plugin.anchors import TocIds
from mkdocs_specs.render import specs_json

TRICKY_HEADINGS = [
    "Order", "Order", "Order_1", "`orders`", "order_items", "_Order_ item",
    "**Bold** *em* ***both***", "Event: `order-created`", "GET /api/orders/{id}",
    "POST /api/v1/orders?x=1", "[Link](http://x.com) text", "![img](a.png) Img",
    "Q&A &amp; &copy; stuff", "List<Item> of `List<T>`", "a < b > c",
    "esc \\_under\\_ and \\*star\\*", "Title {#custom-id}", "Other {: #oid .cls }", "",
    "123", "Ünïcödé Nàme", "Mixed `code_with_underscores_` and _em_", "snake_case_name_",
    "__init__ method", "<span>html</span> text", "<https://example.com/x> auto",
    "3. Data Models", "📦 Order", "`` code with ` tick ``", "foo*bar*baz", "a_b_c", "_a_b_",
    "[[Order]] ref", "[[Order|shown]] ref", "x\\`y`z`", "custom-id", "a \\> b", "Page\\<T\\>",
    "Page<T>",
]  # fmt: skip


def heading_ids(
    headings: list[str], attr_list: bool = False, ids: TocIds | None = None
) -> list[str]:
    """The ids the plugin predicts for headings written as ``headings``."""
    return (ids or TocIds())([heading_text(heading, attr_list) for heading in headings])


def toc_ids(text: str, extensions: list[str], **toc: object) -> list[str]:
    """The ids Python-Markdown's toc really gives the headings of ``text``, in order."""
    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": toc})
    md.convert(text)

    def flatten(tokens: list[dict]) -> list[str]:
        return [i for t in tokens for i in [t["id"], *flatten(t["children"])]]

    return flatten(md.toc_tokens)


@pytest.mark.parametrize("attr_list", [False, True])
def test_heading_ids_are_the_ids_toc_gives(attr_list: bool) -> None:
    text = "\n\n".join(f"## {heading}" for heading in TRICKY_HEADINGS)
    extensions = ["toc", "attr_list"] if attr_list else ["toc"]
    assert heading_ids(TRICKY_HEADINGS, attr_list) == toc_ids(text, extensions)


def test_heading_text_is_the_text_toc_gives() -> None:
    # Entity names are this text: what the page shows, escapes and tags as rendered.
    md = markdown.Markdown(extensions=["toc"])
    md.convert("\n\n".join(f"## {heading}" for heading in TRICKY_HEADINGS))
    shown = [html.unescape(token["name"]) for token in md.toc_tokens]
    assert [heading_text(heading).text for heading in TRICKY_HEADINGS] == shown


def test_heading_ids_use_the_sites_slugify_and_separator() -> None:
    def slugify(value: str, separator: str) -> str:
        return separator.join(value.upper().split())

    headings = ["Order Item", "Order Item", "`GET /x`"]
    text = "\n\n".join(f"## {heading}" for heading in headings)
    ids = TocIds(slugify=slugify, separator="_")
    expected = toc_ids(text, ["toc"], slugify=slugify, separator="_")
    assert heading_ids(headings, ids=ids) == expected == ["ORDER_ITEM", "ORDER_ITEM_1", "GET_/X"]


@pytest.mark.parametrize("path", real_spec_paths(), ids=lambda p: p.name[:40])
def test_heading_ids_match_toc_on_real_specs(path) -> None:
    text = path.read_text(encoding="utf-8")
    headings = [heading.text for heading in scan(text).headings]
    extensions = ["toc", "attr_list", "tables", "fenced_code", "meta"]
    assert heading_ids(headings, attr_list=True) == toc_ids(text, extensions)


SPEC_A = """\
# Specification: Orders

## API Specification

##### GET /api/orders/{id}
Returns one `Order`.

##### Event: `order.created`
Sent when an [[Order]] is created.

## Data Models

### 1. Order
**Relationships**:
- **OrderLine**: one-to-many lines
- **[RelatedEntity]**: placeholder, not a reference

### 📦 OrderLine

### Database Schema

#### orders

#### [Table Name]

## Overview
### [Entity Name]
"""

SPEC_B = """\
# Specification: Billing

## Data Models

### Invoice
Bills an [[Order|order]] via `GET /api/orders/{id}`; not `order` nor `invoice` in a
[link to `Order`](other.md), and \\[[Order]] is escaped.

**Relationships**:

- **Order**: belongs to
  - **NotAnEntry**: nested detail
- **Ordr**: a typo

```
[[Order]] `Order`
```

### Order
Defined again.

See [[Missing]] and `order.created`.
"""


def catalog_of(*texts: str, autolink: bool = True):
    options = CatalogOptions(autolink_code=autolink, heading_ids=TocIds())
    documents = [parse_document(text, f"specs/{i}.md") for i, text in enumerate(texts)]
    return link_catalog([read_entities(document, options) for document in documents])


def test_entities_of_every_kind_with_their_anchors() -> None:
    catalog = catalog_of(SPEC_A)
    found = [(e.name, e.kind, e.line, e.anchor) for e in catalog.entities]
    assert found == [
        ("GET /api/orders/{id}", EntityKind.ENDPOINT, 5, "get-apiordersid"),
        ("order.created", EntityKind.EVENT, 8, "event-ordercreated"),
        ("Order", EntityKind.MODEL, 13, "1-order"),
        ("OrderLine", EntityKind.MODEL, 18, "orderline"),
        ("orders", EntityKind.TABLE, 22, "orders"),
    ]
    assert catalog.titles == {"specs/0.md": "Specification: Orders"}


@pytest.mark.parametrize("ids", [TocIds(), None])
def test_entities_are_the_same_without_anchors_headings_written_with_references_too(ids) -> None:
    # `check` reads no anchors, and so reads only the headings that may be entities'.
    text = SPEC_A + "\n### GET &#47;refunds\n\nText.\n\n### Event&#58; refund.paid\n\nText.\n"
    entities = read_entities(parse_document(text, "specs/0.md"), CatalogOptions(heading_ids=ids))
    found = [(e.name, e.kind, e.line, e.end_line) for e in entities.entities]
    assert found == [
        ("GET /api/orders/{id}", EntityKind.ENDPOINT, 5, 7),
        ("order.created", EntityKind.EVENT, 8, 10),
        ("Order", EntityKind.MODEL, 13, 17),
        ("OrderLine", EntityKind.MODEL, 18, 19),
        ("orders", EntityKind.TABLE, 22, 23),
        ("GET /refunds", EntityKind.ENDPOINT, 29, 32),
        ("refund.paid", EntityKind.EVENT, 33, 35),
    ]


@pytest.mark.parametrize(
    "heading", ["Order", "2. Order", "📦 Order", "2. 📦 Order", "📦 2. Order", "2.1 Order 📦"]
)
def test_numbering_and_emoji_around_a_heading_are_no_part_of_its_name(heading: str) -> None:
    assert heading_name(heading) == "Order"


def test_references_in_prose_relationships_and_code_spans() -> None:
    catalog = catalog_of(SPEC_A, SPEC_B)
    refs = [
        (r.path, r.line, r.column, r.kind, r.name, r.target)
        for r in catalog.references
        if r.path == "specs/1.md"
    ]
    assert refs == [
        ("specs/1.md", 6, 10, ReferenceKind.LINK, "Order", "Order"),
        ("specs/1.md", 6, 30, ReferenceKind.CODE, "GET /api/orders/{id}", "GET /api/orders/{id}"),
        ("specs/1.md", 11, 5, ReferenceKind.RELATIONSHIP, "Order", "Order"),
        ("specs/1.md", 13, 5, ReferenceKind.RELATIONSHIP, "Ordr", None),
        ("specs/1.md", 22, 5, ReferenceKind.LINK, "Missing", None),
        ("specs/1.md", 22, 21, ReferenceKind.CODE, "order.created", "order.created"),
    ]
    invoice = catalog.find("invoice")  # case-insensitive when unambiguous
    assert invoice is not None and invoice.name == "Invoice"
    order = catalog.named("Order")
    assert order is not None and order.path == "specs/0.md"
    assert catalog.referrers(order) == ["specs/1.md"]
    # In its own spec, the relationship's source is the entity whose section holds it.
    own = [r for r in catalog.references if r.path == "specs/0.md"]
    assert [(r.name, r.source, r.text) for r in own if r.kind is ReferenceKind.RELATIONSHIP] == [
        ("OrderLine", "Order", "one-to-many lines")
    ]


def test_autolink_off_keeps_only_explicit_references() -> None:
    # `check` reads so: only the references a problem may be found in.
    code = "# Specification: Code\n\nNot `[[Order]]` in code, but [[Order]] and `x`.\n"
    on = catalog_of(SPEC_A, SPEC_B, code)
    off = catalog_of(SPEC_A, SPEC_B, code, autolink=False)
    assert off.references == tuple(r for r in on.references if r.kind is not ReferenceKind.CODE)
    assert [(r.line, r.column, r.kind) for r in off.references if r.path == "specs/2.md"] == [
        (3, 30, ReferenceKind.LINK)
    ]
    assert off.diagnostics == on.diagnostics


def test_duplicate_and_unresolved_diagnostics_name_exact_places() -> None:
    catalog = catalog_of(SPEC_A, SPEC_B)
    found = [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in catalog.diagnostics]
    assert found == [
        (
            "specs/1.md", 13, 5, "unresolved-reference",
            'Relationships entry "Ordr" names no known entity',
            'Did you mean "Order", "orders" or "OrderLine"?',
        ),
        (
            "specs/1.md", 19, 5, "duplicate-entity",
            'Entity "Order" is already defined at specs/0.md:13',
            'Rename one of them, or refer to the first one with "[[Order]]".',
        ),
        (
            "specs/1.md", 22, 5, "unresolved-reference",
            '"[[Missing]]" names no known entity',
            "Name an entity that some spec defines (a data model, table, endpoint or event).",
        ),
    ]  # fmt: skip


def test_check_sources_merges_entity_problems_into_each_spec() -> None:
    template = load_template()
    orders = filled_spec("Orders")
    # Payments comes after Orders (by path): its definition is the second one.
    billing = filled_spec("Payments").replace("PaymentsRecord", "OrdersRecord")
    billing += "\nSee [[OrdersRecrd]].\n"
    report = check_sources(
        [Source("specs/payments.md", billing), Source("specs/orders.md", orders)], template
    )
    assert report.spec("specs/orders.md").diagnostics == ()
    problems = report.spec("specs/payments.md").diagnostics
    lines = billing.splitlines()
    duplicate = next(i for i, line in enumerate(lines, 1) if line == "### OrdersRecord")
    assert [(d.line, d.code) for d in problems] == [
        (duplicate, "duplicate-entity"),
        (len(lines), "unresolved-reference"),
    ]
    assert 'Did you mean "OrdersRecord", ' in problems[1].format()
    assert [e.name for e in report.catalog.defined_in("specs/orders.md")][-2:] == [
        "OrdersRecord",
        "orders_records",
    ]


def test_filled_specs_define_their_own_entities_and_resolve() -> None:
    report = check_sources(
        [Source(f"specs/{n}.md", filled_spec(n)) for n in ("Orders", "Payments")],
        load_template(),
        catalog_options=CatalogOptions(heading_ids=TocIds()),
    )
    assert report.diagnostics == []
    kinds = {e.kind for e in report.catalog.entities}
    assert kinds == set(EntityKind)
    assert all(re.fullmatch(r"[\w-]+", e.anchor) for e in report.catalog.entities)


def test_json_shapes_for_specs_json() -> None:
    catalog = catalog_of(SPEC_A, SPEC_B)

    def url(path: str) -> str:
        return path.replace(".md", "/")

    entities = specs_json.entities(catalog, url)
    assert list(entities) == sorted(entities)
    assert entities["Order"] == {
        "spec": "specs/0.md",
        "url": "specs/0/#1-order",
        "referenced_by": ["specs/1.md"],
    }
    billing = specs_json.catalogued(catalog, "specs/1.md", url)
    assert billing["entities"] == [{"name": "Invoice", "kind": "model", "url": "specs/1/#invoice"}]
    assert billing["references"][0] == {"name": "Order", "entity": "Order", "line": 6, "column": 10}
    assert {"name": "Missing", "entity": None, "line": 22, "column": 5} in billing["references"]
