"""The index page: specs grouped by status, counts, links that resolve, the author's own page."""

from __future__ import annotations

import datetime
import json
import posixpath
from urllib.parse import unquote

import pytest
from conftest import Site, create_site, filled_spec
from htmltree import Node, content, parse

from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.entities import CatalogOptions
from mkdocs_specs.core.template import load_template, parse_template
from mkdocs_specs.plugin.anchors import TocIds
from mkdocs_specs.render.index import render_index

# Entities and backslash escapes: the page shows `<script>`, `*stars*`, `[x](y)` and `|` as text.
EVIL_TITLE = r"Evil &lt;script&gt;alert(1)&lt;/script&gt; \*stars\* \[x\](y) | z"
EVIL_SHOWN = "Specification: Evil <script>alert(1)</script> *stars* [x](y) | z"
PAGES = {
    "specs/orders.md": filled_spec("Orders", status="Approved", version="2.1"),
    "specs/zeta.md": filled_spec("Zeta", status="Approved"),
    "specs/payments.md": filled_spec("Payments", status="Draft").replace(
        "Ada Lovelace", "[Name]"
    ),  # a placeholder: a warning in Draft
    "specs/team a/billing.md": filled_spec("Billing", status="Implemented"),
    "specs/legacy.md": filled_spec("Legacy", status="Deprecated"),
    "specs/evil.md": filled_spec(EVIL_TITLE, status="Draft").replace(
        "Ada Lovelace", '"><img src=x onerror=alert(1)>'
    ),
}
STYLES = [("material", True), ("mkdocs", False)]
ORDER = ["draft", "review", "approved", "implemented", "unknown-status"]


def output(src: str, directory_urls: bool) -> str:
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def build(site: Site, *, strict: bool = False) -> Site:
    """The site built in this process, every link on every page resolved."""
    lines = site.build_in_process(strict=strict)
    # MkDocs would have warned of a link that resolves to nothing.
    assert not [line for line in lines if line.startswith("WARNING") and "mkdocs_specs" not in line]
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[tuple[str, bool], Site]:
    return {
        (theme, urls): build(
            create_site(
                tmp_path_factory.mktemp(f"{theme}-{urls}"),
                PAGES,
                plugin={"fail_on": "never"},
                theme=theme,
                extra={"use_directory_urls": urls},
            )
        )
        for theme, urls in STYLES
    }


def index_page(site: Site, directory_urls: bool, src: str = "specs/index.md") -> Node:
    return content(parse(site.html(output(src, directory_urls))))


def sections(main: Node) -> dict[str, list[Node]]:
    """The rows of the table after each ``<h2>``, by the heading's id."""
    found: dict[str, list[Node]] = {}
    for heading in main.find_all("h2"):
        table = heading.next_element()
        found[heading.attrs.get("id", "")] = (
            table.find("tbody").find_all("tr") if table is not None and table.tag == "table" else []
        )
    return found


def resolve(site: Site, page: str, href: str) -> str:
    assert not href.startswith(("/", "http", "#")), href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(href)))
    target = target + "/index.html" if href.endswith("/") else target
    assert (site.site_dir / target).is_file(), f"{href} on {page}: no {target}"
    return target


@pytest.mark.parametrize("style", STYLES)
def test_specs_are_grouped_by_status_in_the_templates_order(sites, style) -> None:
    main = index_page(sites[style], style[1])
    assert main.find("h1").text.strip() == "Specifications"
    groups = sections(main)
    # The status groups, then the entity catalogue.
    assert [h.attrs["id"] for h in main.find_all("h2")] == [*ORDER, "entities"]
    del groups["entities"]
    titles = {key: [row.find("a").text for row in rows] for key, rows in groups.items()}
    assert titles == {
        "draft": [EVIL_SHOWN, "Specification: Payments"],  # by path: evil.md, payments.md
        "review": [],
        "approved": ["Specification: Orders", "Specification: Zeta"],
        "implemented": ["Specification: Billing"],
        "unknown-status": ["Specification: Legacy"],
    }
    review = main.find("h2", id="review").next_element()
    assert review.text == "No specs"


# The template's own fields, in its order: not the status (rows are grouped by it) nor the
# Document Type, which is the same in every spec.
COLUMNS = ["Created", "Last Updated", "Technical Lead", "Feature/Epic", "Version"]
ORDERS_CELLS = ["2026-01-10", "2026-02-01", "Ada Lovelace", "SHOP-1", "2.1", "None"]


@pytest.mark.parametrize("style", STYLES)
def test_rows_link_to_the_built_specs_and_show_their_header(sites, style) -> None:
    site, directory_urls = sites[style], style[1]
    main = index_page(site, directory_urls)
    here = output("specs/index.md", directory_urls)
    groups = sections(main)
    del groups["entities"]
    rows = {row.find("a").text: row for rows in groups.values() for row in rows}
    assert len(rows) == len(PAGES)
    for title, row in rows.items():
        target = resolve(site, here, row.find("a").attrs["href"])
        src = next(src for src in PAGES if output(src, directory_urls) == target)
        assert (title == EVIL_SHOWN) == (src == "specs/evil.md")
        assert title.split(": ", 1)[1].split()[0].lower() in src  # Orders -> orders.md
    cells = [cell.text for cell in rows["Specification: Orders"].find_all("td")]
    assert cells[1:] == ORDERS_CELLS
    heads = [th.text for th in main.find("h2", id="approved").next_element().find_all("th")]
    assert heads == ["Title", *COLUMNS, "Problems"]
    assert [c.text for c in rows["Specification: Payments"].find_all("td")][-1] == "1 warning"
    legacy = [c.text for c in rows["Specification: Legacy"].find_all("td")]
    assert legacy[1] == "Deprecated" and legacy[-1] == "1 error"


@pytest.mark.parametrize("style", STYLES)
def test_counts_per_status_and_the_bar(sites, style) -> None:
    main = index_page(sites[style], style[1])
    counts = {
        node.attrs["data-spec-status"]: int(node.text)
        for node in main.find_all(cls="spec-index-count")
    }
    assert counts == {
        "Draft": 2,
        "Review": 0,
        "Approved": 2,
        "Implemented": 1,
        "unknown": 1,
    }
    bar = main.find(cls="spec-index-bar")
    parts = [node.classes[1:] for node in bar.find_all(cls="spec-index-bar__part")]
    assert parts == [
        ["spec-index-bar__part--draft", "spec-index-bar__part--cat-draft"],
        ["spec-index-bar__part--approved", "spec-index-bar__part--cat-accepted"],
        ["spec-index-bar__part--implemented", "spec-index-bar__part--cat-done"],
        ["spec-index-bar__part--unknown"],
    ]
    # Each count is a badge with its text, linking to its section.
    links = [a.attrs["href"] for a in main.find(cls="spec-index-counts").find_all("a")]
    assert links == [f"#{key}" for key in ORDER]


@pytest.mark.parametrize("style", STYLES)
def test_spec_text_is_escaped_in_the_index(sites, style) -> None:
    site, directory_urls = sites[style], style[1]
    html = site.html(output("specs/index.md", directory_urls))
    main = content(parse(html))
    assert not main.find_all("script") and not main.find_all("img")
    assert "<script>alert" not in html
    evil = next(row for row in sections(main)["draft"] if "Evil" in row.text)
    cells = evil.find_all("td")
    assert len(cells) == 2 + len(COLUMNS)  # the `|` in the title did not split the row
    assert cells[0].text == EVIL_SHOWN
    assert len(cells[0].find_all("a")) == 1 and not cells[0].find_all("em")
    assert cells[1 + COLUMNS.index("Technical Lead")].text == '"><img src=x onerror=alert(1)>'


def test_search_finds_the_index_page_but_not_its_rows(sites) -> None:
    # Every spec is found on its own page; the index's rows would only repeat each hit.
    index = sites["material", True].site_dir / "search/search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    on_index = [doc for doc in docs if doc["location"].split("#")[0] == "specs/"]
    assert [doc["title"] for doc in on_index] == ["Specifications"]
    assert not any("Orders" in doc["text"] for doc in on_index)
    assert any(doc["location"] == "specs/orders/" for doc in docs)


def test_the_generated_index_is_in_the_navigation(sites) -> None:
    home = parse(sites["material", True].html("index.html"))
    nav = [a.attrs["href"] for a in home.find_all("a", cls="md-nav__link")]
    assert "specs/" in nav


def test_an_explicit_nav_can_list_the_generated_index(make_site) -> None:
    nav = [{"Home": "index.md"}, {"All specs": "specs/index.md"}, {"Orders": "specs/orders.md"}]
    site = build(
        make_site({"specs/orders.md": PAGES["specs/orders.md"]}, extra={"nav": nav}), strict=True
    )
    home = parse(site.html("index.html"))
    assert any(a.text.strip() == "All specs" for a in home.find_all("a", href="specs/"))
    assert site.html("specs/index.html").count('<h2 id="approved"') == 1


AUTHOR_INDEX = """# Our specifications

Written by hand.

<!-- specs:index -->

```markdown
<!-- specs:index -->
```

The end.
"""


# A folder's README.md is its index page where it has no index.md, as MkDocs reads it.
@pytest.mark.parametrize("name", ["index.md", "README.md"])
def test_an_authors_index_page_gets_the_index_at_its_marker(make_site, name: str) -> None:
    pages = {"specs/orders.md": PAGES["specs/orders.md"], f"specs/{name}": AUTHOR_INDEX}
    site = build(make_site(pages), strict=True)
    main = index_page(site, True)
    assert [h.text for h in main.find_all("h1")] == ["Our specifications"]
    text = main.text
    assert text.index("Written by hand.") < text.index("Approved") < text.index("The end.")
    assert [h.attrs["id"] for h in main.find_all("h2")] == [*ORDER[:-1], "entities"]
    assert main.find("code").text.strip() == "<!-- specs:index -->"  # a code block stays
    assert resolve(site, "specs/index.html", sections(main)["approved"][0].find("a").attrs["href"])
    # The author's file is left as written.
    assert (site.docs / "specs" / name).read_text(encoding="utf-8") == AUTHOR_INDEX


@pytest.mark.parametrize("name", ["index.md", "README.md", "README.markdown"])
def test_an_authors_index_page_without_the_marker_is_a_warning(make_site, name: str) -> None:
    pages = {"specs/orders.md": PAGES["specs/orders.md"], f"specs/{name}": "# Ours\n\nBy hand.\n"}
    lines = make_site(pages).build_in_process()
    # Not a spec, whatever it holds: no problem of its own.
    assert [line for line in lines if "mkdocs_specs" in line] == [
        f"WARNING -  mkdocs_specs: specs/{name}: an index page with no <!-- specs:index --> "
        "line of its own: the index is not shown; put the marker where it goes"
    ]


def test_an_authors_index_page_keeps_its_source_file_for_other_plugins(make_site) -> None:
    # Other plugins read a page's source file (git-revision-date-localized asserts it is set).
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.pages import Page

    class Sources(BasePlugin):
        def __init__(self) -> None:
            self.found: dict[str, str | None] = {}

        def on_page_markdown(self, markdown: str, /, *, page: Page, **_: object) -> str:
            self.found[page.file.src_uri] = page.file.abs_src_path
            return markdown

    pages = {"specs/orders.md": PAGES["specs/orders.md"], "specs/index.md": AUTHOR_INDEX}
    site = make_site(pages)
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins["sources"] = sources = Sources()
    build_site(config, dirty=True)
    assert sources.found["specs/index.md"] == str(site.docs / "specs" / "index.md")


def test_once_written_the_index_page_no_longer_holds_the_index(make_site) -> None:
    # MkDocs keeps every page's content to the end of the build, when its memory peaks; the
    # index grows with the site, so it leaves the page's content once the page is written.
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.pages import Page

    class Pages(BasePlugin):
        """Every page MkDocs writes, as it holds them once the build is over."""

        def __init__(self) -> None:
            self.written: dict[str, Page] = {}

        def on_post_page(self, output: str, /, *, page: Page, config: object) -> str:
            self.written[page.file.src_uri] = page
            return output

    site = make_site({"specs/orders.md": PAGES["specs/orders.md"]})
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins["pages"] = pages = Pages()
    build_site(config)
    index = pages.written["specs/index.md"]
    assert index.content is not None and "<!-- specs:index -->" in index.content
    assert "spec-index-table" not in index.content
    written = parse(site.html("specs/index.html"))
    assert written.find("table", cls="spec-index-table")


def test_index_elsewhere_or_switched_off(make_site, tmp_path) -> None:
    pages = {"specs/orders.md": PAGES["specs/orders.md"]}
    site = build(make_site(pages, plugin={"index": "overview.md"}), strict=True)
    main = index_page(site, True, "overview.md")
    href = sections(main)["approved"][0].find("a").attrs["href"]
    assert resolve(site, "overview/index.html", href) == "specs/orders/index.html"
    assert not (site.site_dir / "specs/index.html").exists()

    site = build(make_site(pages, plugin={"index": False}, root=tmp_path / "off"), strict=True)
    assert not (site.site_dir / "specs/index.html").exists()
    assert "spec-index" not in site.html("index.html")


def test_templates_dir_overrides_the_bundled_index(make_site) -> None:
    site = make_site({"specs/orders.md": PAGES["specs/orders.md"]}, plugin={"templates_dir": "tpl"})
    (site.root / "tpl").mkdir()
    (site.root / "tpl/index.html").write_text(
        '<ul class="catalogue">{% for group in groups %}{% for row in group.rows %}'
        '<li><a href="{{ row.href }}">{{ row.title }}</a> is {{ group.badge.label }}</li>'
        "{% endfor %}{% endfor %}</ul>",
        encoding="utf-8",
    )
    build(site, strict=True)
    main = index_page(site, True)
    item = main.find("ul", cls="catalogue").find("li")
    assert item.text == "Specification: Orders is Approved"
    assert resolve(site, "specs/index.html", item.find("a").attrs["href"])


def test_a_missing_templates_dir_is_a_config_error(make_site) -> None:
    pages = {"specs/orders.md": PAGES["specs/orders.md"]}
    site = make_site(pages, plugin={"templates_dir": "nope"})
    (error,) = site.config_errors()
    assert "option 'templates_dir'" in error, error


def test_an_override_that_does_not_compile_fails_the_build_with_one_line(make_site) -> None:
    site = make_site(
        {"specs/orders.md": PAGES["specs/orders.md"]}, plugin={"templates_dir": "ours"}
    )
    (site.root / "ours").mkdir()
    (site.root / "ours" / "badge.html").write_text("{% for x in y %}\n<span>{{ x }}</span>\n")
    # Files the plugin does not render are not its to read: notes, images.
    (site.root / "ours" / "README.txt").write_text("Write {{ badge.label }}; {# is a comment.")
    (site.root / "ours" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    done = site.build()
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   -  Plugin 'specs' option 'templates_dir': "
        f"{site.root / 'ours' / 'badge.html'}:2: Unexpected end of template. Jinja was looking "
        "for the following tags: 'endfor' or 'else'. The innermost block that needs to be "
        "closed is 'for'."
    ]


@pytest.mark.parametrize(
    ("index", "args"),
    [
        ({}, ()),
        # --dirty builds again only what changed: the author's index page, which shows the
        # other pages, counts as changed every time.
        ({"specs/index.md": AUTHOR_INDEX}, ("--dirty",)),
    ],
)
def test_under_serve_the_index_and_badge_follow_a_status_change(
    make_site, serve, index: dict[str, str], args: tuple[str, ...]
) -> None:
    site = make_site({"specs/orders.md": filled_spec("Orders", status="Draft"), **index})
    server = serve(site, *args)

    def under(status: str):
        return lambda html: (
            [row.find("a").text for row in sections(content(parse(html))).get(status, [])]
            == ["Specification: Orders"]
        )

    server.wait_for("specs/", under("draft"))
    site.write("specs/orders.md", filled_spec("Orders", status="Implemented"))
    server.wait_for("specs/", under("implemented"))
    page = server.wait_for("specs/orders/", lambda html: "spec-badge--implemented" in html)
    assert "spec-badge--draft" not in page
    assert server.process.poll() is None


def test_under_serve_dirty_an_authors_problems_page_follows_the_docs(make_site, serve) -> None:
    # It shows the other docs' problems: --dirty must build it again though it is unedited.
    problems = "# Our problems\n\n<!-- specs:problems -->\n"
    site = make_site({"specs/orders.md": filled_spec(), "specs/problems.md": problems})
    server = serve(site, "--dirty")
    server.wait_for("specs/problems/", lambda html: "Our problems" in html)
    site.write("specs/orders.md", filled_spec(version="not a version"))
    page = server.wait_for("specs/problems/", lambda html: "invalid-field" in html)
    assert "Specification: Orders" in content(parse(page)).text
    assert server.process.poll() is None


def test_entity_names_are_escaped_in_the_entity_catalogue(make_site) -> None:
    # The heading shows `<img ...>` as text; as an entity name it must stay text.
    evil = filled_spec("Evil").replace(
        "### EvilRecord", r"### EvilRecord &lt;img src=x onerror=alert(1)&gt; | \*y\*"
    )
    site = build(make_site({"specs/evil.md": evil}, plugin={"fail_on": "never"}))
    main = content(parse(site.html("specs/index.html")))
    assert not main.find_all("img")
    rows = main.find("h2", id="entities").next_element().find("tbody").find_all("tr")
    cells = next(row for row in rows if row.text.strip().startswith("EvilRecord")).find_all("td")
    assert len(cells) == 4  # the `|` did not split the row
    assert cells[0].text == "EvilRecord <img src=x onerror=alert(1)> | *y*"
    assert not cells[0].find_all("em")


# --- render_index in-process: the same specs, no MkDocs -----------------------------------


def _href(path: str) -> str:
    """A stand-in for the plugin's URL of a spec, relative to the index page."""
    return f"../{path.removeprefix('specs/').removesuffix('.md')}/"


@pytest.fixture(scope="module")
def rendered() -> Node:
    sources = [Source(path, text) for path, text in PAGES.items()]
    options = CatalogOptions(heading_ids=TocIds())
    report = check_sources(sources, load_template(), datetime.date(2026, 3, 1), options)
    # As the plugin renders it: from the report whose specs keep only their header.
    return parse(render_index(report.header_only(), _href))


def test_render_index_groups_rows_by_status_with_their_header(rendered) -> None:
    assert [h.attrs["id"] for h in rendered.find_all("h2")] == [*ORDER, "entities"]
    assert rendered.find("p").text == f"{len(PAGES)} specs"
    groups = sections(rendered)
    del groups["entities"]
    links = {
        key: [(r.find("a").text, r.find("a").attrs["href"]) for r in rows]
        for key, rows in groups.items()
    }
    assert links == {
        "draft": [(EVIL_SHOWN, "../evil/"), ("Specification: Payments", "../payments/")],
        "review": [],
        "approved": [("Specification: Orders", "../orders/"), ("Specification: Zeta", "../zeta/")],
        "implemented": [("Specification: Billing", "../team a/billing/")],
        "unknown-status": [("Specification: Legacy", "../legacy/")],
    }
    assert rendered.find("h2", id="review").next_element().text == "No specs"
    rows = {
        row.find("a").text: [c.text for c in row.find_all("td")]
        for rows in groups.values()
        for row in rows
    }
    assert rows["Specification: Orders"][1:] == ORDERS_CELLS
    assert rows["Specification: Payments"][-1] == "1 warning"
    # Under an unknown status, a row shows the status as written.
    assert rows["Specification: Legacy"][1] == "Deprecated"
    assert rows["Specification: Legacy"][-1] == "1 error"


def test_render_index_counts_and_bar(rendered) -> None:
    counts = {
        n.attrs["data-spec-status"]: n.text for n in rendered.find_all(cls="spec-index-count")
    }
    assert counts == {
        "Draft": "2",
        "Review": "0",
        "Approved": "2",
        "Implemented": "1",
        "unknown": "1",
    }
    badges = rendered.find(cls="spec-index-counts").find_all("span", cls="spec-badge")
    assert [(b.classes[1:], b.text) for b in badges] == [
        (["spec-badge--draft", "spec-badge--cat-draft"], "Draft"),
        (["spec-badge--review", "spec-badge--cat-review"], "Review"),
        (["spec-badge--approved", "spec-badge--cat-accepted"], "Approved"),
        (["spec-badge--implemented", "spec-badge--cat-done"], "Implemented"),
        (["spec-badge--unknown"], "Unknown status"),
    ]
    bar = rendered.find(cls="spec-index-bar").find_all(cls="spec-index-bar__part")
    assert [(part.classes[1], part.attrs["style"], part.attrs["title"]) for part in bar] == [
        ("spec-index-bar__part--draft", "flex-grow: 2", "Draft: 2"),
        ("spec-index-bar__part--approved", "flex-grow: 2", "Approved: 2"),
        ("spec-index-bar__part--implemented", "flex-grow: 1", "Implemented: 1"),
        ("spec-index-bar__part--unknown", "flex-grow: 1", "Unknown status: 1"),
    ]


def test_render_index_lists_entities_with_definition_and_referrers(rendered) -> None:
    table = rendered.find("h2", id="entities").next_element()
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        name, kind, spec, referrers = row.find_all("td")
        rows[name.text] = (
            name.find("a").attrs["href"],
            kind.text,
            spec.find("a").attrs["href"],
            referrers.text,
        )
    assert rows["OrdersRecord"] == ("../orders/#ordersrecord", "model", "../orders/", "—")
    assert rows["orders_records"] == ("../orders/#orders_records", "table", "../orders/", "—")
    assert list(rows) == sorted(rows, key=str.casefold)


def test_render_index_shows_spec_text_as_text(rendered) -> None:
    assert not rendered.find_all("script") and not rendered.find_all("img")
    evil = next(row for row in sections(rendered)["draft"] if "Evil" in row.text)
    cells = evil.find_all("td")
    assert len(cells) == 2 + len(COLUMNS)  # the `|` in the title did not split the row
    assert cells[0].text == EVIL_SHOWN and not cells[0].find_all("em")
    assert cells[1 + COLUMNS.index("Technical Lead")].text == '"><img src=x onerror=alert(1)>'


ADR_TEMPLATE = """\
# ADR: [Title]

- **Status**: [Proposed | Accepted | Superseded | Parked]
- **Kind**: Architecture Decision
- **Date**: [Date]
- **Deciders**: [Names]

## Decision

[What we decided]
"""


def adr(title: str, status: str, deciders: str = "") -> str:
    people = f"- **Deciders**: {deciders}\n" if deciders else ""
    return (
        f"# ADR: {title}\n\n- **Status**: {status}\n- **Kind**: Architecture Decision\n"
        f"- **Date**: 2026-01-05\n{people}\n## Decision\n\nDone.\n"
    )


def test_another_templates_index_shows_its_own_fields_and_categories() -> None:
    sources = [
        Source("specs/queues.md", adr("Queues", "Accepted", "Ada, Grace")),
        Source("specs/cron.md", adr("Cron", "Superseded")),
        Source("specs/later.md", adr("Later", "Parked", "Alan")),
    ]
    template = parse_template(ADR_TEMPLATE, "adr.md")
    report = check_sources(sources, template, datetime.date(2026, 3, 1)).header_only()
    index = parse(render_index(report, _href, None, {"parked": "inactive"}))
    accepted = index.find("h2", id="accepted").next_element()
    # Its fields in its order, less the status and the fixed Kind; "—" where a spec has none.
    assert [th.text for th in accepted.find_all("th")] == ["Title", "Date", "Deciders", "Problems"]
    rows = {
        row.find("a").text: [td.text for td in row.find_all("td")[1:-1]]
        for row in index.find_all("tr")
        if row.find_all("td")
    }
    assert rows == {
        "ADR: Queues": ["2026-01-05", "Ada, Grace"],
        "ADR: Cron": ["2026-01-05", "—"],
        "ADR: Later": ["2026-01-05", "Alan"],
    }
    badges = index.find(cls="spec-index-counts").find_all("span", cls="spec-badge")
    assert [badge.classes[2:] for badge in badges] == [
        ["spec-badge--cat-review"],
        ["spec-badge--cat-accepted"],
        ["spec-badge--cat-inactive"],
        ["spec-badge--cat-inactive"],  # from the statuses: option
    ]


def madr(title: str, status: str | None) -> str:
    front = f"---\nstatus: {status}\n---\n\n" if status else ""
    return (
        f"{front}# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n"
        "## Considered Options\n\n* One\n\n## Decision Outcome\n\nOne.\n"
    )


def test_decisions_are_listed_by_category_with_their_own_statuses_then_those_without() -> None:
    # MADR lists proposed, rejected, accepted, deprecated, superseded by, and "…": any other.
    sources = [
        Source("decisions/0001-a.md", madr("A", "rejected")),
        Source("decisions/0002-b.md", madr("B", "accepted")),
        Source("decisions/0003-c.md", madr("C", "on hold")),
        Source("decisions/0004-d.md", madr("D", "On Hold")),
        Source("decisions/0005-e.md", madr("E", None)),  # MADR's status may be left out
        Source("decisions/0006-f.md", madr("F", "superseded by ADR-0002")),
        Source("decisions/0007-g.md", madr("G", "parked")),  # no category
    ]
    report = check_sources(sources, load_template("madr"), datetime.date(2026, 3, 1))
    index = parse(render_index(report, _href))
    ids = [h2.attrs["id"] for h2 in index.find_all("h2")]
    assert ids == [
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded-by",
        "on-hold",  # inactive, after the template's own
        "parked",
        "no-status",
    ]
    rows = {
        h2.attrs["id"]: [row.find("a").text for row in h2.next_element().find_all("tr")[1:]]
        for h2 in index.find_all("h2")
        if h2.next_element().tag == "table"
    }
    assert rows == {
        "accepted": ["B"],
        "rejected": ["A"],
        "superseded-by": ["F"],
        "on-hold": ["C", "D"],
        "parked": ["G"],
        "no-status": ["E"],
    }
    heads = index.find("h2", id="accepted").next_element().find_all("th")
    assert [th.text for th in heads] == [
        "Title",
        "Date",  # front matter's lowercase keys, as headings
        "Decision-makers",
        "Consulted",
        "Informed",
        "Problems",
    ]
    counts = index.find(cls="spec-index-counts").find_all("li")
    labels = [li.find(cls="spec-badge").text for li in counts]
    assert labels[-3:] == ["on hold", "parked", "No status"]
    assert counts[-1].find(cls="spec-badge").classes == ["spec-badge", "spec-badge--no-status"]
    bar = index.find(cls="spec-index-bar").find_all("span")
    assert bar[-1].classes == ["spec-index-bar__part", "spec-index-bar__part--no-status"]


def test_a_status_the_template_does_not_allow_is_unknown_and_none_is_no_status() -> None:
    sources = [
        Source("specs/a.md", filled_spec("A", status="Shipped")),
        Source("specs/b.md", filled_spec("B").replace("**Status**: Approved  \n", "")),
        Source("specs/c.md", filled_spec("C")),
    ]
    report = check_sources(sources, load_template(), datetime.date(2026, 3, 1))
    index = parse(render_index(report, _href))
    ids = [h2.attrs["id"] for h2 in index.find_all("h2")]
    assert ids[ids.index("implemented") + 1 :] == ["unknown-status", "no-status", "entities"]
    unknown = index.find("h2", id="unknown-status").next_element()
    assert [td.text for td in unknown.find_all("td")[:2]] == ["Specification: A", "Shipped"]
    missing = index.find("h2", id="no-status").next_element()
    assert [row.find("a").text for row in missing.find_all("tr")[1:]] == ["Specification: B"]


def test_a_status_written_as_one_of_the_indexs_own_headings_is_put_apart() -> None:
    # MADR's status list is open: a doc may be "Entities", "No status" or "Unknown status".
    decision = "---\nstatus: {}\n---\n\n# D\n\n## Context and Problem Statement\n\nA.\n"
    sources = [
        Source(f"{n}.md", decision.format(status))
        for n, status in enumerate(("Entities", "No status", "unknown status", "Due for review"))
    ]
    sources.append(Source("none.md", "# D\n\n## Context and Problem Statement\n\nA.\n"))
    report = check_sources(sources, load_template("madr"), datetime.date(2026, 3, 1))
    index = parse(render_index(report, _href))
    ids = [h2.attrs["id"] for h2 in index.find_all("h2")]
    assert len(ids) == len(set(ids)), ids
    assert {"status-entities", "status-no-status", "no-status"} <= set(ids)
    links = [a.attrs["href"][1:] for a in index.find(cls="spec-index-counts").find_all("a")]
    assert set(links) <= set(ids) and len(links) == len(set(links))


def test_index_cells_show_a_values_text_not_its_markdown() -> None:
    rfc = (
        "- Feature Name: `same_day`\n- Start Date: 2025-10-14\n"
        "- RFC PR: [parcelly/rfcs#1](https://example.com/1)\n"
        "- Rust Issue: [*tracking* &amp; <b>more</b>](https://example.com/2)\n\n"
        "# Same-day delivery\n\n## Summary\n\nText.\n"
    )
    report = check_sources([Source("rfcs/0001-same-day.md", rfc)], load_template("rust-rfc"))
    row = parse(render_index(report, _href)).find("tr", data_spec_category="")
    assert [td.text for td in row.find_all("td")] == [
        "Same-day delivery",
        "same_day",
        "2025-10-14",
        "parcelly/rfcs#1",
        "tracking & <b>more</b>",  # raw HTML stays text, as everywhere the plugin shows a value
        "8 errors",  # the sections it lacks
    ]


@pytest.mark.parametrize(
    ("name", "override", "line", "error"),
    [
        ("badge.html", "<span>\n{{ badge.nolabel }}</span>\n", 2, "has no attribute 'nolabel'"),
        ("index.html", "{% for group in groups %}\n{{ 1 // 0 }}{% endfor %}\n", 2, "by zero"),
    ],
)
def test_an_override_that_fails_while_rendering_fails_the_build_with_one_line(
    make_site, name: str, override: str, line: int, error: str
) -> None:
    site = make_site({"specs/orders.md": PAGES["specs/orders.md"]}, plugin={"templates_dir": "t"})
    (site.root / "t").mkdir()
    (site.root / "t" / name).write_text(override, encoding="utf-8")
    done = site.build()
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    (told,) = [line for line in done.stderr.splitlines() if "option 'templates_dir'" in line]
    place = f"{site.root / 't' / name}:{line}: "
    assert told.startswith(f"ERROR   -  Plugin 'specs' option 'templates_dir': {place}"), told
    assert told.endswith(error), told


def test_render_index_separates_referrers_by_commas() -> None:
    pages = {
        "specs/orders.md": filled_spec("Orders"),
        "specs/alpha.md": filled_spec("Alpha") + "\nSee [[OrdersRecord]].\n",
        "specs/beta.md": filled_spec("Beta") + "\nSee [[OrdersRecord]] and [[orders_records]].\n",
    }
    sources = [Source(path, text) for path, text in pages.items()]
    report = check_sources(sources, load_template(), datetime.date(2026, 3, 1), CatalogOptions())
    table = parse(render_index(report, _href)).find("h2", id="entities").next_element()
    cells = {
        row.find_all("td")[0].text: row.find_all("td")[3]
        for row in table.find("tbody").find_all("tr")
    }
    assert cells["OrdersRecord"].text == "Specification: Alpha, Specification: Beta"
    assert [a.attrs["href"] for a in cells["OrdersRecord"].find_all("a")] == [
        "../alpha/",
        "../beta/",
    ]
    assert cells["orders_records"].text == "Specification: Beta"
    assert cells["AlphaRecord"].text == "—"
