"""The example site in a real browser: Debian's Chromium, headless, driven by Playwright.

The built site is served from 127.0.0.1 by the test. Nothing leaves the machine: the
requests to other hosts listed here are answered locally, on purpose, and any other one fails
the test:

- Material loads Mermaid from a CDN (`https://unpkg.com/mermaid@11/dist/mermaid.min.js`, in
  its JavaScript bundle) when a page has a diagram. The test answers that request with the
  identical upstream file shipped in the `mermaidx` wheel (a test dependency), so diagrams
  render exactly as they do online.
- Material links Google Fonts' Roboto stylesheet. The test answers it with an empty
  stylesheet, so the page uses the system fonts Material falls back to.
- MkDocs' own `mkdocs` theme (in the badge contrast test) loads highlight.js and its two
  stylesheets from a CDN. The test answers them with empty stylesheets and a stand-in that
  highlights nothing: code highlighting is not what these tests look at.

Chromium at /usr/bin/chromium is required: outside CI a missing one skips these tests with
the reason; with CI=true it fails them (`.ci/run` installs it).

Screenshots of the index and a spec page, light and dark, go to `test-output/`. With
`MKDOCS_SPECS_SCREENSHOTS=1` they also replace `example_site/screenshots/*.png`, the pictures
the README shows.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import REPO, create_site, filled_spec, require, run
from contrast import ratio

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
EXAMPLE = REPO / "example_site"
OUTPUT = REPO / "test-output"
README_SCREENSHOTS = EXAMPLE / "screenshots"
MERMAID_URL = re.compile(r"^https://unpkg\.com/mermaid@11/dist/mermaid\.min\.js$")
FONTS_URL = re.compile(r"^https://fonts\.googleapis\.com/css")
HIGHLIGHT_URL = re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/highlight\.js/11\.8\.0/")
# Every request but the served site's: those are left to the browser, cache included (a
# routed request is handed to Python and bypasses the cache).
ELSEWHERE = re.compile(r"^(?!http://127\.0\.0\.1:)")
HIGHLIGHT_STAND_IN = "window.hljs = {highlightAll() {}};"
SCHEMES = {"light": "default", "dark": "slate"}
TOGGLE = {"light": "Switch to light mode", "dark": "Switch to dark mode"}
AA = 4.5


def chromium_path() -> str:
    require(CHROMIUM.is_file(), str(CHROMIUM), "apt-get install chromium")  # .ci/run does
    return str(CHROMIUM)


@functools.cache
def mermaid_js() -> bytes:
    """Mermaid 11's browser build, byte-identical to the CDN's, from the mermaidx wheel.

    Found, not imported: the package loads a native SVG module whose bindings report leaks
    at the worker's exit."""
    spec = importlib.util.find_spec("mermaidx")
    assert spec is not None and spec.submodule_search_locations, "mermaidx is not installed"
    script = Path(spec.submodule_search_locations[0]) / "assets" / "mermaid.js"
    body = script.read_bytes()
    assert b'globalThis["mermaid"]' in body and b'version:"11.' in body, script
    return body


# --- the site, served --------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_example(site_dir: Path) -> Path:
    result = run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(EXAMPLE / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        cwd=EXAMPLE,
    )
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_example(tmp_path_factory.mktemp("example") / "site")


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site served from 127.0.0.1; its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    with served(built) as url:
        yield url


@pytest.fixture(scope="module")
def catalogue(built: Path) -> dict:
    return json.loads((built / "specs.json").read_text(encoding="utf-8"))


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Tab:
    """A page in its own browser context, with what it logged and asked of other hosts."""

    page: object
    errors: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def route(self, route) -> None:
        url = route.request.url
        if MERMAID_URL.match(url):
            self.answered.append(url)
            route.fulfill(body=mermaid_js(), content_type="text/javascript")
        elif FONTS_URL.match(url) or (HIGHLIGHT_URL.match(url) and url.endswith(".css")):
            self.answered.append(url)
            route.fulfill(body="", content_type="text/css")
        elif HIGHLIGHT_URL.match(url) and url.endswith("/highlight.min.js"):
            self.answered.append(url)
            route.fulfill(body=HIGHLIGHT_STAND_IN, content_type="text/javascript")
        else:
            self.refused.append(url)
            route.abort()


def new_tab(browser, scheme: str = "light") -> Tab:
    """A page in a fresh context whose system colour scheme is ``scheme``."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    tab = Tab(context.new_page())
    context.route(ELSEWHERE, tab.route)
    tab.page.on(
        "console",
        lambda message: message.type == "error" and tab.errors.append(message.text),
    )
    tab.page.on("pageerror", lambda error: tab.errors.append(f"uncaught: {error}"))
    return tab


def assert_clean(tab: Tab) -> None:
    """No console error, no uncaught exception, no request to another host than the two."""
    assert tab.errors == [], tab.errors
    assert tab.refused == [], f"requests to other hosts: {tab.refused}"


@pytest.fixture
def open_tab(browser) -> Iterator:
    """``open_tab(scheme)``: a fresh context whose system colour scheme is ``scheme``.

    At teardown, each tab must be clean (``assert_clean``). A test that serves asks for it
    after ``serve``: fixtures end in reverse order, so its tabs close before the server
    stops, and livereload's pending request is not cut off into a console error.
    """
    tabs: list[Tab] = []

    def factory(scheme: str = "light") -> Tab:
        tabs.append(new_tab(browser, scheme))
        return tabs[-1]

    yield factory
    for tab in tabs:
        tab.page.context.close()
    for tab in tabs:
        assert_clean(tab)


def goto(tab: Tab, url: str, until: str = "networkidle") -> None:
    """Open ``url``; under `mkdocs serve` pass ``until="load"`` (livereload polls forever)."""
    tab.page.goto(url, wait_until=until)


# What is left to happen once a page has loaded, where an error could still be logged:
# Material's search worker getting its index (the "Initializing search" line then changes)
# and Mermaid drawing each diagram (Material swaps each <pre class="mermaid"> for a drawn host).
SETTLED = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  if (!meta || meta.textContent.trim() === 'Initializing search') return false;
  if (document.querySelector('pre.mermaid')) return false;
  return [...document.querySelectorAll('div.mermaid')]
    .every(host => host.getBoundingClientRect().height > 0);
}"""


def settle(tab: Tab) -> None:
    tab.page.wait_for_function(SETTLED, timeout=30_000)


def scheme_of(tab: Tab) -> str:
    return tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def switch_scheme(tab: Tab, scheme: str) -> None:
    """Use the palette toggle in the header, as a reader does."""
    if scheme_of(tab) != SCHEMES[scheme]:
        tab.page.get_by_title(TOGGLE[scheme]).click()
    tab.page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') === '{SCHEMES[scheme]}'"
    )
    # Material fades some colours (transitions up to 0.4 s): read them once those are over.
    tab.page.wait_for_function(
        "document.getAnimations().every(animation => animation.playState !== 'running')"
    )


# --- colours -------------------------------------------------------------------------------

RGBA = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")

# For a badge: its text colour and the background colours from it up to <html>.
BADGE_COLOURS = """
badge => {
  const chain = [];
  for (let node = badge; node; node = node.parentElement) {
    chain.push(getComputedStyle(node).backgroundColor);
  }
  const box = badge.getBoundingClientRect();
  return {
    status: badge.dataset.specStatus,
    text: badge.innerText.trim(),
    color: getComputedStyle(badge).color,
    chain,
    visible: box.width > 0 && box.height > 0 && getComputedStyle(badge).visibility === 'visible',
  };
}
"""


def parse_colour(text: str) -> tuple[float, float, float, float]:
    match = RGBA.fullmatch(text.strip())
    assert match, f"unexpected computed colour {text!r}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def over(top: tuple[float, ...], bottom: tuple[float, ...]) -> tuple[float, float, float, float]:
    """``top`` alpha-composited over the opaque ``bottom``."""
    alpha = top[3]
    return (*(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)


def contrast(badge: dict) -> float:
    """WCAG contrast of the badge's rendered text against what is rendered behind it."""
    background = (255.0, 255.0, 255.0, 1.0)  # the canvas under <html>
    for layer in reversed(badge["chain"]):
        background = over(parse_colour(layer), background)
    return ratio(over(parse_colour(badge["color"]), background), background)


def test_contrast_arithmetic_matches_wcag() -> None:
    """The checker itself: known WCAG ratios, and alpha compositing."""
    black_on_white = {"color": "rgb(0, 0, 0)", "chain": ["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"]}
    assert round(contrast(black_on_white), 2) == 21.0
    grey = {"color": "rgb(118, 118, 118)", "chain": ["rgb(255, 255, 255)"]}
    assert round(contrast(grey), 2) == 4.54
    # Half-transparent black text over white is mid grey, far below black's 21:1.
    faint = {"color": "rgba(0, 0, 0, 0.5)", "chain": ["rgb(255, 255, 255)"]}
    assert 3.9 < contrast(faint) < 4.0


def badges(tab: Tab) -> list[dict]:
    return tab.page.locator(".spec-badge").evaluate_all(f"all => all.map({BADGE_COLOURS})")


# --- what the reader sees ------------------------------------------------------------------


def index_by_status(tab: Tab) -> dict[str, list[str]]:
    """Spec titles listed under each status heading of the index, as rendered."""
    return tab.page.evaluate(
        """() => {
          const found = {};
          for (const heading of document.querySelectorAll('article h2[id]')) {
            let table = heading.nextElementSibling;
            while (table && !table.querySelector('table') && table.tagName !== 'TABLE'
                   && table.tagName !== 'H2') table = table.nextElementSibling;
            if (!table || table.tagName === 'H2') continue;
            const rows = table.querySelectorAll('tbody tr td:first-child a');
            found[heading.firstChild.textContent.trim()] = [...rows]
              .filter(link => link.offsetParent !== null)
              .map(link => link.innerText.trim());
          }
          return found;
        }"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_index_lists_every_spec_under_its_status(open_tab, site_url, catalogue, scheme) -> None:
    tab = open_tab(scheme)
    goto(tab, site_url + "specs/")
    assert scheme_of(tab) == SCHEMES[scheme]  # the palette follows the system setting
    expected: dict[str, list[str]] = {}
    for spec in catalogue["specs"]:
        if spec["type"] == "specs":  # each type has an index of its own
            expected.setdefault(spec["status"], []).append(spec["title"])
    shown = index_by_status(tab)
    # After the statuses, the entity catalogue lists every entity the specs define.
    assert list(shown)[-1] == "Entities"
    assert sorted(shown.pop("Entities")) == sorted(catalogue["entities"])
    assert {status: sorted(titles) for status, titles in shown.items() if titles} == {
        status: sorted(titles) for status, titles in expected.items()
    }
    assert list(shown)[:4] == ["Draft", "Review", "Approved", "Implemented"]


OTHER = {"light": "dark", "dark": "light"}


@dataclass
class Tour:
    """Every page of the site, visited once in one tab as a reader clicking through would."""

    tab: Tab
    arrived: dict[str, str] = field(default_factory=dict)  # page -> scheme it opened in
    badges: dict[str, dict[str, list[dict]]] = field(default_factory=dict)  # page, scheme


@pytest.fixture(scope="module")
def tour(browser, site_url, catalogue) -> Iterator[Tour]:
    """Each page is read in the scheme it opens in, then switched with the header's toggle
    and read again; the choice is kept for the next page, so the schemes alternate. One load
    per page serves both schemes: each load costs a second or two (Mermaid is 3 MB of
    JavaScript, and routed requests bypass the browser's cache)."""
    tour = Tour(new_tab(browser, "light"))
    indexes = ["specs/", "decisions/", "rfcs/"]
    for path in ["", *indexes, *(spec["url"] for spec in catalogue["specs"])]:
        goto(tour.tab, site_url + path, until="load")
        settle(tour.tab)
        scheme = next(name for name, value in SCHEMES.items() if value == scheme_of(tour.tab))
        tour.arrived[path] = scheme
        found = tour.badges[path] = {scheme: badges(tour.tab)}
        switch_scheme(tour.tab, OTHER[scheme])
        found[OTHER[scheme]] = badges(tour.tab)
    tour.tab.page.context.close()
    yield tour


def test_the_chosen_scheme_is_kept_from_page_to_page(tour) -> None:
    # The first page follows the system setting; each next one the toggle's last choice.
    assert list(tour.arrived.values()) == [
        ("light", "dark")[number % 2] for number in range(len(tour.arrived))
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_badge_is_visible_at_aa_contrast(tour, scheme) -> None:
    seen: set[str] = set()
    for path, by_scheme in tour.badges.items():
        found = by_scheme[scheme]
        # The home page is no doc; RFCs have no status in their template, so no badge.
        if path != "" and not path.startswith("rfcs/"):
            assert found, f"no badge on {path}"
        for badge in found:
            assert badge["visible"], (path, badge)
            assert badge["text"] == badge["status"], (path, badge)
            ratio = contrast(badge)
            assert ratio >= AA, f"{path}: {badge['status']} badge at {ratio:.2f}:1 ({badge})"
            seen.add(badge["status"])
    # The specs' four statuses, and the decisions' (MADR's words, one superseded); the
    # decisions' index shows every status MADR lists.
    assert {"Draft", "Review", "Approved", "Implemented", "accepted", "superseded by"} <= seen


# --- badges of every status category, under both themes -----------------------------------

# One status of each category, and one of none (a neutral badge), in the words of a team's own
# template: the index shows a badge for each of them.
CATEGORY_TEMPLATE = """\
# Decision: [Title]

**Status**: [Idea | Proposed | Agreed | Shipped | Retired | Parked]

## Decision

[What we decided]
"""
THEMES = {
    # The palette follows the system setting, as the example site's does.
    "material": {
        "name": "material",
        "palette": [
            {"media": "(prefers-color-scheme: light)", "scheme": "default"},
            {"media": "(prefers-color-scheme: dark)", "scheme": "slate"},
        ],
    },
    # Dark or light as the system is (its darkmode.js needs highlight.js on: see above).
    "mkdocs": {"name": "mkdocs", "color_mode": "auto"},
}
# What says a theme shows its dark colours, once its scripts have run.
DARK = {
    "material": "document.body.getAttribute('data-md-color-scheme') === 'slate'",
    "mkdocs": "document.documentElement.getAttribute('data-bs-theme') === 'dark'",
}


@pytest.fixture(scope="module", params=sorted(THEMES))
def category_site(request, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A small site of that template under each theme: (theme, base URL)."""
    theme = request.param
    site = create_site(
        tmp_path_factory.mktemp(f"categories-{theme}"),
        {"specs/queues.md": "# Decision: Queues\n\n**Status**: Shipped\n\n## Decision\n\nYes.\n"},
        plugin={"template": "decision.md"},
    )
    (site.root / "decision.md").write_text(CATEGORY_TEMPLATE, encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + yaml.safe_dump({"theme": THEMES[theme]}), encoding="utf-8"
    )
    assert site.build_in_process(strict=True) == []
    with served(site.site_dir) as url:
        yield theme, url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_badge_of_every_category_is_at_aa_contrast(open_tab, category_site, scheme) -> None:
    theme, url = category_site
    tab = open_tab(scheme)
    goto(tab, url + "specs/")
    dark = tab.page.evaluate(f"() => {DARK[theme]}")
    assert dark == (scheme == "dark"), f"{theme} did not follow the {scheme} system setting"
    # Colours that fade in (Material's transitions) are read once they are over.
    tab.page.wait_for_function(
        "document.getAnimations().every(animation => animation.playState !== 'running')"
    )
    counts = tab.page.locator(".spec-index-counts .spec-badge")
    found = counts.evaluate_all(
        f"all => all.map(badge => ({{...({BADGE_COLOURS})(badge), classes: badge.className}}))"
    )
    categories = {}
    for badge in found:
        assert badge["visible"], badge
        ratio = contrast(badge)
        assert ratio >= AA, f"{theme}, {scheme}: {badge['status']} at {ratio:.2f}:1 ({badge})"
        category = [c for c in badge["classes"].split() if c.startswith("spec-badge--cat-")]
        categories[badge["status"]] = (
            category[0].removeprefix("spec-badge--cat-") if category else None
        )
    assert categories == {
        "Idea": "draft",
        "Proposed": "review",
        "Agreed": "accepted",
        "Shipped": "done",
        "Retired": "inactive",
        "Parked": None,
    }


def test_no_console_errors_on_any_page(tour, catalogue) -> None:
    # Each page was left only once it had settled (search ready, diagrams drawn).
    indexes = ["specs/", "decisions/", "rfcs/"]
    assert list(tour.badges) == ["", *indexes, *(spec["url"] for spec in catalogue["specs"])]
    assert_clean(tour.tab)


def test_the_specs_tab_opens_the_index_and_a_click_there_opens_a_spec(open_tab, site_url) -> None:
    tab = open_tab()
    goto(tab, site_url)
    tab.page.get_by_role("navigation", name="Tabs").get_by_role(
        "link", name="Specs", exact=True
    ).click()
    tab.page.wait_for_url(site_url + "specs/")
    assert tab.page.locator("article h1").inner_text().strip("¶ ") == "Specifications"
    tab.page.locator("article table a", has_text="Orders").first.click()
    tab.page.wait_for_url(site_url + "specs/orders/")
    assert tab.page.locator("article h1").inner_text().strip("¶ ") == "Specification: Orders"
    assert tab.page.locator("article .spec-badge").inner_text() == "Implemented"


def test_each_types_index_filters_and_sorts_its_docs(open_tab, site_url) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    goto(tab, site_url + "decisions/")
    rows = tab.page.locator("article table[data-spec-sortable] tr[data-spec-category]")
    expect(rows).to_have_count(3)  # the decisions only, no spec nor RFC
    search = tab.page.get_by_role("searchbox", name="Filter the docs")
    search.fill("postgresql")
    expect(rows.locator("visible=true")).to_have_count(1)
    # A status, which the group's heading shows rather than a column, is found too.
    search.fill("superseded")
    expect(rows.locator("visible=true")).to_have_text([re.compile("Store orders in MySQL")])
    search.fill("")
    category = tab.page.get_by_role("combobox", name="Status category")
    # The categories of the decisions listed only: none is draft, review or done.
    assert category.locator("option").all_inner_texts() == ["Every status", "accepted", "inactive"]
    category.select_option("inactive")
    expect(rows.locator("visible=true")).to_have_text([re.compile("Store orders in MySQL")])
    category.select_option("")
    table = tab.page.locator("article table[data-spec-sortable]").first
    table.get_by_role("button", name="Title").click()
    expect(table.locator("th").first).to_have_attribute("aria-sort", "ascending")
    titles = table.locator("tbody tr td:first-child").all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)
    table.get_by_role("button", name="Title").click()
    expect(table.locator("th").first).to_have_attribute("aria-sort", "descending")
    # Drawn as Material draws a Markdown table (it styles none with a class): ruled rows,
    # headings in bold and flush left, titles broken between words only.
    style = table.evaluate(
        """table => {
            const css = element => getComputedStyle(element);
            const head = table.querySelector("th"), cell = table.querySelector("td");
            return [css(table).borderTopStyle, css(head).fontWeight, css(head).textAlign,
                    css(table.querySelector("th button")).textAlign, css(cell).borderTopStyle,
                    css(cell.querySelector("a")).wordBreak];
        }"""
    )
    assert style == ["solid", "700", "start", "start", "solid", "normal"], style
    # The RFCs' template lists no statuses: their one choice is that.
    goto(tab, site_url + "rfcs/")
    category = tab.page.get_by_role("combobox", name="Status category")
    assert category.locator("option").all_inner_texts() == ["Every status", "unknown or none"]
    category.select_option("none")
    expect(rows.locator("visible=true")).to_have_count(1)


def test_a_superseded_decision_points_at_its_successor(open_tab, site_url) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    goto(tab, site_url + "decisions/0001-store-orders-in-mysql/")
    banner = tab.page.locator("article .spec-banner--superseded")
    expect(banner).to_be_visible()
    banner.locator("a.spec-relation").click()
    tab.page.wait_for_url(site_url + "decisions/0003-store-orders-in-postgresql/")
    back = tab.page.locator('article a.spec-relation[data-relation="supersedes"]')
    expect(back).to_have_text("Store orders in MySQL")


def test_clicking_an_entity_link_lands_on_its_definition(open_tab, site_url) -> None:
    from playwright.sync_api import expect

    tab = open_tab()
    goto(tab, site_url + "specs/orders/")
    link = tab.page.locator("article a.spec-ref", has_text=re.compile(r"^Payment$")).first
    link.scroll_into_view_if_needed()
    link.click()
    tab.page.wait_for_url(site_url + "specs/payments/#payment")
    assert tab.page.evaluate("location.hash") == "#payment"
    heading = tab.page.locator("article h3#payment")
    expect(heading).to_be_in_viewport()
    assert heading.inner_text().strip("¶ ") == "Payment"
    # Not hidden under Material's sticky header either.
    header = tab.page.locator("header.md-header").bounding_box()
    assert heading.bounding_box()["y"] >= header["y"] + header["height"]


def test_search_finds_specs(open_tab, site_url) -> None:
    tab = open_tab()
    goto(tab, site_url)
    tab.page.keyboard.press("/")  # Material's search shortcut
    tab.page.locator("input.md-search__input").press_sequentially("surcharge")  # keystrokes
    results = tab.page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=30_000)
    targets = results.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert any("specs/payments/" in href for href in targets), targets


def shadow_svgs(tab: Tab) -> list[str]:
    """The SVGs inside Mermaid hosts' shadow roots (Material makes them closed, so ask CDP)."""
    session = tab.page.context.new_cdp_session(tab.page)
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    svgs: list[str] = []

    def walk(node: dict, in_mermaid: bool) -> None:
        attributes = node.get("attributes", [])
        classes = dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "").split()
        host = node.get("localName") == "div" and "mermaid" in classes
        if in_mermaid and node.get("localName") == "svg":
            svgs.append(session.send("DOM.getOuterHTML", {"nodeId": node["nodeId"]})["outerHTML"])
            return
        for child in node.get("children", []):
            walk(child, in_mermaid)
        for shadow in node.get("shadowRoots", []):
            walk(shadow, in_mermaid or host)

    walk(root, False)
    session.detach()
    return svgs


def test_relationship_diagram_renders_to_svg(open_tab, site_url) -> None:
    tab = open_tab()
    goto(tab, site_url + "specs/orders/")
    host = tab.page.locator("article div.mermaid")
    host.wait_for(state="attached", timeout=30_000)
    assert tab.page.locator("article pre.mermaid").count() == 0  # the source was replaced
    host.scroll_into_view_if_needed()
    tab.page.wait_for_function(
        "document.querySelector('article div.mermaid').getBoundingClientRect().height > 200"
    )
    assert [url for url in tab.answered if MERMAID_URL.match(url)], "Mermaid was never loaded"
    svgs = shadow_svgs(tab)
    assert len(svgs) == 1
    for name in ("Order", "OrderLine", "Payment", "Parcel", "order_lines", "«table»"):
        assert f">{name}<" in svgs[0], name


# --- screenshots -------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_index_and_a_spec_page(open_tab, site_url, scheme) -> None:
    tab = open_tab(scheme)
    OUTPUT.mkdir(exist_ok=True)
    for name, path in (("index", "specs/"), ("spec", "specs/payments/")):
        goto(tab, site_url + path)
        assert scheme_of(tab) == SCHEMES[scheme]
        target = OUTPUT / f"{name}-{scheme}.png"
        tab.page.screenshot(path=str(target))
        png = target.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
        if os.environ.get("MKDOCS_SPECS_SCREENSHOTS") == "1":
            README_SCREENSHOTS.mkdir(exist_ok=True)
            shutil.copyfile(target, README_SCREENSHOTS / target.name)


# --- mkdocs serve --------------------------------------------------------------------------


def test_served_invalid_spec_shows_the_problem_box_until_it_is_fixed(
    serve, open_tab, make_site
) -> None:
    from playwright.sync_api import expect

    valid = filled_spec("Orders", status="Implemented")
    site = make_site({"specs/orders.md": valid.replace("Implemented", "Finished", 1)})
    spec = site.docs / "specs" / "orders.md"
    line = next(n for n, row in enumerate(valid.splitlines(), 1) if "**Status**" in row)

    server = serve(site)
    server.wait_for("specs/orders/", lambda html: "spec-diagnostics" in html, timeout=120)
    tab = open_tab()
    goto(tab, server.url + "specs/orders/", until="load")
    box = tab.page.locator("article .spec-diagnostics")
    expect(box).to_be_visible()
    assert "unknown-status" in box.inner_text()
    assert str(line) in box.inner_text()
    assert tab.page.locator("article .spec-badge").inner_text() == "Unknown status"

    # Fixing the file rebuilds the site, and livereload reloads the open page without the box.
    spec.write_text(valid, encoding="utf-8")
    expect(box).to_have_count(0, timeout=120_000)
    expect(tab.page.locator("article .spec-badge")).to_have_text("Implemented")


# The system's scheme, followed by Material as on the example site.
FOLLOW_SYSTEM = {
    "name": "material",
    "palette": [
        {
            "media": f"(prefers-color-scheme: {scheme})",
            "scheme": SCHEMES[scheme],
            "toggle": {"icon": "material/brightness-7", "name": TOGGLE[other]},
        }
        for scheme, other in (("light", "dark"), ("dark", "light"))
    ],
}
BOX_PARTS = (
    "title",
    "severity",
    "code",
    "message",
    "hint",
    "jump",
    "edit",
)


# How a box shows its severities: its border, and the colour of each severity's label.
SEVERITY_LOOKS = """
box => {
  const label = severity => {
    const item = `.spec-diagnostics__item--${severity}`;
    const found = box.querySelector(`${item} .spec-diagnostics__severity`);
    return found && getComputedStyle(found).color;
  };
  return {border: getComputedStyle(box).borderLeftColor, error: label('error'),
          warning: label('warning')};
}
"""


def without_purpose(text: str) -> str:
    """``text`` with its "### Purpose" section emptied: a warning."""
    return re.sub(r"(### Purpose\n)(.*?)(?=\n### )", r"\1", text, flags=re.DOTALL)


def test_writing_under_serve_box_jump_editor_and_problems_page(serve, open_tab, make_site) -> None:
    # serve first: its server outlives the tabs, which livereload keeps polling it.
    from playwright.sync_api import expect

    broken = without_purpose(filled_spec("Payments", version="soon"))  # an error, a warning
    site = make_site(
        {"specs/payments.md": broken, "specs/orders.md": without_purpose(filled_spec())},
        plugin={"editor": "vscode"},
        extra={"theme": FOLLOW_SYSTEM},
    )
    server = serve(site)
    server.wait_for("specs/problems/", lambda html: "spec-problems__doc" in html)

    # A styled box per severity, every part at AA in both schemes, errors and warnings apart.
    looks: dict[tuple[str, str], dict[str, str]] = {}
    for scheme in ("light", "dark"):
        tab = open_tab(scheme)
        for name, kind in (("payments", "failure"), ("orders", "warning")):
            goto(tab, f"{server.url}specs/{name}/", until="load")
            assert scheme_of(tab) == SCHEMES[scheme]
            tab.page.wait_for_function(
                "document.getAnimations().every(animation => animation.playState !== 'running')"
            )
            box = tab.page.locator("article > .spec-diagnostics")
            expect(box).to_be_visible()
            assert kind in (box.get_attribute("class") or "").split()
            for part in BOX_PARTS:
                for found in box.locator(f".spec-diagnostics__{part}").evaluate_all(
                    f"all => all.map({BADGE_COLOURS})"
                ):
                    assert found["visible"], (part, found)
                    ratio = contrast(found)
                    assert ratio >= AA, f"{scheme}, {name}: {part} at {ratio:.2f}:1 ({found})"
            looks[scheme, kind] = box.evaluate(SEVERITY_LOOKS)
        if scheme == "light":
            goto(tab, f"{server.url}specs/payments/", until="load")
            OUTPUT.mkdir(exist_ok=True)
            target = OUTPUT / "problem-box-light.png"
            # The box and the title under it, as a writer sees them.
            area = tab.page.locator("article").bounding_box()
            below = tab.page.locator("article > .spec-diagnostics").bounding_box()
            assert area is not None and below is not None
            height = below["y"] + below["height"] + 120 - area["y"]
            tab.page.screenshot(path=str(target), clip={**area, "height": height})
            if os.environ.get("MKDOCS_SPECS_SCREENSHOTS") == "1":
                README_SCREENSHOTS.mkdir(exist_ok=True)
                shutil.copyfile(target, README_SCREENSHOTS / target.name)
    for scheme in ("light", "dark"):
        failure, warning = looks[scheme, "failure"], looks[scheme, "warning"]
        assert failure["border"] != warning["border"], looks
        assert failure["error"] != failure["warning"] == warning["warning"], looks

    tab = open_tab()
    goto(tab, f"{server.url}specs/payments/", until="load")
    # The edit link opens the file at the line in VS Code, by its absolute path.
    spec = (site.docs / "specs" / "payments.md").resolve()
    edit = tab.page.locator(".spec-diagnostics__edit").first.get_attribute("href") or ""
    assert edit.startswith("vscode://file/") and f"vscode://file{spec.as_posix()}:" in edit
    # A click on a problem's line scrolls to the heading it is under.
    jump = tab.page.locator("[data-code='empty-section'] .spec-diagnostics__jump")
    assert jump.get_attribute("href") == "#purpose"
    assert tab.page.evaluate("window.scrollY") == 0
    jump.click()
    tab.page.wait_for_function(
        """() => {
          const top = document.getElementById('purpose').getBoundingClientRect().top;
          return location.hash === '#purpose' && window.scrollY > 0
            && top >= 0 && top < window.innerHeight / 2;
        }"""
    )

    # The problems page lists the broken specs, marks them in the navigation, and empties
    # once they are fixed.
    goto(tab, f"{server.url}specs/problems/", until="load")
    docs = tab.page.locator(".spec-problems__doc")
    expect(docs).to_have_count(2)
    link = docs.filter(has_text="Payments").locator("h2 a")
    assert link.get_attribute("href") == "../payments/#spec-problems"
    assert tab.page.locator("nav .md-status--spec-errors").count() == 1  # payments only
    site.write("specs/payments.md", filled_spec("Payments"))
    site.write("specs/orders.md", filled_spec())
    expect(docs).to_have_count(0, timeout=60_000)
    expect(tab.page.locator(".spec-problems__none")).to_be_visible()
