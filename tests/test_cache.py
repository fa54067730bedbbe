"""The per-spec cache: a rebuild reads again only what changed, and stays exactly right."""

from __future__ import annotations

import datetime
import gc
import re
import shutil
from pathlib import Path

import yaml
from conftest import TEMPLATE, Site, filled_spec, specs

from mkdocs_specs.core.check import Report, Source, SpecCache, check_sources
from mkdocs_specs.core.template import load_template, parse_template

TODAY = datetime.date(2026, 3, 1)


def _sources(texts: dict[str, str]) -> list[Source]:
    return [Source(path, text) for path, text in texts.items()]


def _summary(report: Report) -> tuple[object, ...]:
    """Everything a report tells: each spec's problems and status, and the catalogue."""
    catalog = report.catalog
    return (
        [(spec.path, spec.status, spec.diagnostics) for spec in report.specs],
        catalog.entities,
        catalog.references,
        catalog.diagnostics,
        dict(catalog.titles),
    )


def _check(texts: dict[str, str], cache: SpecCache | None = None, template=None) -> Report:
    return check_sources(_sources(texts), template or load_template(), TODAY, cache=cache)


def _specs() -> dict[str, str]:
    payments = filled_spec("Payments").replace(
        "## Overview", "## Overview\n\nPayments settle each [[OrdersRecord]].\n", 1
    )
    return {
        "specs/orders.md": filled_spec("Orders"),
        "specs/payments.md": payments,
        "specs/shipping.md": filled_spec("Shipping", status="Draft"),
    }


def test_checking_again_reads_only_the_changed_spec() -> None:
    cache = SpecCache()
    texts = _specs()
    first = _check(texts, cache)
    assert (cache.stats.computed, cache.stats.reused) == (3, 0)

    again = _check(texts, cache)
    assert (cache.stats.computed, cache.stats.reused) == (3, 3)
    assert _summary(again) == _summary(first)

    # Orders renames its entity: only orders.md is read again, yet payments.md, taken from
    # the cache, now has an unresolved reference, exactly as a check from scratch says.
    texts["specs/orders.md"] = texts["specs/orders.md"].replace("OrdersRecord", "OrderRecord")
    edited = _check(texts, cache)
    assert (cache.stats.computed, cache.stats.reused) == (4, 5)
    assert _summary(edited) == _summary(_check(texts))
    payments = edited.spec("specs/payments.md")
    assert payments is not None
    assert [d.code for d in payments.diagnostics] == ["unresolved-reference"]

    # Reverting is a change like any other, and brings the first report back.
    texts["specs/orders.md"] = _specs()["specs/orders.md"]
    assert _summary(_check(texts, cache)) == _summary(first)
    assert (cache.stats.computed, cache.stats.reused) == (5, 7)


def test_renamed_and_deleted_specs_leave_the_cache() -> None:
    cache = SpecCache()
    texts = _specs()
    _check(texts, cache)
    texts["specs/delivery.md"] = texts.pop("specs/shipping.md")
    del texts["specs/payments.md"]
    report = _check(texts, cache)
    assert len(cache) == 2  # bounded to the files there are now
    assert [spec.path for spec in report.specs] == ["specs/delivery.md", "specs/orders.md"]
    assert _summary(report) == _summary(_check(texts))
    # A renamed file names its new path in every diagnostic, so it is read again.
    assert (cache.stats.computed, cache.stats.reused) == (4, 1)


def test_a_new_template_or_a_new_day_reads_everything_again() -> None:
    cache = SpecCache()
    texts = _specs()
    _check(texts, cache)
    template = parse_template(TEMPLATE.read_text(encoding="utf-8"), "other.md")
    _check(texts, cache, template)
    assert (cache.stats.computed, cache.stats.reused) == (6, 0)
    check_sources(_sources(texts), template, TODAY + datetime.timedelta(days=1), cache=cache)
    assert (cache.stats.computed, cache.stats.reused) == (9, 0)


def test_an_unreadable_spec_is_cached_by_its_error() -> None:
    cache = SpecCache()
    sources = [Source.from_bytes("specs/bad.md", b"\xff\xfe# x"), *_sources(_specs())]
    first = check_sources(sources, load_template(), TODAY, cache=cache)
    again = check_sources(sources, load_template(), TODAY, cache=cache)
    assert _summary(again) == _summary(first)
    assert (cache.stats.computed, cache.stats.reused) == (4, 4)
    bad = again.spec("specs/bad.md")
    assert bad is not None and not bad.readable


# --- a real `mkdocs serve`, compared after each edit with a fresh `mkdocs build` -------------

_LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>(?=</body>)", re.DOTALL)


def _fresh_build(site: Site, root: Path, site_url: str) -> Site:
    """A copy of the site's sources, built from scratch as `mkdocs serve` builds them."""
    fresh = Site(root)
    shutil.copytree(site.docs, fresh.docs)
    config = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = site_url  # what `mkdocs serve` sets
    (fresh.root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    fresh.build_in_process()  # a plugin and a cache of their own: from scratch
    return fresh


def _assert_serves_a_fresh_build(site: Site, server, root: Path) -> None:
    fresh = _fresh_build(site, root, server.url)
    # specs.json is written last: once it matches, the rebuild has written every page.
    server.wait_for("specs.json", lambda text: text == fresh.html("specs.json"))
    pages = sorted(
        path.relative_to(fresh.site_dir) for path in fresh.site_dir.glob("specs/**/*.html")
    )
    assert pages, "the fresh build has no spec pages"
    for page in pages:
        expected = fresh.html(str(page))
        served = server.wait_for(
            str(page).removesuffix("index.html"),
            lambda html, expected=expected: _LIVERELOAD.sub("", html) == expected,
        )
        assert _LIVERELOAD.sub("", served) == expected


def test_serve_rebuilds_match_fresh_builds_after_edits_reverts_and_renames(
    make_site, serve, tmp_path
) -> None:
    original = _specs()
    site = make_site(original, plugin={"show_diagnostics": "always", "fail_on": "never"})
    server = serve(site)
    _assert_serves_a_fresh_build(site, server, tmp_path / "fresh-0")

    # One spec breaks: a problem of its own and a reference to nothing.
    site.write(
        "specs/payments.md",
        original["specs/payments.md"]
        .replace("**Status**: Approved", "**Status**: Shipped")
        .replace("Payments settle each", "Payments settle each [[Ghost]] and"),
    )
    _assert_serves_a_fresh_build(site, server, tmp_path / "fresh-1")

    # Another spec renames the entity the first one refers to: only orders.md changed, and
    # payments.md must still get its new unresolved reference.
    site.write("specs/orders.md", original["specs/orders.md"].replace("OrdersRecord", "Order"))
    _assert_serves_a_fresh_build(site, server, tmp_path / "fresh-2")

    # Both reverted: back to where it started.
    site.write("specs/orders.md", original["specs/orders.md"])
    site.write("specs/payments.md", original["specs/payments.md"])
    _assert_serves_a_fresh_build(site, server, tmp_path / "fresh-3")

    # A spec renamed: the old page is gone, the new one is there, nothing stale remains.
    (site.docs / "specs/shipping.md").rename(site.docs / "specs/delivery.md")
    _assert_serves_a_fresh_build(site, server, tmp_path / "fresh-4")
    assert "specs/shipping.md" not in server.get("specs.json")
    assert server.process.poll() is None


def test_the_garbage_collector_waits_while_specs_are_checked_and_only_then() -> None:
    # Each of its passes would walk every spec read so far: a large site's check would grow
    # faster than its number of specs.
    seen: list[bool] = []

    def sources():
        for name in ("a", "b"):
            seen.append(gc.isenabled())
            yield Source(f"specs/{name}.md", filled_spec(name.upper()))

    assert gc.isenabled()
    report = check_sources(sources(), load_template(None))
    assert [spec.path for spec in report.specs] == ["specs/a.md", "specs/b.md"]
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_command_line_holds_the_collector_off_for_its_command_and_then_gives_it_back(
    tmp_path: Path,
) -> None:
    # In-process callers (and the suite) find the collector as they left it, whatever the
    # command's exit.
    (tmp_path / "a.md").write_text(filled_spec("A"), encoding="utf-8")
    assert specs(tmp_path, "check", "a.md").returncode == 0
    assert gc.isenabled()
    assert specs(tmp_path, "check", "missing.md").returncode == 2
    assert gc.isenabled()
    gc.disable()
    try:
        specs(tmp_path, "check", "a.md")
        assert not gc.isenabled()
    finally:
        gc.enable()
