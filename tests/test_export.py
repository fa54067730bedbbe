"""specs.json: content per PRODUCT.md, stable bytes, escaping, where (or whether) it is written."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import Site, create_site, filled_spec
from htmltree import parse

from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.entities import CatalogOptions
from mkdocs_specs.core.template import load_template
from mkdocs_specs.plugin.anchors import TocIds
from mkdocs_specs.render.specs_json import lines

EVIL = '"><img src=x onerror=alert(1)>'
PAGES = {
    "specs/orders.md": filled_spec("Orders", status="Approved"),
    "specs/billing.md": filled_spec("Billing", status="Review")
    + "\n\n## Notes\n\nEach bill belongs to one [[OrdersRecord]].\n",
    "specs/legacy.md": filled_spec("Legacy", status="Deprecated"),
    "specs/evil.md": filled_spec("Evil &lt;script&gt;x&lt;/script&gt;", status="Draft").replace(
        "Ada Lovelace", EVIL
    ),
}
SPEC_KEYS = [
    "category",
    "diagnostics",
    "entities",
    "fields",
    "path",
    "references",
    "relations",
    "review_due",
    "sections",
    "status",
    "title",
    "type",
    "url",
]


def built(
    root, directory_urls: bool, theme: str, plugin: dict | None = None, in_process: bool = False
) -> Site:
    site = create_site(
        root,
        PAGES,
        plugin={"fail_on": "never", **(plugin or {})},
        theme=theme,
        extra={"use_directory_urls": directory_urls},
    )
    if in_process:  # for the sites that tests only read
        site.build_in_process()
        return site
    result = site.build()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[bool, Site]:
    return {
        True: built(tmp_path_factory.mktemp("dir"), True, "material", in_process=True),
        False: built(tmp_path_factory.mktemp("files"), False, "mkdocs", in_process=True),
    }


def load(site: Site, name: str = "specs.json") -> dict:
    return json.loads((site.site_dir / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("directory_urls", [True, False])
def test_specs_json_content(sites, directory_urls: bool) -> None:
    site = sites[directory_urls]
    data = load(site)
    assert data["version"] == 1
    specs = data["specs"]
    assert [spec["path"] for spec in specs] == sorted(PAGES)
    assert all(sorted(spec) == SPEC_KEYS for spec in specs)
    by_path = {spec["path"]: spec for spec in specs}

    orders = by_path["specs/orders.md"]
    assert orders["title"] == "Specification: Orders"
    assert orders["status"] == "Approved"
    assert orders["category"] == "accepted"
    assert orders["url"] == ("specs/orders/" if directory_urls else "specs/orders.html")
    page = orders["url"] + ("index.html" if directory_urls else "")
    assert (site.site_dir / page).is_file()
    assert orders["fields"]["Last Updated"] == "2026-02-01"
    assert orders["fields"]["Technical Lead"] == "Ada Lovelace"
    assert {"title": "Overview", "level": 2, "line": 11} in orders["sections"]
    assert {"title": "Purpose", "level": 3, "line": 13} in orders["sections"]
    assert orders["diagnostics"] == []
    record = {"name": "OrdersRecord", "kind": "model", "url": orders["url"] + "#ordersrecord"}
    assert record in orders["entities"]

    legacy = by_path["specs/legacy.md"]
    assert legacy["status"] is None and legacy["fields"]["Status"] == "Deprecated"
    assert [d["code"] for d in legacy["diagnostics"]] == ["unknown-status"]
    problem = legacy["diagnostics"][0]
    assert problem["path"] == "specs/legacy.md" and problem["severity"] == "error"
    assert problem["line"] == 6 and problem["hint"]

    billing = by_path["specs/billing.md"]
    assert any(r["name"] == "OrdersRecord" for r in billing["references"])


@pytest.mark.parametrize("directory_urls", [True, False])
def test_entities_map_points_at_built_anchors(sites, directory_urls: bool) -> None:
    site = sites[directory_urls]
    entity = load(site)["entities"]["OrdersRecord"]
    assert entity["spec"] == "specs/orders.md"
    assert entity["referenced_by"] == ["specs/billing.md"]
    path, anchor = entity["url"].split("#")
    html = site.html(path + ("index.html" if directory_urls else ""))
    assert parse(html).find_all(id=anchor)


def test_rebuilds_are_byte_identical(sites, tmp_path) -> None:
    site = sites[True]
    first = (site.site_dir / "specs.json").read_bytes()
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert (site.site_dir / "specs.json").read_bytes() == first
    # Nothing of the machine leaks in either: the same sources elsewhere give the same bytes.
    copy = Site(tmp_path / "copy")
    shutil.copytree(site.root, copy.root, ignore=shutil.ignore_patterns("site"))
    assert copy.build().returncode == 0
    assert (copy.site_dir / "specs.json").read_bytes() == first


def test_keys_are_sorted_and_specs_ordered_by_path(sites) -> None:
    text = (sites[True].site_dir / "specs.json").read_text(encoding="utf-8")

    def sorted_pairs(pairs: list[tuple[str, object]]) -> dict:
        keys = [key for key, _ in pairs]
        assert keys == sorted(keys)
        return dict(pairs)

    json.loads(text, object_pairs_hook=sorted_pairs)
    assert text.endswith("}\n")


def test_spec_text_is_escaped_in_the_json(sites) -> None:
    text = (sites[True].site_dir / "specs.json").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text  # safe to inline in a <script> element
    evil = next(spec for spec in json.loads(text)["specs"] if spec["path"] == "specs/evil.md")
    assert evil["title"] == "Specification: Evil <script>x</script>"
    assert evil["fields"]["Technical Lead"] == EVIL


def test_export_path_and_switching_it_off(tmp_path) -> None:
    site = built(tmp_path / "nested", True, "material", {"export": "data/catalogue.json"})
    assert not (site.site_dir / "specs.json").exists()
    assert len(load(site, "data/catalogue.json")["specs"]) == len(PAGES)
    site = built(tmp_path / "off", True, "material", {"export": False})
    assert [p.name for p in site.site_dir.rglob("*.json")] == ["search_index.json"]


def test_export_data_from_the_core() -> None:
    """No MkDocs involved: paths in any order come out sorted, URLs from the mapping."""
    sources = [Source(path, PAGES[path]) for path in reversed(sorted(PAGES))]
    options = CatalogOptions(heading_ids=TocIds())
    report = check_sources(sources, load_template(), catalog_options=options)
    text = "".join(lines(report, {"specs/orders.md": "o/"}))
    data = json.loads(text)
    assert [spec["path"] for spec in data["specs"]] == sorted(PAGES)
    urls = {spec["path"]: spec["url"] for spec in data["specs"]}
    assert urls["specs/orders.md"] == "o/" and urls["specs/legacy.md"] == ""
    assert data["entities"]["OrdersRecord"]["url"] == "o/#ordersrecord"
    assert text == "".join(lines(report, {"specs/orders.md": "o/"}))
