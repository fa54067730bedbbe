"""Entity links, backlinks and diagrams in real `mkdocs build` runs of a three-spec site.

Orders defines entities; Billing refers to them in all three ways (``[[Name]]``, a
Relationships entry, a code span) and defines its own; Payments refers to Billing's.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import Site, filled_spec, specs
from htmltree import content, parse

ORDERS = filled_spec("Orders")  # OrdersRecord, orders_records, GET /api/orders, orders-changed

BILLING = filled_spec("Billing").replace(
    "- **BillingRecord**: Relationship type and description",
    "- **OrdersRecord**: each bill belongs to one order",
) + (
    "\n\n## Notes\n\n"
    "A bill covers one [[OrdersRecord]], stored in [[orders_records|the orders table]] and\n"
    "read with `GET /api/orders`; `ordersrecord` is not a name.\n\n"
    "### Using `OrdersRecord` and [[OrdersRecord]]\n\n"
    "```text\n[[OrdersRecord]] `OrdersRecord`\n```\n\n"
    "See [the `OrdersRecord` model](core/orders.md) and [read [[OrdersRecord]]](core/orders.md).\n"
)

# A blank line before the Relationships list: a list of its own, not lines of the label's paragraph.
PAYMENTS = filled_spec("Payments").replace(
    "**Relationships**:\n- **PaymentsRecord**",
    "**Relationships**:\n\n- **BillingRecord**: settles bills\n- **PaymentsRecord**",
) + ("\n\n## Notes\n\nSettles a [[BillingRecord]] (`billing_records`).\n")

PAGES = {"specs/core/orders.md": ORDERS, "specs/billing.md": BILLING, "specs/payments.md": PAYMENTS}

MERMAID = """
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


class Page(HTMLParser):
    """Ids, links and code blocks of a built page, read with the standard library's parser."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[dict] = []  # attrs, text, tags inside, tags around
        self.pre: list[str] = []
        self.stack: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"])
        for link in self.links:
            if link["open"]:
                link["inner"].append(tag)
        if tag == "a":
            self.links.append(
                {"attrs": found, "text": "", "inner": [], "outer": list(self.stack), "open": True}
            )
        if tag == "pre":
            self.pre.append("")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            next(link for link in reversed(self.links) if link["open"])["open"] = False
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        for link in self.links:
            if link["open"]:
                link["text"] += data
        if "pre" in self.stack:
            self.pre[-1] += data

    def refs(self) -> list[dict]:
        return [link for link in self.links if "spec-ref" in link["attrs"].get("class", "")]


def build_site(root: Path, *, directory_urls: bool, mermaid: bool, theme: str) -> Site:
    site = Site(root)
    for relative, text in {"index.md": "# Home\n", **PAGES}.items():
        site.write(relative, text)
    config = {
        "site_name": "Specs",
        "theme": {"name": theme},
        "use_directory_urls": directory_urls,
        "validation": {"anchors": "warn"},
        "plugins": ["search", "specs"],
    }
    text = yaml.safe_dump(config) + (MERMAID if mermaid else "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    site.build_in_process(strict=True)  # raises on any warning (anchors and links included)
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Site]:
    """The same specs under both URL styles: Material with Mermaid, MkDocs' theme without."""
    return {
        "directory": build_site(
            tmp_path_factory.mktemp("dir"), directory_urls=True, mermaid=True, theme="material"
        ),
        "files": build_site(
            tmp_path_factory.mktemp("files"), directory_urls=False, mermaid=False, theme="mkdocs"
        ),
    }


def output(src: str, directory_urls: bool) -> str:
    stem = src[: -len(".md")]
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def target(site: Site, page: str, href: str) -> tuple[str, str]:
    """The built file a relative ``href`` on ``page`` lands on, and its anchor."""
    path, _, anchor = href.partition("#")
    if not path:
        return page, anchor
    assert not path.startswith(("/", "http")), href
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/"):
        resolved += "/index.html"
    assert (site.site_dir / resolved).is_file(), f"{href} on {page}: no {resolved}"
    return resolved, anchor


@pytest.mark.parametrize("style", ["directory", "files"])
def test_references_link_to_existing_definition_anchors(sites, style: str) -> None:
    site, directory_urls = sites[style], style == "directory"
    page = output("specs/billing.md", directory_urls)
    orders = output("specs/core/orders.md", directory_urls)
    landing = {}
    for ref in Page(site.html(page)).refs():
        file, anchor = target(site, page, ref["attrs"]["href"])
        assert anchor in Page(site.html(file)).ids, ref
        landing.setdefault((ref["text"].strip(), *ref["inner"]), (file, anchor))
    # All three ways, each to the definition heading in the other spec.
    assert landing == {
        ("OrdersRecord", "strong"): (orders, "ordersrecord"),  # Relationships entry
        ("OrdersRecord",): (orders, "ordersrecord"),  # [[OrdersRecord]]
        ("the orders table",): (orders, "orders_records"),  # [[orders_records|...]]
        ("GET /api/orders", "code"): (orders, "get-apiorders"),  # `GET /api/orders`
    }
    # Payments links to Billing's entities the same way.
    payments = output("specs/payments.md", directory_urls)
    billing_refs = {
        (r["text"], *r["inner"]): target(site, payments, r["attrs"]["href"])
        for r in Page(site.html(payments)).refs()
    }
    assert billing_refs[("BillingRecord", "strong")] == (page, "billingrecord")
    assert billing_refs[("BillingRecord",)] == (page, "billingrecord")
    assert billing_refs[("billing_records", "code")] == (page, "billing_records")
    assert billing_refs[("PaymentsRecord", "strong")] == (payments, "paymentsrecord")


@pytest.mark.parametrize("style", ["directory", "files"])
def test_nothing_is_linked_in_code_blocks_headings_or_existing_links(sites, style) -> None:
    site = sites[style]
    parsed = Page(site.html(output("specs/billing.md", style == "directory")))
    for ref in parsed.refs():
        assert not {"pre", "h1", "h2", "h3", "h4", "h5", "h6", "a"} & set(ref["outer"]), ref
    assert any("[[OrdersRecord]] `OrdersRecord`" in block for block in parsed.pre)
    existing = [
        link
        for link in parsed.links
        if link["text"].startswith(("the ", "read ")) and link not in parsed.refs()
    ]
    assert [link["text"] for link in existing] == ["the OrdersRecord model", "read OrdersRecord"]
    assert all("spec-ref" not in link["inner"] and "a" not in link["inner"] for link in existing)
    assert not any(ref["text"] == "ordersrecord" for ref in parsed.refs())


@pytest.mark.parametrize("style", ["directory", "files"])
def test_definitions_list_the_specs_that_refer_to_them(sites, style: str) -> None:
    site, directory_urls = sites[style], style == "directory"
    orders = output("specs/core/orders.md", directory_urls)
    html = site.html(orders)
    for anchor in ("ordersrecord", "orders_records", "get-apiorders"):
        heading_end = html.index("</h", html.index(f'id="{anchor}"'))
        after = html[html.index(">", heading_end) + 1 :].lstrip()
        assert after.startswith('<p class="spec-backlinks">Referenced by: <a href="'), anchor
    referring = {
        target(site, orders, link["attrs"]["href"])[0]
        for link in Page(html).links
        if link["text"] == "Specification: Billing"
    }
    assert referring == {output("specs/billing.md", directory_urls)}
    # Nobody refers to the event: it has no backlinks line; Payments refers to Billing.
    assert html.count('class="spec-backlinks"') == 3
    billing = site.html(output("specs/billing.md", directory_urls))
    assert "Referenced by: <a" in billing and "Specification: Payments</a>" in billing


@pytest.mark.parametrize("style", ["directory", "files"])
def test_the_index_lists_each_entity_with_its_definition_and_referrers(sites, style) -> None:
    site, directory_urls = sites[style], style == "directory"
    index = "specs/index.html"
    table = content(parse(site.html(index))).find("h2", id="entities").next_element()
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        name, kind, spec, referrers = row.find_all("td")
        landing = target(site, index, name.find("a").attrs["href"])
        assert landing[1] and landing[1] in Page(site.html(landing[0])).ids  # the definition
        rows[name.text] = (
            kind.text,
            landing[0],
            [
                target(site, index, a.attrs["href"])[0]
                for a in [*spec.find_all("a"), *referrers.find_all("a")]
            ],
        )
    orders = output("specs/core/orders.md", directory_urls)
    billing = output("specs/billing.md", directory_urls)
    payments = output("specs/payments.md", directory_urls)
    assert rows["OrdersRecord"] == ("model", orders, [orders, billing])
    assert rows["orders_records"] == ("table", orders, [orders, billing])
    assert rows["GET /api/orders"] == ("endpoint", orders, [orders, billing])
    assert rows["BillingRecord"] == ("model", billing, [billing, payments])
    assert rows["orders-changed"] == ("event", orders, [orders])  # nobody refers to it
    assert list(rows) == sorted(rows, key=str.casefold)


def test_mermaid_diagram_only_when_the_site_has_a_mermaid_fence(sites) -> None:
    html = sites["directory"].html("specs/billing/index.html")
    assert html.count('<pre class="mermaid"><code>classDiagram') == 1
    diagram = html[html.index("classDiagram") : html.index("</code>", html.index("classDiagram"))]
    assert 'class e3["BillingRecord"]' in diagram and "&lt;&lt;model&gt;&gt; e3" in diagram
    assert 'class e5["OrdersRecord"]' in diagram
    assert "e3 --&gt; e5 : each bill belongs to one order" in diagram
    assert html.index("classDiagram") < html.index('id="billingrecord"')
    assert "mermaid" not in sites["files"].html("specs/billing.html")


# Shipping (after specs/core/ by path) defines OrdersRecord again, and misspells a reference.
BROKEN = filled_spec("Shipping").replace("ShippingRecord", "OrdersRecord") + (
    "\n\n## Notes\n\nSee [[OrdersRecrd]] and `GET /api/orders`, or [[OrdersRecord]].\n"
)


def test_unknown_reference_and_duplicate_entity_are_reported_with_exact_lines(make_site) -> None:
    lines = BROKEN.splitlines()
    unknown = next(n for n, line in enumerate(lines, 1) if "[[OrdersRecrd]]" in line)
    duplicate = next(n for n, line in enumerate(lines, 1) if line == "### OrdersRecord")
    first = next(n for n, line in enumerate(ORDERS.splitlines(), 1) if line == "### OrdersRecord")
    site = make_site(
        {"specs/shipping.md": BROKEN, "specs/core/orders.md": ORDERS}, plugin={"autolink": False}
    )
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(config.replace("autolink: false", "autolink: off"))
    result = site.build()
    assert result.returncode == 1
    expected = [
        f"ERROR   -  mkdocs_specs: specs/shipping.md:{unknown}:5: error [unresolved-reference] "
        '"[[OrdersRecrd]]" names no known entity (hint: Did you mean "OrdersRecord", ',
        f"ERROR   -  mkdocs_specs: specs/shipping.md:{duplicate}:5: error [duplicate-entity] "
        f'Entity "OrdersRecord" is already defined at specs/core/orders.md:{first}',
    ]
    for line in expected:
        assert line in result.stderr, result.stderr
    assert "1 invalid spec, 2 errors" in result.stderr

    check = specs(site.root, "check")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"docs/specs/shipping.md:{duplicate}:5: error [duplicate-entity] Entity "
        f'"OrdersRecord" is already defined at docs/specs/core/orders.md:{first} (hint: Rename '
        'one of them, or refer to the first one with "[[OrdersRecord]]".)',
        f"docs/specs/shipping.md:{unknown}:5: error [unresolved-reference] "
        '"[[OrdersRecrd]]" names no known entity (hint: Did you mean "OrdersRecord", '
        '"orders_records" or "orders-changed"?)',
    ]

    # The page still renders: the unknown name is visible and marked, the known one links,
    # and with `autolink: off` the code span stays code.
    html = site.html("specs/shipping/index.html")
    assert (
        '<span class="spec-ref spec-ref--unresolved" title="No entity is named OrdersRecrd">'
        "OrdersRecrd</span>"
    ) in html
    parsed = Page(html)
    assert [(r["text"], r["inner"]) for r in parsed.refs()] == [
        ("OrdersRecord", ["strong"]),  # the Relationships entry
        ("OrdersRecord", []),  # [[OrdersRecord]]
    ]
    assert not any(link["text"] == "GET /api/orders" for link in parsed.links)


def test_serve_links_a_reference_once_another_spec_defines_it(make_site, serve) -> None:
    """The catalogue is rebuilt on every change: a new definition resolves references elsewhere."""
    site = make_site({"specs/billing.md": BILLING, "specs/payments.md": PAYMENTS})
    server = serve(site)
    page = server.wait_for("specs/billing/", lambda html: "spec-diagnostics" in html)
    assert "unresolved-reference" in page and 'title="No entity is named OrdersRecord"' in page

    site.write("specs/core/orders.md", ORDERS)
    page = server.wait_for("specs/billing/", lambda html: "spec-diagnostics" not in html)
    assert 'href="../core/orders/#ordersrecord"' in page
    orders = server.get("specs/core/orders/")
    assert '<p class="spec-backlinks">Referenced by: <a href="../../billing/">' in orders
