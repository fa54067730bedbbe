"""The plugin never writes under docs_dir, and a bad configuration is a clear error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import filled_spec, poll_until

from mkdocs_specs.plugin.config import SpecsConfig

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file and folder under ``root``: its bytes (files) and modification time."""
    found: Snapshot = {}
    for path in sorted(root.rglob("*")):
        data = path.read_bytes() if path.is_file() else b"<dir>"
        found[str(path.relative_to(root))] = (data, path.stat().st_mtime_ns)
    return found


DEEP = "# Specification: Deep\n\n" + "".join(" " * 4 * i + "- x\n" for i in range(150))
PAGES = {
    "specs/ok.md": filled_spec("Orders"),
    "specs/draft.md": filled_spec("Drafts", status="Draft").replace("Ada Lovelace", "[Name]"),
    "specs/bad.md": "---\nstatus: [unclosed\n---\n# Not a spec title\n",
    "specs/deep.md": DEEP,
    # An author-written index: the plugin fills its marker in the page, never in the file.
    "specs/index.md": "# Our specs\n\n<!-- specs:index -->\n",
}


@pytest.fixture
def site(make_site):
    site = make_site(PAGES, plugin={"fail_on": "never"})
    (site.docs / "specs" / "binary.md").write_bytes(bytes(range(256)))
    # Old mtimes, so that any rewrite, even of the same bytes, shows.
    for path in site.docs.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return site


def test_build_writes_nothing_under_docs_dir(site) -> None:
    before = snapshot(site.docs)
    done = site.build()
    assert done.returncode == 0, done.stderr
    assert (site.site_dir / "specs" / "ok" / "index.html").is_file()
    assert snapshot(site.docs) == before
    done = site.build("--dirty")
    assert done.returncode == 0, done.stderr
    assert snapshot(site.docs) == before


def test_check_writes_nothing_under_docs_dir(site) -> None:
    before = snapshot(site.root)
    done = site.check()
    assert done.returncode == 1, done.stderr
    assert snapshot(site.root) == before


def test_serve_session_writes_nothing_under_docs_dir(site, serve) -> None:
    """Rebuilds come from a watched folder outside docs_dir; docs_dir must stay as it was."""
    watched = site.root / "watched"
    watched.mkdir()
    (watched / "trigger.txt").write_text("0", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "watch:\n- watched\n", "utf-8")
    before = snapshot(site.docs)
    server = serve(site)
    server.wait_for("specs/ok/", lambda html: "spec-badge" in html)
    for round_ in range(1, 4):
        (watched / "trigger.txt").write_text(str(round_), encoding="utf-8")
        poll_until(
            lambda round_=round_: server.output().count("Building documentation") > round_,
            60,
            server.output,
        )
        server.wait_for("specs/", lambda html: "spec-index" in html)
    server.stop()
    assert "Traceback" not in server.log_path.read_text(encoding="utf-8")
    assert snapshot(site.docs) == before


# -- Bad configuration -----------------------------------------------------------------------

BAD = {
    "missing template": ({"template": "missing.md"}, "template", "isn't an existing file"),
    "template with no sections": (
        {"template": "flat.md"},
        "template",
        "the template has no sections",
    ),
    "unknown key": ({"tempalte": "x.md"}, "tempalte", "did you mean 'template'"),
    "unknown key, nothing close": ({"colour": "red"}, "colour", "known: aliases, autolink"),
    "fail_on of the wrong kind": ({"fail_on": "sometimes"}, "fail_on", "sometimes"),
    "specs_dir not text": (
        {"specs_dir": 3},
        "specs_dir",
        "Expected a folder inside docs_dir, got 3",
    ),
    "index not a path": ({"index": 5}, "index", "Expected a path or false"),
    "export outside the site": ({"export": "../out.json"}, "export", "inside site_dir"),
    "autolink unknown": ({"autolink": "always"}, "autolink", "always"),
    "show_diagnostics a boolean": ({"show_diagnostics": True}, "show_diagnostics", "True"),
    "status category misspelt": (
        {"statuses": {"on hold": "inactve"}},
        "statuses",
        "did you mean 'inactive'",
    ),
    "statuses not a mapping": ({"statuses": ["parked"]}, "statuses", "Expected a mapping"),
    "templates_dir missing": ({"templates_dir": "nowhere"}, "templates_dir", "existing"),
}


@pytest.fixture
def bad_site(make_site, request):
    options, _, _ = BAD[request.param]
    site = make_site({"specs/ok.md": filled_spec()}, plugin=options)
    (site.root / "flat.md").write_text("# Specification: [Name]\n\nNo sections.\n", "utf-8")
    return site


@pytest.mark.parametrize("bad_site", sorted(BAD), indirect=True)
def test_bad_configuration_is_a_clear_config_error_in_build(bad_site, request) -> None:
    _, key, words = BAD[request.node.callspec.params["bad_site"]]
    (error,) = [line for line in bad_site.config_errors() if line.startswith("ERROR")]
    assert f"Plugin 'specs' option '{key}'" in error and words in error, error


@pytest.mark.parametrize("bad_site", ["unknown key"], indirect=True)
def test_a_bad_option_stops_mkdocs_build_with_exit_1_and_no_traceback(bad_site) -> None:
    done = bad_site.build()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    error = next(line for line in done.stderr.splitlines() if line.startswith("ERROR"))
    assert "Plugin 'specs' option 'tempalte'" in error, error
    assert "Aborted with a configuration error" in done.stdout + done.stderr


@pytest.mark.parametrize("bad_site", sorted(BAD), indirect=True)
def test_bad_configuration_is_usage_error_2_in_check(bad_site, request) -> None:
    _, key, words = BAD[request.node.callspec.params["bad_site"]]
    done = bad_site.check()
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines  # one line, naming the option
    assert f"'{key}'" in lines[0] and words in lines[0], lines
    assert done.stdout == ""


def test_every_option_is_known_to_the_unknown_key_check() -> None:
    config = SpecsConfig()
    config.load_dict({"specs_dir": "specs", "fail_on": "never"})
    failed, warnings = config.validate()
    assert failed == [] and warnings == []
