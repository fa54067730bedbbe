"""Property tests: no text or bytes make the reader or the rules raise, every diagnostic points
inside its file, and the scanner reads headings as markdown-it-py (CommonMark) does.

Example counts are modest and the runs derandomized, so CI sees the same examples every time.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import reference_headings, scanner_headings

from mkdocs_specs.core import scanner
from mkdocs_specs.core.check import Source, check_source, check_sources
from mkdocs_specs.core.document import Section, parse_document
from mkdocs_specs.core.scanner import LineKind, lines_holding, scan, split_lines
from mkdocs_specs.core.template import TemplateError, load_template, parse_template

TEMPLATE = load_template()
TODAY = datetime.date(2026, 3, 1)
DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=80,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- Structured Markdown ---------------------------------------------------------------------

words = st.text(
    alphabet=st.sampled_from("abcXYZ019 &:_*`#[]|-=~<>!.\u00e9\U0001f680\x00\t"),
    min_size=0,
    max_size=12,
)
indent = st.sampled_from(["", " ", "  ", "   ", "    ", "\t"])


@st.composite
def atx_heading(draw) -> str:
    closing = draw(st.sampled_from(["", " #", " ###", "#", " # "]))
    return f"{draw(st.sampled_from(['', ' ', '   ']))}{'#' * draw(st.integers(1, 7))}" + (
        f"{draw(st.sampled_from([' ', '  ', chr(9)]))}{draw(words)}{closing}"
    )


@st.composite
def setext_heading(draw) -> str:
    lines = draw(st.lists(words.filter(str.strip), min_size=1, max_size=3))
    underline = draw(st.sampled_from(["===", "---", "=", "-", "  ---  ", "- - -"]))
    return "\n".join([*lines, underline])


@st.composite
def fence(draw) -> str:
    char = draw(st.sampled_from("`~"))
    size = draw(st.integers(3, 5))
    info = draw(st.sampled_from(["", "python", " sql ", "a`b" if char == "~" else "x"]))
    body = draw(st.lists(st.one_of(words, atx_heading()), max_size=3))
    close_size = draw(st.sampled_from([size, size + 1, size - 1, 0]))
    closing = [draw(indent.filter(lambda s: len(s) < 4)) + char * close_size] if close_size else []
    return "\n".join([char * size + info, *body, *closing])


@st.composite
def indented_code(draw) -> str:
    lines = draw(st.lists(st.one_of(words, atx_heading()), min_size=1, max_size=3))
    return "\n".join("    " + line for line in lines)


@st.composite
def comment(draw) -> str:
    inner = draw(st.lists(st.one_of(words, atx_heading()), max_size=3))
    end = draw(st.sampled_from(["-->", " -->", "", "x -->"]))
    return "\n".join(["<!--" + draw(words), *inner, end])


@st.composite
def table(draw) -> str:
    rows = draw(st.lists(st.tuples(words, words), min_size=1, max_size=3))
    lines = ["| Field | Value |", "|---|---|"]
    lines += [f"| **{key}** | {value} |" for key, value in rows]
    return "\n".join(lines)


@st.composite
def field(draw) -> str:
    key = draw(st.sampled_from(["Status", "Created", "Last Updated", "Version", "Owner"]))
    value = draw(st.one_of(words, st.sampled_from(["Draft", "2026-01-02", "1.0", "Ready"])))
    form = draw(st.sampled_from(["**{k}**: {v}", "**{k}:** {v}", "- **{k}**: {v}"]))
    return form.format(k=key, v=value)


@st.composite
def list_block(draw) -> str:
    marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
    items = []
    for _ in range(draw(st.integers(1, 3))):
        item = f"{draw(indent.filter(lambda s: len(s) < 3))}{marker} {draw(words)}"
        nested = draw(st.lists(st.one_of(words, atx_heading(), field()), max_size=2))
        pad = " " * (len(marker) + 1)
        items.append("\n".join([item, *(pad + line for line in nested)]))
    return "\n".join(items)


@st.composite
def quote(draw) -> str:
    inner = draw(st.lists(st.one_of(words, atx_heading(), field()), min_size=1, max_size=3))
    return "\n".join(draw(st.sampled_from([">", "> ", ">>"])) + line for line in inner)


block = st.one_of(
    atx_heading(),
    setext_heading(),
    fence(),
    indented_code(),
    comment(),
    table(),
    field(),
    list_block(),
    quote(),
    words,
    st.sampled_from(["", "---", "***", "N/A", "- [x] done", "[[Orders]]", "[Date]"]),
)


@st.composite
def front_matter(draw) -> str:
    body = draw(
        st.sampled_from(
            [
                "status: Draft\ncreated: 2026-01-02",
                "title: Specification: Front\nstatus: Review",
                "status: [unclosed",
                "- a list\n- not a mapping",
                "a: &a [x, x]\nb: [*a, *a]",
                "",
            ]
        )
    )
    return f"---\n{body}\n{draw(st.sampled_from(['---', '...']))}\n"


@st.composite
def markdown_document(draw) -> str:
    text = draw(st.one_of(st.just(""), front_matter()))
    blocks = draw(st.lists(block, max_size=12))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(blocks)))
    text += "".join(b + sep for b, sep in zip(blocks, separators, strict=False))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


# -- Properties ------------------------------------------------------------------------------


def _assert_inside(text: str, diagnostics) -> None:
    last = max(len(split_lines(text)), 1)
    for diagnostic in diagnostics:
        assert 1 <= diagnostic.line <= last, (diagnostic, last)
        assert diagnostic.column >= 1, diagnostic


@DETERMINISTIC
@given(st.text(max_size=400))
def test_any_text_is_checked_without_raising(text: str) -> None:
    spec = check_source(Source("s.md", text), TEMPLATE, TODAY)
    _assert_inside(text, spec.diagnostics)


@DETERMINISTIC
@given(st.binary(max_size=400))
def test_any_bytes_are_checked_without_raising(data: bytes) -> None:
    source = Source.from_bytes("s.md", data)
    report = check_sources([source], TEMPLATE, TODAY)
    if source.text is None:
        assert [d.code for d in report.diagnostics] == ["unreadable-file"]
    else:
        _assert_inside(source.text, report.diagnostics)


@DETERMINISTIC
@given(markdown_document())
def test_structured_markdown_is_checked_without_raising(text: str) -> None:
    # Two specs, so that entity links and duplicates across specs are exercised too.
    report = check_sources([Source("a.md", text), Source("b.md", text)], TEMPLATE, TODAY)
    _assert_inside(text, report.diagnostics)


# Pieces of markup, joined in any order: where a template's conventions are read.
MARKUP = st.lists(
    st.sampled_from([*"<>[]{}()#*_|`:.-/!@= \n\taZ0é", "**", "{{", "}}", "<!--", "-->"]),
    max_size=60,
).map("".join)


@DETERMINISTIC
@given(markdown_document(), MARKUP)
def test_any_markdown_is_a_template_or_a_clear_error(text: str, other: str) -> None:
    # A team's template is input too: whatever it writes, a schema or one clear error.
    try:
        template = parse_template(f"{text}\n\n## A\n\n{other}\n", "t.md")
    except TemplateError:
        return
    report = check_sources([Source("a.md", text), Source("b.md", other)], template, TODAY)
    _assert_inside(text, report.specs[0].diagnostics)
    _assert_inside(other, report.specs[1].diagnostics)


@DETERMINISTIC
@given(markdown_document(), st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))
def test_invalid_utf8_anywhere_is_one_diagnostic(text: str, bad: bytes) -> None:
    data = text.encode("utf-8")
    middle = len(data) // 2
    source = Source.from_bytes("s.md", data[:middle] + bad + data[middle:])
    report = check_sources([source], TEMPLATE, TODAY)
    if source.text is None:  # at the line of the bad byte, or an earlier one of it
        line = len(split_lines(data[:middle].decode("utf-8", "replace") + "."))
        (found,) = [(d.code, d.line) for d in report.diagnostics]
        assert found[0] == "unreadable-file" and 1 <= found[1] <= line
    else:  # a NUL, or a split that happened to leave valid UTF-8
        _assert_inside(source.text, report.diagnostics)


@DETERMINISTIC
@given(markdown_document())
def test_scanner_headings_equal_markdown_it(text: str) -> None:
    assert scanner_headings(scan(text)) == reference_headings(text)


@DETERMINISTIC
@given(markdown_document())
def test_line_kinds_cover_every_line_and_title_is_a_heading(text: str) -> None:
    scanned = scan(text)
    assert len(scanned.kinds) == len(scanned.lines) == len(split_lines(text))
    document = parse_document(text, "s.md")
    if document.title is not None and document.title.line > scanned.front_matter_end:
        assert document.title in scanned.headings


@DETERMINISTIC
@given(markdown_document(), st.lists(st.sampled_from(["`", "[[", "[", "{", "#", "--"]), max_size=3))
def test_lines_found_in_the_text_are_the_lines_that_hold_the_needles(
    text: str, needles: list[str]
) -> None:
    # The searches over a scan's text find the lines a look at each line would.
    scanned = scan(text)
    assert scanned.text.split("\n")[: len(scanned.lines)] == list(scanned.lines)
    expected = [i for i, line in enumerate(scanned.lines) if any(n in line for n in needles)]
    assert lines_holding(scanned.text, needles) == expected


@DETERMINISTIC
@given(markdown_document(), st.sampled_from(["", ":", " *", "|\t", ":\u3000", "\u00a0"]))
def test_labels_are_the_lines_of_text_that_end_as_labels(text: str, end: str) -> None:
    scanned = scan(text.replace("\n", end + "\n"))
    text_lines = [i for i, kind in enumerate(scanned.kinds) if kind is LineKind.TEXT]
    expected = [i for i in text_lines if scanned.lines[i].rstrip().endswith((":", "*", "|"))]
    assert [i for i in scanned.labels if scanned.kinds[i] is LineKind.TEXT] == expected


def test_the_spaces_a_label_may_end_with_are_what_rstrip_strips() -> None:
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(scanner._SPACES) == spaces - {"\r", "\n"}


@DETERMINISTIC
@given(markdown_document())
def test_outline_is_the_section_tree_in_document_order(text: str) -> None:
    # specs.json lists a checked spec's sections from its outline, once the tree is let go.
    document = parse_document(text, "s.md")

    def in_order(sections: Sequence[Section]) -> list[Section]:
        return [each for section in sections for each in (section, *in_order(section.children))]

    tree = in_order(document.sections)
    assert document.every_section == tuple(tree)
    assert document.outline == tuple(section.heading for section in tree)
    assert document.without_text().outline == document.outline


def test_docs_from_one_template_share_their_headings_text() -> None:
    # A site keeps every doc's headings: the template's, repeated in each doc, are held once.
    first, second = (scan(f"# Spec {n}\n\n## Data  Models ##\n\nText.\n") for n in (1, 2))
    assert first.headings[1].text == "Data  Models"
    assert first.headings[1].text is second.headings[1].text
