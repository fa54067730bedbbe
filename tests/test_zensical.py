"""Zensical runs Python-Markdown extensions but no MkDocs plugins: `markdown_extensions:
[mkdocs_specs]` gives its sites the plugin's features, and `mkdocs-specs check` reads
`zensical.toml` to gate CI, as Zensical offers an extension no way to fail a build."""

from __future__ import annotations

import logging
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urljoin

import markdown
import pytest
from click.testing import CliRunner
from conftest import REPO, filled_spec, run, specs, without_git_info
from htmltree import parse

from mkdocs_specs.cli import main
from mkdocs_specs.plugin import host
from mkdocs_specs.plugin.config import load_options
from mkdocs_specs.plugin.standalone import say_what_to_watch

EXAMPLE = REPO / "example_site"


def test_what_the_extension_uses_of_zensical_is_there(tmp_path) -> None:
    """Fails loudly when Zensical changes its rendering context or its configuration."""
    from zensical.config import get_config, parse_config
    from zensical.extensions.context import ContextExtension, ContextPreprocessor, Page

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nuse_directory_urls: false\n", "utf-8")
    parse_config(str(tmp_path / "mkdocs.yml"))
    config = get_config()
    assert {
        "root_dir",
        "docs_dir",
        "use_directory_urls",
        "markdown_extensions",
        "mdx_configs",
    } <= set(config)
    site = host.site()
    assert site is not None
    assert (site.root, site.docs_dir, site.use_directory_urls) == (
        tmp_path.resolve(),
        tmp_path.resolve() / "docs",
        False,
    )
    page = Page(url="specs/a/", path="specs/a.md", meta={})
    md = markdown.Markdown(extensions=[ContextExtension(page=page, config=config)])
    assert ContextPreprocessor.from_markdown(md) is not None
    assert host.page_of(md) == host.HostPage("specs/a.md", "specs/a/")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> tuple[Path, str]:
    """The example site, built by `zensical build` as its users run it."""
    root = tmp_path_factory.mktemp("zensical") / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", "screenshots"))
    done = run([sys.executable, "-m", "zensical", "build"], cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site", done.stdout + done.stderr


def page(site: Path, name: str):
    return parse((site / name / "index.html").read_text(encoding="utf-8"))


def test_spec_pages_have_badges_cards_and_links(zensical_site) -> None:
    orders = page(zensical_site[0], "specs/orders")
    (badge,) = orders.find_all(cls="spec-badge")
    assert "spec-badge--cat-" in badge.attrs["class"]
    assert orders.find_all(cls="spec-card")
    links = [a.attrs["href"] for a in orders.find_all("a", cls="spec-ref")]
    assert any(href.startswith("../payments/#") for href in links), links
    assert orders.find_all(cls="spec-backlinks")


def test_a_code_span_naming_an_entity_links_to_it(zensical_site) -> None:
    # Zensical lists pymdownx.inlinehilite by default, which keeps code spans' text aside.
    page_ = page(zensical_site[0], "decisions/0001-store-orders-in-mysql")
    linked = [a.attrs["href"] for a in page_.find_all("a", cls="spec-ref") if a.find_all("code")]
    assert linked == ["../../specs/orders/#order"], linked


def test_the_index_fills_its_marker(zensical_site) -> None:
    index = page(zensical_site[0], "specs")
    rows = [a.attrs["href"] for a in index.find_all("a") if a.attrs.get("href", "").endswith("/")]
    assert {"orders/", "returns/", "payments/"} <= set(rows)
    assert "specs:index" not in (zensical_site[0] / "specs/index.html").read_text("utf-8")


def test_relation_and_index_links_land_on_their_docs(zensical_site) -> None:
    # Zensical rewrites the links of raw HTML as it does Markdown's, from the source file:
    # a link the plugin writes must still land on its doc.
    site = zensical_site[0]
    pages = ("decisions/0001-store-orders-in-mysql", "decisions/0003-store-orders-in-postgresql")
    links = [
        (name, a) for name in pages for a in page(site, name).find_all("a", cls="spec-relation")
    ]
    for table in page(site, "decisions").find_all("table", cls="spec-index-table"):
        links += [("decisions", a) for a in table.find_all("a")]
    assert len(links) > 10
    for name, link in links:
        target = urljoin(f"/{name}/", link.attrs["href"]).split("#")[0].strip("/")
        assert (site / target / "index.html").is_file(), (name, link.attrs["href"])


def test_an_edit_to_one_doc_updates_the_pages_that_show_it_on_the_next_build(tmp_path) -> None:
    # Zensical keeps pages whose own source did not change, across builds; the example site
    # watches its docs, so the index that shows a doc follows it.
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", "screenshots"))
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("      git: false\n", "      git: false\n      show_diagnostics: always\n"),
        "utf-8",
    )
    assert run([sys.executable, "-m", "zensical", "build"], cwd=root).returncode == 0
    # The Draft's problem box: each "line N" leads to the heading above it.
    returns = page(root / "site", "specs/returns")
    jumps = returns.find(cls="spec-diagnostics").find_all("a", cls="spec-diagnostics__jump")
    ids = {node.attrs.get("id") for node in returns.iter()}
    assert jumps and all(jump.attrs["href"][1:] in ids for jump in jumps)
    source = root / "docs/specs/returns.md"
    source.write_text(source.read_text("utf-8").replace("**Status**: Draft", "**Status**: Review"))
    # A file name that a link must encode: its index row still lands on it.
    (root / "docs/specs/odd #1 100%.md").write_text(filled_spec("Odd"), "utf-8")
    done = run([sys.executable, "-m", "zensical", "build"], cwd=root)
    assert "watch:" not in done.stdout + done.stderr  # nothing left unwatched
    index = page(root / "site", "specs")
    review = index.find("h2", id="review").next_element()
    assert "returns/" in [a.attrs["href"] for a in review.find_all("a")]
    odd = {a.attrs["href"] for a in index.find_all("a") if a.text == "Specification: Odd"}
    assert odd and all(
        (root / "site/specs" / unquote(href) / "index.html").is_file() for href in odd
    ), odd


def test_the_extension_says_which_folders_to_watch(tmp_path, caplog) -> None:
    config, errors, _ = load_options({"types": [{"dir": "specs"}, {"dir": "rfcs"}]}, None)
    assert not errors
    docs = tmp_path / "docs"
    watched = host.HostSite(tmp_path, docs, watch=(docs / "specs",))
    with caplog.at_level(logging.WARNING):
        say_what_to_watch(config, watched)
        say_what_to_watch(config, replace(watched, watch=(docs,)))
        say_what_to_watch(config, replace(watched, watch=None))  # not Zensical: no warning
    assert [record.getMessage() for record in caplog.records] == [
        "mkdocs_specs: add 'docs/rfcs' to watch: in the site's config, so that an edit to one "
        "doc updates the pages that show it (the index, links and relations)"
    ]


def test_the_extension_listed_without_options_takes_the_plugins(zensical_site) -> None:
    # The example lists `mkdocs_specs` bare and its three types under the plugin: under
    # Zensical the decisions and RFCs are checked, indexed and carded as under MkDocs.
    decisions = page(zensical_site[0], "decisions")
    rows = {a.text for a in decisions.find(cls="spec-index-summary").parent.find_all("a")}
    assert {"Store orders in MySQL", "Store orders in PostgreSQL"} <= rows
    rfc = page(zensical_site[0], "rfcs/0001-same-day-delivery")
    card = rfc.find("dl", cls="spec-card")
    assert card.find("dd", data_spec_field="featurename").text == "same_day_delivery"


def test_every_diagnostic_is_in_zensicals_log(zensical_site) -> None:
    output = zensical_site[1]
    found = [line for line in output.splitlines() if "[placeholder]" in line]
    assert len(found) == 5  # the Draft's five placeholders, each once
    assert all(line.startswith("mkdocs_specs: specs/returns.md:") for line in found)  # as MkDocs


def test_a_page_is_told_from_its_source_where_no_host_says(tmp_path, monkeypatch) -> None:
    """The fallback: outside Zensical, the page is found by its text, front matter aside."""
    docs = tmp_path / "docs" / "specs"
    docs.mkdir(parents=True)
    text = "---\ntags: [a]\n---\n" + filled_spec("Orders")
    (docs / "orders.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("zensical.config._CONFIG", None)  # as in a process Zensical never ran
    import mkdocs_specs

    md = markdown.Markdown(extensions=["toc", mkdocs_specs.makeExtension()])
    html = md.convert(filled_spec("Orders"))
    assert 'class="spec-badge spec-badge--approved spec-badge--cat-accepted"' in html


def test_the_index_fills_only_a_marker_of_its_own_line(tmp_path) -> None:
    """As under MkDocs: a marker inside a paragraph is text, shown as it is written."""
    from zensical.config import get_config, parse_config
    from zensical.extensions.context import ContextExtension, Page

    import mkdocs_specs

    (tmp_path / "docs" / "specs").mkdir(parents=True)
    (tmp_path / "docs" / "specs" / "orders.md").write_text(filled_spec("Orders"), "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\n", "utf-8")
    parse_config(str(tmp_path / "mkdocs.yml"))
    index = Page(url="specs/", path="specs/index.md", meta={})
    extensions = [ContextExtension(page=index, config=get_config()), mkdocs_specs.makeExtension()]
    html = markdown.Markdown(extensions=extensions).convert(
        "# Specs\n\nThe list goes <!-- specs:index --> below.\n\n<!-- specs:index -->\n"
    )
    assert html.count("data-spec-index") == 1
    assert "<p>The list goes <!-- specs:index --> below.</p>" in html


# Zensical's own file, or a mkdocs.yml written for Zensical: the extension's options, no plugin.
CONFIGS = {
    "zensical.toml": (
        '[project]\nsite_name = "S"\ndocs_dir = "pages"\n\n'
        '[project.markdown_extensions.mkdocs_specs]\nspecs_dir = "rfcs"\n'
    ),
    "mkdocs.yml": (
        "site_name: S\ndocs_dir: pages\nmarkdown_extensions:\n"
        "  - mkdocs_specs:\n      specs_dir: rfcs\n"
    ),
}
CONFIGS["mkdocs.yaml"] = CONFIGS["mkdocs.yml"]  # MkDocs and Zensical take either name


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_check_reads_the_extensions_options(config: str, tmp_path, monkeypatch) -> None:
    (tmp_path / config).write_text(CONFIGS[config], encoding="utf-8")
    rfcs = tmp_path / "pages" / "rfcs"
    rfcs.mkdir(parents=True)
    (rfcs / "good.md").write_text(filled_spec("Good"), encoding="utf-8")
    (rfcs / "bad.md").write_text("# Not a spec\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert "pages/rfcs/bad.md:1:1: error [missing-field]" in result.stdout
    assert "good.md" not in result.stdout
    assert without_git_info(result.stderr).startswith("Checked 2 specs: 1 invalid spec")


def convert_under_zensical(config_file: Path, path: str, url: str, text: str) -> str:
    """A page converted in this process as `zensical build` converts it, by Zensical's own
    function, with the site's configuration loaded."""
    from zensical.config import parse_config
    from zensical.markdown.render import render

    parse_config(str(config_file))
    return render(text, path, url)["content"]


def test_an_override_that_fails_is_one_line_under_zensical_too(tmp_path) -> None:
    from mkdocs.exceptions import PluginError

    config = tmp_path / "zensical.toml"
    config.write_text(
        '[project]\nsite_name = "S"\n\n[project.markdown_extensions.mkdocs_specs]\n'
        'templates_dir = "t"\n',
        encoding="utf-8",
    )
    (tmp_path / "docs" / "specs").mkdir(parents=True)
    (tmp_path / "docs" / "specs" / "orders.md").write_text(filled_spec("Orders"), "utf-8")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "index.html").write_text("<ul>\n{{ groups.nothing.here }}</ul>\n", "utf-8")
    with pytest.raises(PluginError) as raised:
        convert_under_zensical(
            config, "specs/index.md", "specs/", "# Specs\n\n<!-- specs:index -->\n"
        )
    assert str(raised.value).startswith(
        f"Plugin 'specs' option 'templates_dir': {tmp_path / 't' / 'index.html'}:2: "
    )


# What MkDocs leaves out of a site, and so Zensical: never a doc. Each is invalid (no Version).
EXCLUDED = {
    "specs/old/legacy.md": "Legacy",  # exclude_docs: old/
    "specs/.drafts/hidden.md": "Hidden",  # a dot-folder
    "templates/specs/form.md": "Form",  # /templates/
}


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_excluded_docs_are_no_docs(config: str, tmp_path, monkeypatch) -> None:
    # Checked by neither `check` nor the extension, not in the index, no link target.
    text = CONFIGS[config].replace('specs_dir = "rfcs"', 'specs_dir = ""')
    text = text.replace("specs_dir: rfcs", "specs_dir: ''")
    text = text.replace("docs_dir: pages\n", "docs_dir: pages\nexclude_docs: |\n  old/\n")
    text = text.replace('docs_dir = "pages"\n', 'docs_dir = "pages"\nexclude_docs = "old/"\n')
    (tmp_path / config).write_text(text, encoding="utf-8")
    docs = tmp_path / "pages"
    for path, name in {**EXCLUDED, "specs/templates/kept.md": "Kept"}.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        text = filled_spec(name).replace("**Version**: 1.0", "")
        (docs / path).write_text(text + "\nSee [[LegacyRecord]] and [[KeptRecord]].\n", "utf-8")
    (docs / "index.md").write_text("# Specs\n\n<!-- specs:index -->\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1, result.output
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {
        "pages/specs/templates/kept.md"  # only /templates/ at the top is left out
    }
    pages = {
        path: parse(convert_under_zensical(tmp_path / config, path, "", (docs / path).read_text()))
        for path in ("index.md", "specs/templates/kept.md", "specs/old/legacy.md")
    }
    rows = [a.text for a in pages["index.md"].find_all("a")]
    assert "Specification: Kept" in rows
    assert not any(name in row for row in rows for name in EXCLUDED.values()), rows
    kept = pages["specs/templates/kept.md"]
    assert "KeptRecord" in [a.text for a in kept.find_all("a", cls="spec-ref")]
    assert kept.find(cls="spec-ref--unresolved").text == "LegacyRecord"
    assert not pages["specs/old/legacy.md"].find_all(cls="spec-badge")


def test_the_extension_takes_the_plugins_options_from_mkdocs_yaml(tmp_path) -> None:
    config = "site_name: S\nmarkdown_extensions: [mkdocs_specs]\nplugins:\n  - specs:\n"
    (tmp_path / "mkdocs.yaml").write_text(config + "      specs_dir: rfcs\n", "utf-8")
    (tmp_path / "docs" / "rfcs").mkdir(parents=True)
    text = filled_spec("Orders")
    (tmp_path / "docs" / "rfcs" / "orders.md").write_text(text, "utf-8")
    html = convert_under_zensical(tmp_path / "mkdocs.yaml", "rfcs/orders.md", "rfcs/orders/", text)
    assert parse(html).find_all(cls="spec-badge")


ALIAS_TYPO = (
    '[project.markdown_extensions.mkdocs_specs]\ntemplate = "madr"\nspecs_dir = "decisions"\n'
    'aliases = {Background = "Contxt and Problem Statement"}\n'
)
ALIAS_WARNING = (
    "option 'aliases': 'Background': 'Contxt and Problem Statement' is not in the template "
    "MADR (did you mean 'Context and Problem Statement'?)"
)


def test_check_on_zensical_toml_says_what_is_wrong_with_the_options(tmp_path) -> None:
    (tmp_path / "zensical.toml").write_text('[project]\nsite_name = "S"\n' + ALIAS_TYPO)
    (tmp_path / "docs" / "decisions").mkdir(parents=True)
    result = specs(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert f"Warning: mkdocs_specs {ALIAS_WARNING}\n" in result.stderr


def test_the_extension_logs_what_is_wrong_with_its_options_once(tmp_path, caplog) -> None:
    docs = tmp_path / "docs" / "decisions"
    docs.mkdir(parents=True)
    names = [f"000{n}-choice-{n}.md" for n in range(1, 4)]
    for name in names:
        (docs / name).write_text("# A choice\n", "utf-8")
    config = tmp_path / "zensical.toml"

    def build(options: str) -> list[str]:
        config.write_text('[project]\nsite_name = "S"\n' + options, "utf-8")
        caplog.clear()
        for name in names:
            convert_under_zensical(config, f"decisions/{name}", "", "# A choice\n")
        return [r.getMessage() for r in caplog.records if "option" in r.getMessage()]

    assert build(ALIAS_TYPO) == [f"mkdocs_specs: {ALIAS_WARNING}"]
    invalid = ALIAS_TYPO.replace('template = "madr"', 'template = "madr"\nfail_on = "often"')
    (error,) = build(invalid)
    assert error.startswith("mkdocs_specs: option 'fail_on': Expected one of:")
    assert build(invalid) == []  # nothing new to tell
    assert len(build(invalid.replace("often", "rarely"))) == 1  # the config changed


def test_a_doc_saved_again_at_once_is_checked_again(tmp_path) -> None:
    # `zensical serve` converts the pages again at each save, however close: the page of
    # the doc saved, and the index, show the doc as it is now.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nmarkdown_extensions:\n  - mkdocs_specs: {show_diagnostics: always}\n"
    )
    (tmp_path / "docs" / "specs").mkdir(parents=True)
    index = "# Specs\n\n<!-- specs:index -->\n"
    (tmp_path / "docs" / "specs" / "index.md").write_text(index, "utf-8")
    doc = tmp_path / "docs" / "specs" / "orders.md"
    config = tmp_path / "mkdocs.yml"
    for status, version in (("Draft", "soon"), ("Review", "1.0"), ("Approved", "soon")):
        text = filled_spec("Orders", status=status, version=version)
        doc.write_text(text, "utf-8")
        page = parse(convert_under_zensical(config, "specs/orders.md", "specs/orders/", text))
        assert page.find(cls="spec-badge").attrs["data-spec-status"] == status
        assert bool(page.find_all(cls="spec-diagnostics")) == (version == "soon")
        listed = parse(convert_under_zensical(config, "specs/index.md", "specs/", index))
        assert "orders" in listed.find("h2", id=status.lower()).next_element().text.lower()


def test_an_edit_to_the_template_or_the_baseline_is_picked_up(tmp_path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nmarkdown_extensions:\n  - mkdocs_specs:\n      show_diagnostics: always\n"
        "      template: team.md\n      baseline: known.json\n"
    )
    template = tmp_path / "team.md"
    template.write_text("# Decision: [Title]\n\n## Context\n\n[Why]\n", "utf-8")
    (tmp_path / "docs" / "specs").mkdir(parents=True)
    index = "# Specs\n\n<!-- specs:index -->\n"
    (tmp_path / "docs" / "specs" / "index.md").write_text(index, "utf-8")
    text = "# Decision: Queues\n\n## Context\n\nOrders pile up.\n"
    (tmp_path / "docs" / "specs" / "queues.md").write_text(text, "utf-8")

    def problems() -> list[str]:
        # The index page is converted first, as the pages that show every doc may be.
        convert_under_zensical(tmp_path / "mkdocs.yml", "specs/index.md", "specs/", index)
        html = convert_under_zensical(tmp_path / "mkdocs.yml", "specs/queues.md", "", text)
        return [li.text for li in parse(html).find_all("li", cls="spec-diagnostics__item")]

    assert problems() == []
    template.write_text(template.read_text("utf-8") + "\n## Rollback\n\n[How]\n", "utf-8")
    (problem,) = problems()
    assert "Rollback" in problem
    assert specs(tmp_path, "check", "--write-baseline").returncode == 0
    assert problems() == []


@pytest.mark.parametrize(("show", "boxed"), [("serve", False), ("always", True)])
def test_zensical_serve_renders_what_a_build_would_publish(show, boxed, tmp_path, monkeypatch):
    # Zensical keeps a page's HTML across serve and build (its text, URL and config make the
    # key): a problem box, a draft or an editor link made under serve alone would be published.
    monkeypatch.setattr(sys, "argv", ["zensical", "serve"])
    monkeypatch.setenv("MKDOCS_SPECS_EDITOR", "vscode")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\ndraft_docs: draft.md\nmarkdown_extensions:\n"
        f"  - mkdocs_specs: {{show_diagnostics: {show}}}\n"
    )
    (tmp_path / "docs" / "specs").mkdir(parents=True)
    text = filled_spec("Orders", version="soon")
    (tmp_path / "docs" / "specs" / "orders.md").write_text(text, "utf-8")
    (tmp_path / "docs" / "specs" / "draft.md").write_text(filled_spec("Draft"), "utf-8")
    index = "# Specs\n\n<!-- specs:index -->\n"
    config = tmp_path / "mkdocs.yml"
    page = parse(convert_under_zensical(config, "specs/orders.md", "specs/orders/", text))
    assert bool(page.find_all(cls="spec-diagnostics")) == boxed
    assert not page.find_all(cls="spec-diagnostics__edit")
    listed = parse(convert_under_zensical(config, "specs/index.md", "specs/", index))
    assert "Specification: Draft" not in [a.text for a in listed.find_all("a")]


@pytest.mark.parametrize(
    ("config", "added"),
    [
        (
            "zensical.toml",
            "'baseline = \"known.json\"' to [project.markdown_extensions.mkdocs_specs]",
        ),
        ("mkdocs.yml", '"baseline: known.json" to the mkdocs_specs extension\'s options'),
    ],
)
def test_write_baseline_says_where_the_extensions_options_are(config, added, tmp_path) -> None:
    (tmp_path / config).write_text(CONFIGS[config], encoding="utf-8")
    (tmp_path / "pages" / "rfcs").mkdir(parents=True)
    (tmp_path / "pages" / "rfcs" / "bad.md").write_text("# Not a spec\n", encoding="utf-8")
    result = specs(tmp_path, "check", "--write-baseline", "known.json")
    assert result.returncode == 0, result.stderr
    assert f"To baseline them in check and build, add {added}" in result.stderr
