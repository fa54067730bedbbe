"""Hostile spec files: binary, not UTF-8, huge, deeply nested, one enormous line, empty.

Each one must give a clear diagnostic (where one applies) in `check`, `mkdocs build` and
`mkdocs serve`, never a traceback, and take time linear in its size.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, Site, create_site, filled_spec
from htmltree import content, parse

from mkdocs_specs.core.check import Source, check_sources
from mkdocs_specs.core.scanner import MAX_NESTING, split_lines
from mkdocs_specs.core.template import load_template

PARAGRAPH = (
    "Each `OrdersRecord` is kept for seven years, and **every** change to [[OrdersRecord]] "
    "is reported within one minute.\n\n"
)


def big_spec(size: int) -> str:
    """A valid spec padded to about ``size`` characters of ordinary prose."""
    text = filled_spec()
    return text.replace(
        "## Appendices", "## Appendices\n\n" + PARAGRAPH * (size // len(PARAGRAPH)), 1
    )


# Full size for the checks, which must take them in their stride; a build gets the same shapes
# smaller (SMALL), since Python-Markdown itself needs half a minute for the full-size ones (its
# time for the links of one line grows with their number squared) and a build only has to
# prove that the plugin hands each shape to MkDocs without a traceback.
BIG, LONG_LINE_WORDS = 5_000_000, 40_000
SMALL_BIG, SMALL_LONG_LINE_WORDS = 100_000, 250


@functools.cache
def hostile_files(small: bool = False) -> dict[str, bytes]:
    title = b"# Specification: Hostile\n\n"
    big, words = (SMALL_BIG, SMALL_LONG_LINE_WORDS) if small else (BIG, LONG_LINE_WORDS)
    return {
        "binary.md": bytes(range(256)) * 64,
        "latin1.md": "# Specification: Café\n\n**Status**: Draft\n".encode("latin-1"),
        "broken-utf8.md": title + b"Valid text, then \xff\xfe\xc3 and more.\n",
        "empty.md": b"",
        "bom-only.md": b"\xef\xbb\xbf",
        "nul.md": title + b"Text with \x00 NUL \x00 bytes.\n**Status**: \x00Draft\n",
        "big.md": big_spec(big).encode("utf-8"),
        "long-line.md": title + b"word *and* [link](x) `code` " * words + b"\n",
        "deep-quotes.md": title + b">" * 400 + b" quoted\n",
        "deep-list.md": title + b"".join(b"    " * i + b"- item\n" for i in range(400)),
        "deep-ordered.md": title + b"".join(b"    " * i + b"1. step\n" for i in range(400)),
        # YAML reads it as a date, and the calendar has no such day.
        "impossible-date.md": b"---\nstatus: Draft\ncreated: 2024-02-30\n---\n" + title,
    }


NOT_TEXT = {"binary.md", "latin1.md", "broken-utf8.md"}
TOO_DEEP = {"deep-list.md", "deep-ordered.md", "deep-quotes.md"}


def _check(files: dict[str, bytes]):
    sources = [Source.from_bytes(name, data) for name, data in files.items()]
    return check_sources(sources, load_template())


@pytest.fixture(scope="module")
def report():
    return _check(hostile_files())


@pytest.mark.parametrize("name", sorted(hostile_files()))
def test_every_diagnostic_points_inside_the_file(report, name) -> None:
    spec = report.spec(name)
    assert spec is not None
    assert spec.diagnostics or name == "big.md"
    data = hostile_files()[name]
    last = max(len(split_lines(data.decode("utf-8", "replace"))), 1)
    for diagnostic in spec.diagnostics:
        assert 1 <= diagnostic.line <= last, diagnostic
        assert diagnostic.column >= 1


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_bytes_that_are_not_utf8_are_one_clear_diagnostic(report, name) -> None:
    spec = report.spec(name)
    # At the first byte that is not UTF-8, as an editor counts lines and characters.
    text = hostile_files()[name].decode("utf-8", "replace")
    before = split_lines(text[: text.index("\ufffd")] + ".")
    found = [(d.code, d.line, d.column) for d in spec.diagnostics]
    assert found == [("unreadable-file", len(before), len(before[-1]))]
    assert "not UTF-8" in spec.diagnostics[0].message
    assert "byte 0x" in spec.diagnostics[0].message  # says which


@pytest.mark.parametrize("name", sorted(TOO_DEEP))
def test_deep_nesting_is_reported_where_it_becomes_too_deep(report, name) -> None:
    found = [d for d in report.spec(name).diagnostics if d.code == "nesting-too-deep"]
    assert len(found) == 1
    # The title and a blank line come first; the first line deeper than the limit is flagged.
    expected = 3 if name == "deep-quotes.md" else 3 + MAX_NESTING + 1
    assert found[0].line == expected
    assert found[0].is_error


@pytest.mark.parametrize(
    ("marker", "levels", "reported"),
    [
        (b"> ", MAX_NESTING, False),
        (b"> ", MAX_NESTING + 1, True),
        (b">\t", MAX_NESTING, False),
        (b">  ", MAX_NESTING, False),
        (b" >", MAX_NESTING + 1, True),
    ],
)
def test_a_quote_markers_own_spaces_are_no_indentation(
    marker: bytes, levels: int, reported: bool
) -> None:
    # `> > x` is two quotes, as Python-Markdown reads it: the space or tab after a marker,
    # and the spaces before the next, add no level.
    line = marker * levels + b"deep\n"
    (spec,) = _check({"quotes.md": b"# Spec: Q\n\n" + line}).specs
    found = [d.message for d in spec.diagnostics if d.code == "nesting-too-deep"]
    message = f"Lists or block quotes nest {levels} levels deep here; more than 100 cannot be"
    assert found == ([f"{message} rendered"] if reported else [])


@pytest.mark.parametrize("at", [1, 3])
def test_too_deep_nesting_is_found_on_any_line_the_first_too(at: int) -> None:
    before = b"# Spec: Q\n\n"[: 0 if at == 1 else None]
    (spec,) = _check({"quotes.md": before + b"> " * (MAX_NESTING + 1) + b"deep\n"}).specs
    assert [d.line for d in spec.diagnostics if d.code == "nesting-too-deep"] == [at]


def test_empty_and_nul_files_are_read_as_text(report) -> None:
    for name in ("empty.md", "bom-only.md"):
        assert {d.code for d in report.spec(name).diagnostics} >= {"missing-title", "missing-field"}
    nul = report.spec("nul.md")
    assert nul.readable and nul.document.title.text == "Specification: Hostile"


def test_a_date_the_calendar_lacks_is_an_error_at_its_place(report) -> None:
    found = [d for d in report.spec("impossible-date.md").diagnostics if d.line == 3]
    assert [(d.code, d.column) for d in found] == [("invalid-front-matter", 10)]
    assert "2024-02-30 is not a date (day is out of range for month)" in found[0].message


def test_the_big_spec_is_read_whole(report) -> None:
    big = report.spec("big.md")
    assert big.status == "Approved"
    assert not [d for d in big.diagnostics if d.is_error]
    assert big.document.outline[-1].line > 70_000


# -- Linear time -----------------------------------------------------------------------------
# Counted, not timed: the number of Python lines executed to check a spec of N and of 4N
# blocks. A quadratic loop shows as a ratio near 16; linear work stays near 4.

SHAPES = {
    "sections": lambda n: "".join(f"## Section {i}\n\nText {i}.\n\n" for i in range(n)),
    "entities": lambda n: (
        "## Data Models\n\n"
        + "".join(f"### Entity{i}\n\nSee `Entity{i + 1}` and [[Entity{i}]].\n\n" for i in range(n))
    ),
    "fields": lambda n: "".join(f"**Field {i}**: value {i}\n" for i in range(n)),
    "table": lambda n: (
        "| **Key** | Value |\n|---|---|\n" + "".join(f"| **K{i}** | v{i} |\n" for i in range(n))
    ),
    "front-matter": lambda n: "---\n" + "".join(f"key{i}: {i}\n" for i in range(n)) + "---\n",
    "nesting": lambda n: "".join("  " * (i % 40) + "- item\n" for i in range(n)),
    "quotes": lambda n: "".join(">" * (i % 40) + " quote\n" for i in range(n)),
    "fences": lambda n: "".join(f"```\ncode {i}\n```\n~~~~\n# not {i}\n~~~~\n" for i in range(n)),
    # Directives that suppress nothing: as many problems of their own.
    "disables": lambda n: "<!-- specs-disable placeholder -->\n" * n,
    "next-lines": lambda n: "<!-- specs-disable-next-line placeholder -->\ntext\n" * n,
}


def _lines_executed(text: str) -> int:
    template = load_template()
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        check_sources([Source("s.md", "# Specification: X\n\n" + text)], template)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_the_size_of_a_spec(shape) -> None:
    make = SHAPES[shape]
    small, large = _lines_executed(make(150)), _lines_executed(make(600))
    assert large / small < 5.5, (shape, small, large)


# Regex work is invisible to the tracer: these lines took hours with backtracking regexes
# (quadratic or worse) and take well under a second each now. A subprocess with a
# generous timeout tells the two apart without timing anything finely.
PATHOLOGICAL_LINES = [
    "# a" + " " * 1_000_000 + "b",
    "| **k | " + " " * 1_000_000 + "x|y",
    "|" + "-" * 500_000 + " " * 500_000 + "x",
    "**k" + " " * 1_000_000 + "x",
    "__k" + "\u00a0" * 1_000_000 + "\uff1ax",  # a field's other bold, spaces and colon
    "supersedes: " + "-" * 1_000_000 + "x",  # a field named for a relation
    "supersedes: ADR-1" + " " * 1_000_000 + "x",  # and the spaces between its docs
    "**Status**: superseded by ADR-1" + " " * 1_000_000 + "and x",
    "[" + "a " * 500_000,
    "[[a" + "|" * 1_000_000,
    "-" + " -" * 500_000 + "x",
    "a\n" + "-" * 500_000 + " " * 500_000 + "x",
    "## Data Models\n### " + "*a" * 500_000,
    "## Data Models\n### a" + " {" * 500_000,
    # Openers never closed: emphasis, links and images each searched to the end once took
    # quadratic time in a heading's text (a quarter of a megabyte took minutes).
    "## Data Models\n### " + "*a " * 85_000,
    "## Data Models\n### " + "_a " * 85_000,
    "## Data Models\n### " + "![a](" * 200_000,
    "``\\" * 110_000,  # backtick runs, each escaped or never closed
    "# Specification:" + " " * 1_000_000 + "x",
    "# Specification: " + "<a " * 300_000,  # angles never closed, as a placeholder opens
    "**Owner**: " + "<x <y> " * 150_000,
]


def test_megabyte_lines_of_pathological_shapes_finish_quickly(tmp_path: Path) -> None:
    for index, line in enumerate(PATHOLOGICAL_LINES):
        (tmp_path / f"s{index}.md").write_text(line + "\n", encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from mkdocs_specs.core.check import Source, check_sources, read_source
        from mkdocs_specs.core.template import load_template, parse_template
        paths = sorted(Path(sys.argv[1]).glob("*.md"))
        report = check_sources([read_source(p, p.name) for p in paths], load_template())
        print(len(report.specs))
        # A template's title of many placeholders, and a title that almost fits it.
        title = "-".join(f"[P{i}]" for i in range(12))
        template = parse_template(f"# {title} end\\n\\n## A\\n", "t.md")
        spec = "# " + "-".join(["x"] * 2000) + " no\\n\\n## A\\n\\nText.\\n"
        report = check_sources([Source("t.md", spec)], template)
        print(sorted({d.code for d in report.diagnostics}))
        parse_template("# T\\n\\n## A\\n\\n" + "<a <b> " * 150_000 + "\\n", "t2.md")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == [str(len(PATHOLOGICAL_LINES)), "['title-mismatch']"]


# -- Through MkDocs and the CLI --------------------------------------------------------------


def _hostile_site(root: Path, small: bool) -> Site:
    site = create_site(root, plugin={"fail_on": "never"})
    for name, data in hostile_files(small).items():
        path = site.docs / "specs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    """The hostile shapes at build size (SMALL): builds only read it."""
    return _hostile_site(tmp_path_factory.mktemp("hostile"), small=True)


def test_check_reports_every_hostile_file_without_a_traceback(tmp_path: Path) -> None:
    # Full size: `check` reads them in a second, as users run it.
    done = _hostile_site(tmp_path, small=False).check()
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    for name in NOT_TEXT:
        assert re.search(
            rf"^docs/specs/{name}:\d+:\d+: error \[unreadable-file\]", done.stdout, re.M
        )
    for name in TOO_DEEP:
        assert f"docs/specs/{name}:" in done.stdout
    assert done.stdout.count("[nesting-too-deep]") == len(TOO_DEEP)
    assert f"Checked {len(hostile_files())} specs" in done.stderr


def test_build_renders_every_hostile_file_without_a_traceback(hostile_site) -> None:
    done = hostile_site.build()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    for name in hostile_files():
        assert (hostile_site.site_dir / "specs" / name[:-3] / "index.html").is_file(), name
    assert "specs/binary.md:3:115: error [unreadable-file]" in done.stderr  # at byte 0x80
    # Too deep to render: shown as the spec's text, not as nested lists.
    deep = content(parse(hostile_site.html("specs/deep-list/index.html")))
    assert not deep.find_all("ul")
    assert deep.find("code").text.count("- item") == 400
    big = content(parse(hostile_site.html("specs/big/index.html")))
    assert big.find("span", cls="spec-badge").attrs["data-spec-status"] == "Approved"
    # Every paragraph of the padding is on the page: nothing was cut short.
    assert big.text.count("is reported within one minute") == SMALL_BIG // len(PARAGRAPH)


def test_build_fails_cleanly_on_hostile_files(hostile_site, tmp_path: Path) -> None:
    config = (hostile_site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (hostile_site.root / "failing.yml").write_text(
        config.replace("fail_on: never", "fail_on: error"), encoding="utf-8"
    )
    done = hostile_site.build("--config-file", "failing.yml", "--site-dir", str(tmp_path / "o"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{len(hostile_files()) - 1} invalid specs" in done.stderr  # all but big.md


def test_serve_shows_unreadable_and_too_deep_specs_on_the_page(make_site, serve) -> None:
    site = make_site({"specs/ok.md": filled_spec()})
    (site.docs / "specs" / "binary.md").write_bytes(hostile_files(small=True)["binary.md"])
    (site.docs / "specs" / "deep.md").write_bytes(hostile_files(small=True)["deep-list.md"])
    server = serve(site)
    page = server.wait_for("specs/binary/", lambda html: "spec-diagnostics" in html)
    box = parse(page).find(cls="spec-diagnostics")
    assert box.find("li", data_code="unreadable-file")
    page = server.wait_for("specs/deep/", lambda html: "spec-diagnostics" in html)
    assert parse(page).find("li", data_code="nesting-too-deep")
    assert "Traceback" not in server.output()
