"""How `mkdocs-specs check` reads mkdocs.yml: the specs and settings of a build, without a build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Site, filled_spec, specs, without_git_info

from mkdocs_specs.cli.main import main
from mkdocs_specs.plugin.site_config import InvalidConfig, load_site_config


def run_in(site: Site, command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=site.root,
        env={**os.environ, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_reads_the_specs_a_build_reads(tmp_path: Path) -> None:
    """!ENV, INHERIT, docs_dir, exclude_docs, draft_docs and not_in_nav, as MkDocs reads them."""
    site = Site(tmp_path / "site")
    site.root.mkdir()
    (site.root / "base.yml").write_text(
        "site_name: Specs\n"
        "theme: {name: material}\n"
        "plugins:\n"
        "  - search\n"
        "  - specs:\n"
        "      specs_dir: !ENV [SPECS_FOLDER, nowhere]\n",
        encoding="utf-8",
    )
    (site.root / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "docs_dir: !ENV SITE_DOCS\n"
        "exclude_docs: |\n  design/old/\n"
        "draft_docs: |\n  design/wip.md\n"
        "not_in_nav: |\n  design/hidden.md\n",
        encoding="utf-8",
    )
    pages = {
        "index.md": "# Home\n",
        "design/orders.md": filled_spec("Orders"),
        "design/hidden.md": filled_spec("Hidden"),
        "design/wip.md": filled_spec("Wip"),
        "design/old/legacy.md": filled_spec("Legacy"),
        "design/.scratch.md": filled_spec("Scratch"),  # MkDocs leaves out dot files
        "design/api/index.md": filled_spec("Api"),
        "design/api/README.md": filled_spec("Readme"),  # left out: index.md has its URL
        "notes/orders.md": filled_spec("Notes"),  # outside specs_dir
    }
    for relative, text in pages.items():
        path = site.root / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    env = {"SITE_DOCS": "content", "SPECS_FOLDER": "design"}

    build = run_in(site, [sys.executable, "-m", "mkdocs", "build"], **env)
    assert build.returncode == 0, build.stderr
    exported = json.loads((site.site_dir / "specs.json").read_text(encoding="utf-8"))
    built = [spec["path"] for spec in exported["specs"]]
    status = specs(site.root, "status", "--format", "json", **env)
    assert status.returncode == 0, status.stderr
    checked = [spec["path"] for spec in json.loads(status.stdout)["specs"]]

    assert sorted(built) == ["design/api/index.md", "design/hidden.md", "design/orders.md"]
    assert sorted(checked) == [f"content/{path}" for path in sorted(built)]
    assert status.stderr == (
        "Warning: Excluding 'design/api/README.md' from the site because it conflicts with "
        "'design/api/index.md'.\n"
    )


def test_check_uses_the_sites_markdown_extensions(make_site) -> None:
    """attr_list strips `{#id}` from a heading, so the entity is named as in the build."""
    orders = filled_spec("Orders").replace("### OrdersRecord", "### OrdersRecord {#orders}")
    billing = filled_spec("Billing") + "\nSee [[OrdersRecord]].\n"
    site = make_site({"specs/orders.md": orders, "specs/billing.md": billing})
    without = site.check()
    assert without.returncode == 1
    assert '"[[OrdersRecord]]" names no known entity' in without.stdout
    with (site.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions: {attr_list: {}, toc: {permalink: true}}\n")
    checked = site.check()
    assert checked.returncode == 0, checked.stdout
    assert site.build().returncode == 0


def test_an_unknown_option_warns_but_mkdocs_own_options_are_left_to_the_build(make_site) -> None:
    """check validates what it reads; a missing theme or plugin is the build's to report."""
    site = make_site({"specs/orders.md": filled_spec("Orders")}, theme="no-such-theme")
    with (site.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("colour: red\nmarkdown_extensions: [no_such_extension]\n")
    result = site.check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert without_git_info(result.stderr).splitlines() == [
        "Warning: Config value 'colour': Unrecognised configuration name: colour",
        "Checked 1 spec: 0 invalid specs, 0 errors.",
    ]
    build = site.build()
    assert build.returncode == 1
    assert "no-such-theme" in build.stderr


def test_a_switched_off_plugin_leaves_its_defaults(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec("Orders")}, plugin={"enabled": False})
    result = site.check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert without_git_info(result.stderr) == "Checked 1 spec: 0 invalid specs, 0 errors.\n"
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(config.replace("false", "sometimes"), encoding="utf-8")
    bad = site.check()
    assert bad.returncode == 2
    assert bad.stderr == (
        "Error: mkdocs.yml: Config value 'plugins': Plugin 'specs' option 'enabled': "
        "Expected boolean but received: <class 'str'>\n"
    )


@pytest.mark.parametrize(
    ("plugins", "template"),
    [
        ("[search, specs]", None),
        ("[search, /specs]", None),
        ("[{specs: null}]", None),
        ("[{specs: {template: madr}}]", "madr"),
        ("{search: {}, specs: {template: nygard}}", "nygard"),
        ("[search]", "not listed"),
        ("[{specs: {enabled: false}}]", "not listed"),
    ],
)
def test_the_plugins_entry_is_read_in_each_form_mkdocs_takes(tmp_path, plugins, template) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: S\nplugins: {plugins}\n", encoding="utf-8")
    site, warnings = load_site_config(str(tmp_path / "mkdocs.yml"))
    assert warnings == []
    if template == "not listed":
        assert site.plugins is None
    else:
        assert site.plugins is not None and site.plugins.template == template


def test_a_plugins_entry_mkdocs_rejects_is_rejected(tmp_path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("plugins: [{specs: {}, search: {}}]\n", encoding="utf-8")
    with pytest.raises(InvalidConfig) as raised:
        load_site_config(str(tmp_path / "mkdocs.yml"))
    assert raised.value.errors == ["Config value 'plugins': Invalid Plugins configuration"]


@pytest.mark.parametrize("name", ["properdocs.yml", "properdocs.yaml"])
def test_check_finds_the_config_file_of_properdocs(name: str, tmp_path, monkeypatch) -> None:
    (tmp_path / name).write_text(
        "site_name: S\nplugins:\n  - specs:\n      specs_dir: rfcs\n", encoding="utf-8"
    )
    rfcs = tmp_path / "docs" / "rfcs"
    rfcs.mkdir(parents=True)
    (rfcs / "bad.md").write_text("# Not a spec\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("docs/rfcs/bad.md:1:1: error [missing-field]")
