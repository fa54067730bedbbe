"""Real `mkdocs build` and `mkdocs serve` runs of sites with valid and invalid specs."""

from __future__ import annotations

import json

import pytest
from conftest import TEMPLATE, filled_spec
from htmltree import parse

INVALID = filled_spec("Payments", status="Review").replace("**Version**: 1.0", "**Version**: soon")
INVALID_LINE = next(i for i, line in enumerate(INVALID.splitlines(), 1) if "**Version**" in line)


def test_valid_site_builds_strict(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec()})
    result = site.build("--strict")
    assert result.returncode == 0, result.stderr
    # Nothing from the plugin but that tmp_path is no git repository (its lifecycle rules).
    said = [line for line in result.stderr.splitlines() if "mkdocs_specs" in line]
    assert said == [
        "INFO    -  mkdocs_specs: Git rules skipped (review-overdue, stale-date): "
        "not in a git work tree"
    ]
    assert "spec-diagnostics" not in site.html("specs/orders/index.html")


def test_invalid_spec_fails_the_build_with_a_summary_and_exact_lines(make_site) -> None:
    site = make_site({"specs/orders.md": filled_spec(), "specs/payments.md": INVALID})
    result = site.build()
    assert result.returncode == 1
    line = (
        f"ERROR   -  mkdocs_specs: specs/payments.md:{INVALID_LINE}:14: error [invalid-field] "
        '"Version" is not a version: "soon"'
    )
    assert line in result.stderr
    assert result.stderr.count("[invalid-field]") == 1  # logged once
    assert "1 invalid spec, 1 error" in result.stderr
    # A published site never shows the problem box by default.
    assert "spec-diagnostics" not in site.html("specs/payments/index.html")


def test_fail_on_never_builds_and_still_logs(make_site) -> None:
    site = make_site({"specs/payments.md": INVALID}, plugin={"fail_on": "never"})
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert f"specs/payments.md:{INVALID_LINE}:14" in result.stderr


def test_fail_on_warning_and_strict_fail_on_warnings(make_site) -> None:
    draft = filled_spec(status="Draft").replace("Ada Lovelace", "[Name]")
    site = make_site({"specs/draft.md": draft})
    result = site.build()
    assert result.returncode == 0
    assert "WARNING -  mkdocs_specs: specs/draft.md:7:21: warning [placeholder]" in result.stderr
    assert site.build("--strict").returncode == 1
    site = make_site({"specs/draft.md": draft}, plugin={"fail_on": "warning"})
    result = site.build()
    assert result.returncode == 1 and "1 warning" in result.stderr


def where(html: str) -> list[str]:
    """The place of each problem in the page's box: "line 9:14"."""
    return [node.text for node in parse(html).find_all(cls="spec-diagnostics__where")]


def test_show_diagnostics_always_puts_the_box_on_the_page(make_site) -> None:
    # Its title in bold: pages show the title's text. The refunds spec's one problem is
    # suppressed: known and accepted, it shows nowhere.
    invalid = INVALID.replace("# Specification: Payments", "# Specification: **Payments**")
    suppressed = filled_spec("Refunds").replace("**Version**: 1.0", "**Version**: soon")
    suppressed = f"<!-- specs-disable-file invalid-field -->\n{suppressed}"
    site = make_site(
        {"specs/payments.md": invalid, "specs/refunds.md": suppressed},
        plugin={"fail_on": "never", "show_diagnostics": "always"},
    )
    site.build_in_process()
    html = site.html("specs/payments/index.html")
    box = parse(html).find(cls="spec-diagnostics")
    assert box.classes == ["spec-diagnostics", "admonition", "failure"]
    assert where(html) == [f"line {INVALID_LINE}:14"] and "invalid-field" in html
    # The box above the title still leaves MkDocs the title: the page and the navigation
    # name the spec by it, not by its file.
    assert parse(html).find("title").text.startswith("Specification: Payments - ")
    # The problems page too, linking to the box.
    problems = parse(site.html("specs/problems/index.html")).find(cls="spec-problems")
    doc = problems.find(cls="spec-problems__doc", data_spec_path="specs/payments.md")
    assert doc.find("a").attrs["href"] == "../payments/#spec-problems"
    assert doc.find("a").text == "Specification: Payments"
    assert [d.attrs["data-spec-path"] for d in problems.find_all(cls="spec-problems__doc")] == [
        "specs/payments.md"
    ]
    assert problems.find(cls="spec-problems__summary").text == "1 invalid spec, 1 error"
    assert "spec-diagnostics" not in site.html("specs/refunds/index.html")
    # Search finds the specs' words, never their problems.
    index = json.loads(site.html("search/search_index.json"))["docs"]
    indexed = " ".join(entry["title"] + " " + entry["text"] for entry in index)
    assert "Payments" in indexed and "Specification: Payments" in indexed
    assert "not a version" not in indexed and "1 invalid spec" not in indexed


def test_serve_reads_the_template_again_when_it_changes(make_site, serve) -> None:
    # The team's template lives beside mkdocs.yml, outside the docs that serve watches.
    site = make_site({"specs/orders.md": filled_spec()}, plugin={"template": "team.md"})
    template = TEMPLATE.read_text(encoding="utf-8")
    (site.root / "team.md").write_text(template, encoding="utf-8")
    server = serve(site)
    assert "spec-diagnostics" not in server.wait_for(
        "specs/orders/", lambda html: "spec-badge" in html
    )
    (site.root / "team.md").write_text(template + "\n## Risks\n\n[What could go wrong]\n")
    page = server.wait_for("specs/orders/", lambda html: "spec-diagnostics" in html)
    assert "Risks" in page and "missing-section" in page


def test_serve_applies_a_baseline_and_an_override_made_while_it_runs(make_site, serve) -> None:
    # The adoption flow writes the baseline while serving; the override folder is empty.
    # The server watches what exists, and a folder's every write would rebuild: a file made
    # while serving is read at the next rebuild, and watched from then on.
    site = make_site(
        {"specs/orders.md": filled_spec(), "specs/payments.md": INVALID},
        plugin={"baseline": ".specs-baseline.json", "templates_dir": "overrides"},
    )
    (site.root / "overrides").mkdir()
    server = serve(site)
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    assert site.check("--write-baseline").returncode == 0
    site.write("specs/orders.md", filled_spec(version="1.1"))  # the next save reads it
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" not in html)
    (site.root / ".specs-baseline.json").unlink()  # watched now: its problem is back
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    (site.root / "overrides" / "badge.html").write_text(
        '<span class="spec-badge ours">{{ badge.label }}</span>'
    )
    page = server.wait_for("specs/orders/", lambda html: "spec-badge ours" in html)
    assert parse(page).find(cls="ours").text == "Approved"
    assert server.process.poll() is None


def test_an_explicit_nav_need_not_list_the_problems_page(make_site) -> None:
    # It exists only where problems show (serve): a nav could not list it for a build.
    site = make_site(
        {"specs/payments.md": INVALID},
        plugin={"fail_on": "never", "show_diagnostics": "always"},
        extra={
            "nav": ["index.md", "specs/index.md", "specs/payments.md"],
            "validation": {"omitted_files": "warn"},
        },
    )
    lines = site.build_in_process()
    assert [line for line in lines if "mkdocs_specs" not in line] == []
    assert (site.site_dir / "specs" / "problems" / "index.html").is_file()


@pytest.mark.parametrize("marker", [True, False])
def test_an_authors_problems_page_gets_the_list_at_its_marker(make_site, marker: bool) -> None:
    text = "# Our problems\n\nBy hand.\n\n" + ("<!-- specs:problems -->\n" if marker else "")
    site = make_site(
        {"specs/payments.md": INVALID, "ours.md": text},
        plugin={"fail_on": "never", "show_diagnostics": "always", "problems": "ours.md"},
    )
    lines = site.build_in_process()
    said = [line for line in lines if "specs:problems" in line]
    page = site.html("ours/index.html")
    index = site.html("specs/index.html")
    assert 'class="spec-index-problems-link"' in index and 'href="../ours/"' in index
    assert ('data-spec-path="specs/payments.md"' in page) is marker
    if marker:
        assert said == []
    else:
        assert said == [
            "WARNING -  mkdocs_specs: ours.md: the problems page with no <!-- specs:problems --> "
            "line of its own: the list is not shown; put the marker where it goes"
        ]


def test_a_doc_at_the_problems_pages_path_is_a_doc(make_site) -> None:
    # Only a page with the problems marker is the problems page: a spec there is checked.
    site = make_site(
        {"specs/orders.md": filled_spec(), "specs/problems.md": INVALID},
        plugin={"fail_on": "never", "show_diagnostics": "always"},
    )
    lines = site.build_in_process()
    assert "specs/problems.md:" in " ".join(lines) and "[invalid-field]" in " ".join(lines)
    assert [line for line in lines if "problems page" in line] == [
        "WARNING -  mkdocs_specs: specs/problems.md is a doc: no problems page is made; set "
        "the problems option to a free path"
    ]
    page = parse(site.html("specs/problems/index.html"))
    assert page.find(cls="spec-badge") is not None and page.find(cls="spec-diagnostics")
    assert site.check().returncode == 1
    assert "Checked 2 specs: 1 invalid spec, 1 error" in site.check().stderr


def test_a_build_never_has_editor_links_nor_local_paths(make_site, monkeypatch) -> None:
    monkeypatch.setenv("MKDOCS_SPECS_EDITOR", "idea")
    site = make_site(
        {"specs/payments.md": INVALID},
        plugin={"fail_on": "never", "show_diagnostics": "always", "editor": "vscode"},
    )
    site.build_in_process()
    local = {str(site.root), str(site.root.resolve()), site.root.resolve().as_uri()}
    for path in site.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(root in text for root in local), path
            assert "vscode://" not in text and "idea://" not in text, path
            if path.suffix == ".html":  # the stylesheet names the class, for serve
                assert "spec-diagnostics__edit" not in text, path
    assert "spec-diagnostics__edit" not in site.html("specs/problems/index.html")


def test_a_plain_build_has_no_problems_page(make_site) -> None:
    site = make_site({"specs/payments.md": INVALID}, plugin={"fail_on": "never"})
    site.build_in_process()
    assert not (site.site_dir / "specs" / "problems").exists()
    assert "spec-index-problems-link" not in site.html("specs/index.html")


@pytest.mark.parametrize(
    ("editor", "message"),
    [("vim", "Expected one of vscode"), (3, "Expected an editor"), ("x://{file}", "{path}")],
)
def test_a_wrong_editor_is_a_config_error(make_site, editor: object, message: str) -> None:
    site = make_site({"specs/orders.md": filled_spec()}, plugin={"editor": editor})
    (error,) = site.config_errors()
    assert "option 'editor'" in error and message in error, error


def test_only_pages_under_specs_dir_are_specs(make_site) -> None:
    site = make_site({"guide.md": "# Not a spec\n", "specs/orders.md": filled_spec()})
    assert site.build_in_process(strict=True) == []


def test_serve_shows_the_problem_box_then_drops_it_after_the_fix(make_site, serve) -> None:
    site = make_site(
        {"specs/orders.md": filled_spec(), "specs/payments.md": INVALID},
        plugin={"baseline": "missing.json"},
    )
    server = serve(site)
    page = server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    assert where(page) == [f"line {INVALID_LINE}:14"] and "invalid-field" in page
    assert "spec-diagnostics" not in server.get("specs/orders/")
    index = parse(server.get("specs/")).find(cls="spec-index-problems-link")
    assert index.find("a").attrs["href"] == "problems/"
    assert "mkdocs_specs: Checked 2 specs: 1 invalid spec, 1 error" in server.output()
    assert "changed since the last build" not in server.output()  # there was none

    # An edit elsewhere: the summary again, the untouched spec's problem not logged again.
    site.write("specs/orders.md", filled_spec(version="9.42"))
    server.wait_for("specs/orders/", lambda html: "9.42" in html)
    log = server.output()
    assert "1 invalid spec, 1 error; 1 changed since the last build" in log
    assert log.count("[invalid-field]") == 1

    site.write("specs/payments.md", filled_spec("Payments", status="Review"))
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" not in html)
    assert "0 invalid specs, 0 errors; 1 changed" in server.output()

    site.write("specs/payments.md", INVALID)  # and back: no state carried over
    server.wait_for("specs/payments/", lambda html: "spec-diagnostics" in html)
    assert server.output().count("[invalid-field]") == 2  # logged again: it changed
    # The plugin's notices, unchanged, were told at the first build only.
    assert server.output().count("missing.json not found") == 1
    assert server.output().count("Git rules skipped") == 1
    assert server.process.poll() is None  # serve never died
    assert "Aborted" not in server.output()


def test_a_draft_doc_is_checked_where_serve_shows_it_and_left_out_of_builds(make_site) -> None:
    # MkDocs shows `draft_docs` under serve only: so does the plugin check them.
    draft = filled_spec("Refunds", status="Draft").replace(
        "### Purpose\n", "### Purpose\n[[Nope]]\n"
    )
    site = make_site(
        {"specs/orders.md": filled_spec(), "specs/drafts/refunds.md": draft},
        extra={"draft_docs": "drafts/\n"},
    )
    (said,) = site.build_in_process(serving=True)
    assert "specs/drafts/refunds.md:" in said and "[unresolved-reference]" in said
    page = parse(site.html("specs/drafts/refunds/index.html"))
    assert page.find(cls="spec-badge").text == "Draft"
    assert page.find(cls="spec-diagnostics") is not None
    assert "Refunds" in site.html("specs/index.html")
    assert site.build_in_process() == []  # a build leaves it out, and checks it not
    assert not (site.site_dir / "specs/drafts").exists()


def test_an_empty_doc_still_gets_its_badge_and_problems(make_site) -> None:
    # A file just made under serve: empty, or front matter alone.
    site = make_site(
        {"specs/new.md": "", "specs/meta.md": "---\nstatus: Draft\n---\n"},
        plugin={"show_diagnostics": "always", "fail_on": "never"},
    )
    site.build_in_process()
    for name, status in (("new", "Unknown status"), ("meta", "Draft")):
        page = parse(site.html(f"specs/{name}/index.html"))
        assert page.find(cls="spec-badge").text == status, name
        box = page.find(cls="spec-diagnostics")
        assert "missing-title" in box.text, name


HOOK = """
import markdown


def on_page_markdown(text, page, config, files):
    # As some plugins do: Markdown of the page's own, converted with the site's extensions.
    md = markdown.Markdown(extensions=config.markdown_extensions)
    page.meta["summary"] = md.convert(text.split("\\n\\n")[0])
    return text
"""


def test_markdown_a_hook_converts_first_leaves_the_page_its_badge_box_and_links(
    make_site,
) -> None:
    invalid = INVALID.replace("### Purpose\n", "### Purpose\nSee [[PaymentsRecord]].\n")
    site = make_site(
        {"specs/payments.md": invalid},
        plugin={"show_diagnostics": "always", "fail_on": "never"},
        extra={"hooks": ["hook.py"]},
    )
    (site.root / "hook.py").write_text(HOOK, encoding="utf-8")
    site.build_in_process()
    page = parse(site.html("specs/payments/index.html"))
    assert len(page.find_all(cls="spec-badge")) == 1
    assert len(page.find_all(cls="spec-diagnostics")) == 1
    assert page.find("a", cls="spec-ref") is not None


RELEASE_HOOK = """
import gc
import os
import weakref

from mkdocs_specs.core.names import heading_key

held = {}


def on_files(files, config):
    # After the plugin's own on_files: the catalogue the docs were checked into, and how many
    # headings were worked out.
    held["catalog"] = weakref.ref(config.plugins["specs"].build.links.catalog)
    held["keys"] = heading_key.cache_info().currsize


def on_post_page(output, page, config):
    gc.collect()
    if held["catalog"]() is not None or heading_key.cache_info().currsize:
        held["alive"] = page.file.src_uri


def on_post_build(config):
    folder = os.path.dirname(config.config_file_path)
    with open(os.path.join(folder, "alive.txt"), "w") as file:
        file.write(f"{held['keys']} {held.get('alive', '')}")
"""


def test_the_checked_docs_are_let_go_before_the_theme_renders_the_pages(make_site) -> None:
    # The theme's rendering and the search index are a build's peak of memory: neither the
    # site's catalogue (every entity, reference and problem) nor what was worked out of the
    # docs' headings may be held through them.
    site = make_site(
        {"specs/orders.md": filled_spec("Orders"), "specs/payments.md": INVALID},
        plugin={"fail_on": "never"},
        extra={"hooks": ["hook.py"]},
    )
    (site.root / "hook.py").write_text(RELEASE_HOOK, encoding="utf-8")
    site.build_in_process()
    keys, alive = (site.root / "alive.txt").read_text(encoding="utf-8").split(" ")
    assert int(keys) > 0
    assert alive == ""
