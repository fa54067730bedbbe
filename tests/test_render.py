"""Status badge, metadata card, navigation marks and stylesheet on real builds.

One site of specs in every status and every header form, built with Material and with MkDocs'
own theme, each with ``use_directory_urls`` true and false.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import Site, create_site, filled_spec
from htmltree import Node, content, parse

from mkdocs_specs.core.statuses import CATEGORIES

HEADER = re.compile(r"(?s)\n\*\*Document Type\*\*.*?\n(?=\n## Overview)")
EVIL = '"><img src=x onerror=alert(1)>'


def header_lines(text: str) -> list[str]:
    return [line.rstrip() for line in HEADER.search(text).group(0).strip().splitlines()]


def with_header(text: str, header: str) -> str:
    return HEADER.sub(lambda _: "\n" + header + "\n", text, count=1)


def as_list(text: str) -> str:
    return with_header(text, "\n".join(f"- {line}" for line in header_lines(text)))


def as_table(text: str) -> str:
    rows = [line.split(": ", 1) for line in header_lines(text)]
    table = ["| Field | Value |", "| --- | --- |", *(f"| {k} | {v} |" for k, v in rows)]
    return with_header(text, "\n".join(table))


def as_front_matter(text: str) -> str:
    rows = [line.split(": ", 1) for line in header_lines(text)]
    meta = "\n".join(f"{key.strip('*').lower().replace(' ', '_')}: '{v}'" for key, v in rows)
    body = with_header(text, "This spec is written with front matter.")
    return f"---\n{meta}\n---\n\n{body}"


APPROVED = filled_spec("Approved One", status="Approved").replace(
    "**Feature/Epic**: SHOP-1", "**Feature/Epic**: [SHOP-1](review.md) and `code`"
)
PAGES = {
    "specs/draft.md": filled_spec("Draft One", status="Draft"),
    "specs/review.md": as_list(filled_spec("Review One", status="review")),
    "specs/approved.md": APPROVED,
    "specs/implemented.md": as_table(filled_spec("Implemented One", status="Implemented")),
    "specs/front.md": as_front_matter(filled_spec("Front One", status="Approved")),
    "specs/paused.md": filled_spec("Paused One", status="On Hold"),
    "specs/nostatus.md": filled_spec("No Status").replace("**Status**: Approved  \n", ""),
    "specs/untitled.md": filled_spec("Untitled").replace("# Specification: Untitled\n", ""),
    "specs/evil.md": filled_spec("Evil", status=EVIL).replace("Ada Lovelace", f"Eve{EVIL}"),
}
STYLES = [
    ("material", True),
    ("material", False),
    ("mkdocs", True),
    ("mkdocs", False),
]


def output(src: str, directory_urls: bool) -> str:
    stem = src[: -len(".md")]
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[tuple[str, bool], Site]:
    built = {}
    for theme, directory_urls in STYLES:
        site = create_site(
            tmp_path_factory.mktemp(f"{theme}-{directory_urls}"),
            PAGES,
            plugin={"fail_on": "never"},
            theme=theme,
            extra={
                "use_directory_urls": directory_urls,
                "extra_css": ["mine.css"],
                "extra": {"status": {"approved": "Signed off"}},
            },
        )
        site.write("mine.css", "/* the user's own */\n")
        site.build_in_process()  # raises if the build fails
        built[theme, directory_urls] = site
    return built


def page(site: Site, src: str, directory_urls: bool) -> Node:
    return parse(site.html(output(src, directory_urls)))


def badge_after_title(root: Node) -> Node:
    title = content(root).find("h1")
    badge = title.next_element()
    assert badge is not None and badge.tag == "span", "the badge must follow the H1"
    return badge


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("src", "classes", "status", "text"),
    [
        ("specs/draft.md", "draft cat-draft", "Draft", "Draft"),
        ("specs/review.md", "review cat-review", "Review", "Review"),  # written "review"
        ("specs/approved.md", "approved cat-accepted", "Approved", "Approved"),
        ("specs/implemented.md", "implemented cat-done", "Implemented", "Implemented"),
        ("specs/front.md", "approved cat-accepted", "Approved", "Approved"),
        # Unknown: no category, whatever the words ("on hold" is inactive) say.
        ("specs/paused.md", "unknown", "On Hold", "Unknown status"),
        ("specs/nostatus.md", "unknown", "unknown", "Unknown status"),
    ],
)
def test_badge_right_after_the_title(sites, style, src, classes, status, text) -> None:
    site = sites[style]
    html = site.html(output(src, style[1]))
    modifiers = [f"spec-badge--{name}" for name in classes.split()]
    attrs = f'class="spec-badge {" ".join(modifiers)}" data-spec-status="{status}"'
    exact = f"<span {attrs}>{text}</span>"
    assert html.count(exact) == 1
    assert re.search(r"</h1>\s*" + re.escape(exact), html)
    badge = badge_after_title(parse(html))
    assert badge.classes == ["spec-badge", *modifiers]
    assert badge.attrs["data-spec-status"] == status and badge.text == text
    assert len(parse(html).find_all(cls="spec-badge")) == 1


@pytest.mark.parametrize("style", STYLES)
def test_without_a_title_the_badge_opens_the_content(sites, style) -> None:
    main = content(page(sites[style], "specs/untitled.md", style[1]))
    elements = [part for part in main.parts if not isinstance(part, str) or part.strip()]
    if elements[0].tag == "h1" and "id" not in elements[0].attrs:
        elements.pop(0)  # Material's own title for a page without one
    first = elements[0]
    assert isinstance(first, Node) and first.classes == [
        "spec-badge",
        "spec-badge--approved",
        "spec-badge--cat-accepted",
    ]
    assert first.next_element().tag == "dl"


@pytest.mark.parametrize("style", STYLES)
def test_card_replaces_the_header_lines(sites, style) -> None:
    site, directory_urls = sites[style], style[1]
    root = page(site, "specs/approved.md", directory_urls)
    card = badge_after_title(root).next_element()
    assert card.tag == "dl" and card.classes == ["spec-card"]
    terms = [node.text for node in card.find_all("dt")]
    assert terms == [
        "Document Type",
        "Created",
        "Last Updated",
        "Status",
        "Technical Lead",
        "Feature/Epic",
        "Version",
    ]
    values = {dt.attrs["data-spec-field"]: dd for dt, dd in zip(*_pairs(card), strict=True)}
    assert values["created"].find("time").attrs["datetime"] == "2026-01-10"
    assert values["lastupdated"].find("time").text == "2026-02-01"
    assert values["technicallead"].text == "Ada Lovelace"
    # Markup in a value survives, and MkDocs resolves its links like any other.
    epic = values["featureepic"]
    assert epic.find("code").text == "code"
    href = epic.find("a").attrs["href"]
    here = output("specs/approved.md", directory_urls)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), href))
    target += "/index.html" if href.endswith("/") else ""
    assert target == output("specs/review.md", directory_urls)
    # The run-on paragraph is gone from the page, not from the source.
    main = content(root)
    assert not [s for s in main.find_all("strong") if s.text == "Document Type"]
    source = (site.docs / "specs/approved.md").read_text(encoding="utf-8")
    assert source == PAGES["specs/approved.md"]


def _pairs(card: Node) -> tuple[list[Node], list[Node]]:
    return card.find_all("dt"), card.find_all("dd")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("src", ["specs/review.md", "specs/implemented.md", "specs/front.md"])
def test_card_from_a_list_a_table_or_front_matter(sites, style, src) -> None:
    root = page(sites[style], src, style[1])
    card = badge_after_title(root).next_element()
    assert card.classes == ["spec-card"]
    values = {dt.text: dd.text for dt, dd in zip(*_pairs(card), strict=True)}
    assert values["Version"] == "1.0" and values["Technical Lead"] == "Ada Lovelace"
    assert card.find("dd", data_spec_field="created").find("time").attrs["datetime"] == "2026-01-10"
    main = content(root)
    assert not main.find_all("table") or "Document Type" not in main.find("table").text
    assert not [li for li in main.find_all("li") if li.text == "Version: 1.0"]
    if src == "specs/front.md":  # prose under the title is not a header: it stays
        assert "This spec is written with front matter." in main.text


@pytest.mark.parametrize("style", STYLES)
def test_spec_text_is_escaped_in_badge_and_card(sites, style) -> None:
    html = sites[style].html(output("specs/evil.md", style[1]))
    root = parse(html)
    assert not root.find_all("img", src="x")
    assert "onerror=alert(1)>" not in html.replace("&gt;", "")  # only ever as text
    badge = badge_after_title(root)
    assert badge.classes == ["spec-badge", "spec-badge--unknown"]
    assert badge.attrs["data-spec-status"] == EVIL and badge.text == "Unknown status"
    card = badge.next_element()
    assert card.find("dd", data_spec_field="technicallead").text == f"Eve{EVIL}"
    assert card.find("dd", data_spec_field="status").text == EVIL


def test_material_marks_spec_pages_in_the_navigation(sites) -> None:
    root = page(sites["material", True], "specs/draft.md", True)
    by_class = {
        next(c for c in node.classes if c.startswith("md-status--")): node.attrs.get("title")
        for node in root.find_all(cls="md-status")
    }
    # The template's statuses get a title unless the user gave one; unknown ones no mark.
    assert by_class == {
        "md-status--draft": "Draft",
        "md-status--review": "Review",
        "md-status--approved": "Signed off",
        "md-status--implemented": "Implemented",
    }
    assert len(root.find_all(cls="md-status--approved")) == 3  # approved, front, untitled


def test_nav_status_false_leaves_the_navigation_unmarked(make_site) -> None:
    pages = {"specs/orders.md": filled_spec("Orders"), "specs/billing.md": filled_spec("Billing")}
    site = make_site(pages, plugin={"nav_status": False})
    assert site.build_in_process(strict=True) == []
    root = parse(site.html("specs/orders/index.html"))
    assert root.find_all(cls="md-nav__link")  # the navigation is there, without marks
    assert not root.find_all(cls="md-status")
    assert badge_after_title(root).attrs["data-spec-status"] == "Approved"


@pytest.mark.parametrize("style", STYLES)
def test_stylesheet_is_shipped_before_the_users_own(sites, style) -> None:
    site, directory_urls = sites[style], style[1]
    root = page(site, "specs/draft.md", directory_urls)
    sheets = [link.attrs["href"] for link in root.find_all("link", rel="stylesheet")]
    ours = [i for i, href in enumerate(sheets) if href.endswith("mkdocs-specs.css")]
    mine = [i for i, href in enumerate(sheets) if href.endswith("mine.css")]
    assert len(ours) == 1 and mine and ours[0] < mine[0]
    assert (site.site_dir / "assets/stylesheets/mkdocs-specs.css").is_file()


# --- colours: every status readable (WCAG AA) in light and dark schemes -------------------

CSS = (Path(__file__).parent.parent / "mkdocs_specs" / "plugin" / "assets" / "specs.css").read_text(
    "utf-8"
)
PAGE_BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}  # white; Material's slate


def _block(selector: str) -> dict[str, str]:
    body = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", CSS).group(1)
    return dict(re.findall(r"(--spec-status-[\w-]+):\s*(#[0-9a-f]{6})", body))


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("category", [*CATEGORIES, "unknown"])
def test_badge_colours_are_readable(scheme: str, category: str) -> None:
    colours = _block(":root" if scheme == "light" else '[data-md-color-scheme="slate"]')
    text = colours[f"--spec-status-{category}-color"]
    background = colours[f"--spec-status-{category}-bg"]
    assert contrast(text, background) >= 4.5
    assert contrast(text, PAGE_BACKGROUNDS[scheme]) >= 4.5  # nav marks, bars, problem counts
    selector = ".spec-badge--unknown" if category == "unknown" else f".spec-badge--cat-{category}"
    assert f"{selector} {{" in CSS
    assert f"var(--spec-status-{category}-color)" in CSS


def test_dark_colours_apply_to_both_themes_dark_modes() -> None:
    assert re.search(r'\[data-md-color-scheme="slate"\],\s*\[data-bs-theme="dark"\]\s*\{', CSS)
    for status in ("draft", "review", "approved", "implemented"):
        assert f".md-status--{status}::after" in CSS
