"""The templates' environment: overrides, and the compiled templates Jinja keeps between
builds."""

from __future__ import annotations

import jinja2
import pytest

from mkdocs_specs.render import jinja
from mkdocs_specs.render.header import Badge


def _badge(override_dir: str | None = None) -> str:
    badge = Badge("draft", "Draft", "Draft", "draft")
    return jinja.render("badge.html", override_dir, badge=badge)


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A cache folder of the test's own, and environments made afresh, as by a new build."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(jinja, "_compiled_templates", lambda: jinja._CompiledTemplates(str(folder)))
    jinja.environment.cache_clear()
    yield folder
    jinja.environment.cache_clear()


def test_a_build_after_the_first_loads_the_templates_compiled(fresh, monkeypatch) -> None:
    first = _badge()
    assert len(list(fresh.iterdir())) == 1  # badge.html, compiled
    jinja.environment.cache_clear()

    def compiled(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", compiled)
    assert _badge() == first


def test_an_edited_override_is_compiled_again(fresh, tmp_path) -> None:
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "badge.html").write_text("<b>{{ badge.label }}</b>", encoding="utf-8")
    assert _badge(str(ours)) == "<b>Draft</b>"
    (ours / "badge.html").write_text("<i>{{ badge.label }}</i>", encoding="utf-8")
    jinja.environment.cache_clear()
    assert _badge(str(ours)) == "<i>Draft</i>"


def test_a_cache_that_cannot_be_written_or_read_costs_only_a_compilation(
    fresh, monkeypatch, tmp_path
) -> None:
    expected = _badge()
    for cached in fresh.iterdir():  # Jinja's mark, then what it could not have written
        cached.write_bytes(jinja2.bccache.bc_magic + b"\x80\x04 not a pickle")
    jinja.environment.cache_clear()
    assert _badge() == expected
    missing = tmp_path / "gone"  # no folder to write into
    monkeypatch.setattr(
        jinja, "_compiled_templates", lambda: jinja._CompiledTemplates(str(missing))
    )
    jinja.environment.cache_clear()
    assert _badge() == expected


def test_without_a_folder_of_its_own_templates_are_compiled_each_time(monkeypatch) -> None:
    def unsafe(self) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "_get_default_cache_dir", unsafe)
    assert jinja._compiled_templates() is None
