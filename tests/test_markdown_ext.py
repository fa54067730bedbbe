"""The Markdown extension in-process, as MkDocs drives it, without MkDocs: exact HTML.

Each page is converted by Python-Markdown with ``SpecsExtension`` and the ``PageContext`` the
plugin makes for it (see ``SpecsPlugin.on_page_markdown``), for specs checked together by
``check_sources``. Links stay ``.md`` paths here: MkDocs makes them URLs after the extension.
"""

from __future__ import annotations

import datetime
import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

import markdown
import pytest
from conftest import filled_spec
from htmltree import Node, parse

from mkdocs_specs.core.check import Report, Source, check_sources
from mkdocs_specs.core.diagnostics import Diagnostic, Severity, count
from mkdocs_specs.core.document import parse_document
from mkdocs_specs.core.entities import CatalogOptions
from mkdocs_specs.core.template import load_template, parse_template
from mkdocs_specs.plugin.anchors import TocIds, heading_anchors
from mkdocs_specs.plugin.diagram import MermaidFence
from mkdocs_specs.plugin.editor import edit_url, editor_pattern
from mkdocs_specs.plugin.extension import SpecsExtension
from mkdocs_specs.plugin.page import LinkSettings, PageContext

TODAY = datetime.date(2026, 3, 1)

ORDERS = """\
# Specification: Orders

**Status**: Approved
**Version**: 1.0
**Created**: 2026-01-10

## Data Models

### OrdersRecord

An order.

### Unloved

Nobody refers to it.
"""

BILLING = """\
# Specification: Billing

**Status**: review
**Technical Lead**: Ada <b>Lovelace</b>

## Data Models

### BillingRecord

**Relationships**:

- **OrdersRecord**: each bill belongs to one order

## Notes

A bill covers one [[OrdersRecord]], read as `OrdersRecord`; [[Nope]] is no entity.

### About [[OrdersRecord]]

See [the `OrdersRecord` model](../orders.md) and `ordersrecord`.

    [[OrdersRecord]] `OrdersRecord`
"""

SPECS = {"specs/orders.md": ORDERS, "specs/team/billing.md": BILLING}


def check(specs: dict[str, str], autolink: bool = True) -> Report:
    """As the plugin's on_files: checked together, then only each spec's header kept."""
    sources = [Source(path, text) for path, text in specs.items()]
    options = CatalogOptions(autolink_code=autolink, heading_ids=TocIds())
    return check_sources(sources, load_template(), TODAY, catalog_options=options).header_only()


def convert(
    report: Report,
    path: str,
    text: str,
    *,
    show_diagnostics: bool = False,
    autolink: bool = True,
    mermaid: MermaidFence | None = None,
    extensions: tuple[str, ...] = ("toc",),
    statuses: dict[str, str] | None = None,
    anchors: tuple[tuple[int, str], ...] = (),
    edit: Callable[[Diagnostic], str] | None = None,
) -> str:
    spec = report.spec(path)
    assert spec is not None, path
    links = LinkSettings(report.catalog, autolink, mermaid)
    page = PageContext(
        spec,
        show_diagnostics,
        links=links,
        template=report.template,
        statuses=statuses,
        anchors=anchors,
        edit=edit,
    )
    md = markdown.Markdown(extensions=[*extensions, SpecsExtension(lambda: page)])
    return md.convert(text)


@pytest.fixture(scope="module")
def report() -> Report:
    return check(SPECS)


BADGE_REVIEW = (
    '<span class="spec-badge spec-badge--review spec-badge--cat-review" '
    'data-spec-status="Review">Review</span>'
)
LINK = (
    '<a class="spec-ref" href="../orders.md#ordersrecord" '
    'title="OrdersRecord (model, Specification: Orders)">'
)


def test_a_referring_page_exactly(report) -> None:
    assert convert(report, "specs/team/billing.md", BILLING) == (
        '<h1 id="specification-billing">Specification: Billing</h1>\n'
        # The badge right after the title, written "review", shown as the template spells it.
        f"{BADGE_REVIEW}\n"
        # The card replaces the header lines; a tag in a value shows as text.
        '<dl class="spec-card">\n'
        '<dt data-spec-field="status">Status</dt>\n'
        '<dd data-spec-field="status">review</dd>\n'
        '<dt data-spec-field="technicallead">Technical Lead</dt>\n'
        '<dd data-spec-field="technicallead">Ada &lt;b&gt;Lovelace&lt;/b&gt;</dd>\n'
        "</dl>\n"
        '<h2 id="data-models">Data Models</h2>\n'
        '<h3 id="billingrecord">BillingRecord</h3>\n'
        "<p><strong>Relationships</strong>:</p>\n"
        "<ul>\n"
        # A Relationships entry links its name.
        f"<li>{LINK}<strong>OrdersRecord</strong></a>: each bill belongs to one order</li>\n"
        "</ul>\n"
        '<h2 id="notes">Notes</h2>\n'
        # [[Name]] and a code span naming an entity exactly link to its heading in its spec;
        # a name of nothing is marked.
        f"<p>A bill covers one {LINK}OrdersRecord</a>, read as {LINK}<code>OrdersRecord</code>"
        '</a>; <span class="spec-ref spec-ref--unresolved" title="No entity is named Nope">'
        "Nope</span> is no entity.</p>\n"
        # Nothing is linked in headings, existing links, code blocks, or by a near name.
        '<h3 id="about-ordersrecord">About [[OrdersRecord]]</h3>\n'
        '<p>See <a href="../orders.md">the <code>OrdersRecord</code> model</a> and '
        "<code>ordersrecord</code>.</p>\n"
        "<pre><code>[[OrdersRecord]] `OrdersRecord`\n"
        "</code></pre>"
    )


def test_a_defining_page_lists_its_referrers_exactly(report) -> None:
    assert convert(report, "specs/orders.md", ORDERS) == (
        '<h1 id="specification-orders">Specification: Orders</h1>\n'
        '<span class="spec-badge spec-badge--approved spec-badge--cat-accepted" '
        'data-spec-status="Approved">Approved</span>\n'
        '<dl class="spec-card">\n'
        '<dt data-spec-field="status">Status</dt>\n'
        '<dd data-spec-field="status">Approved</dd>\n'
        '<dt data-spec-field="version">Version</dt>\n'
        '<dd data-spec-field="version">1.0</dd>\n'
        '<dt data-spec-field="created">Created</dt>\n'
        '<dd data-spec-field="created"><time datetime="2026-01-10">2026-01-10</time></dd>\n'
        "</dl>\n"
        '<h2 id="data-models">Data Models</h2>\n'
        '<h3 id="ordersrecord">OrdersRecord</h3>\n'
        # Right under the definition; a link to the referring spec's file, by its title.
        '<p class="spec-backlinks">Referenced by: '
        '<a href="team/billing.md">Specification: Billing</a></p>\n'
        "<p>An order.</p>\n"
        '<h3 id="unloved">Unloved</h3>\n'  # nobody refers to it: no line
        "<p>Nobody refers to it.</p>"
    )


def test_without_a_title_the_badge_opens_the_page() -> None:
    text = "**Status**: Draft\n\nSome prose.\n"
    html = convert(check({"specs/x.md": text}), "specs/x.md", text)
    assert html == (
        # The badge is the page's first line, then (after a blank line) the card.
        '<span class="spec-badge spec-badge--draft spec-badge--cat-draft" '
        'data-spec-status="Draft">Draft</span>\n\n'
        '<dl class="spec-card">\n'
        '<dt data-spec-field="status">Status</dt>\n'
        '<dd data-spec-field="status">Draft</dd>\n'
        "</dl>\n"
        "<p>Some prose.</p>"
    )


LIFECYCLE = parse_template(
    "# ADR: [Title]\n\n"
    "**Status**: [Idea | Proposed | Agreed | Shipped | Retired | Parked]\n\n"
    "## Decision\n\n[What we decided]\n",
    "lifecycle.md",
)


def badge_of(status: str, statuses: dict[str, str] | None = None) -> str:
    """The badge line of a spec in ``status``, written from ``LIFECYCLE``."""
    text = f"# ADR: Queues\n\n**Status**: {status}\n\n## Decision\n\nUse queues.\n"
    source = Source("adr/queues.md", text)
    report = check_sources([source], LIFECYCLE, TODAY).header_only()
    html = convert(report, "adr/queues.md", text, statuses=statuses)
    return html.splitlines()[1]


@pytest.mark.parametrize(
    ("status", "category"),
    [
        ("Idea", "draft"),
        ("Proposed", "review"),
        ("Agreed", "accepted"),
        ("Shipped", "done"),
        ("Retired", "inactive"),
    ],
)
def test_the_badge_names_its_status_and_its_category_exactly(status, category) -> None:
    slug = status.lower()
    assert badge_of(status) == (
        f'<span class="spec-badge spec-badge--{slug} spec-badge--cat-{category}" '
        f'data-spec-status="{status}">{status}</span>'
    )


def test_a_status_of_no_known_word_has_a_badge_without_a_category() -> None:
    assert badge_of("Parked") == (
        '<span class="spec-badge spec-badge--parked" data-spec-status="Parked">Parked</span>'
    )


def test_the_statuses_option_gives_a_status_its_category() -> None:
    own = {"parked": "inactive", "Shipped": "accepted"}
    assert badge_of("parked", own) == (
        '<span class="spec-badge spec-badge--parked spec-badge--cat-inactive" '
        'data-spec-status="Parked">Parked</span>'
    )
    # Over the built-in list, which says "shipped" is done.
    assert badge_of("Shipped", own) == (
        '<span class="spec-badge spec-badge--shipped spec-badge--cat-accepted" '
        'data-spec-status="Shipped">Shipped</span>'
    )


def test_spec_text_in_badge_and_card_is_escaped_exactly() -> None:
    text = '# Specification: X\n\n**Status**: "><img src=x>\n'
    assert convert(check({"specs/x.md": text}), "specs/x.md", text) == (
        '<h1 id="specification-x">Specification: X</h1>\n'
        # An unknown status: the unknown badge, the text as written in an attribute.
        '<span class="spec-badge spec-badge--unknown" '
        'data-spec-status="&#34;&gt;&lt;img src=x&gt;">Unknown status</span>\n'
        '<dl class="spec-card">\n'
        '<dt data-spec-field="status">Status</dt>\n'
        '<dd data-spec-field="status">"&gt;&lt;img src=x&gt;</dd>\n'
        "</dl>"
    )


def test_autolink_off_leaves_code_spans_as_code() -> None:
    report = check(SPECS, autolink=False)
    html = convert(report, "specs/team/billing.md", BILLING, autolink=False)
    assert "<code>OrdersRecord</code></a>" not in html
    assert "read as <code>OrdersRecord</code>;" in html
    assert f"one {LINK}OrdersRecord</a>," in html  # [[Name]] still links


@pytest.mark.parametrize(
    "extensions",
    [("toc", "pymdownx.inlinehilite"), ("toc", "pymdownx.highlight", "pymdownx.inlinehilite")],
)
def test_code_spans_link_under_inlinehilite(report, extensions: tuple[str, ...]) -> None:
    # inlinehilite keeps each code span's text aside until the end: a plain one still names
    # its entity; a highlighted one is code.
    text = BILLING + "\nPlain `OrdersRecord`, `#!py OrdersRecord` and `a < OrdersRecord`.\n"
    page = parse(convert(report, "specs/team/billing.md", text, extensions=extensions))
    last = page.find_all("p")[-1]
    (link,) = last.find_all("a", cls="spec-ref")
    assert link.attrs["href"] == "../orders.md#ordersrecord"
    assert [code.text for code in link.find_all("code")] == ["OrdersRecord"]
    highlighted = last.find("code", cls="highlight")
    assert highlighted.text == "OrdersRecord" and highlighted.parent.tag == "p"
    assert "a < OrdersRecord" in [code.text for code in last.find_all("code")]


def test_a_page_that_is_no_spec_is_left_as_markdown_makes_it() -> None:
    text = "# Guide\n\n**Status**: Draft\n\nSee [[OrdersRecord]] and `OrdersRecord`.\n"
    plain = markdown.Markdown(extensions=["toc"]).convert(text)
    md = markdown.Markdown(extensions=["toc", SpecsExtension(lambda: None)])
    assert md.convert(text) == plain


def anchors(path: str, text: str) -> tuple[tuple[int, str], ...]:
    """As the plugin's on_files: the ids toc gives the page's headings, by line."""
    return heading_anchors(parse_document(text, path).scan.headings, False, TocIds())


def test_the_problem_box_goes_first_when_shown() -> None:
    text = filled_spec("Payments").replace("**Version**: 1.0", "**Version**: soon")
    report = check({"specs/payments.md": text})
    (problem,) = report.spec("specs/payments.md").diagnostics
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "**Version**" in row)
    html = convert(
        report,
        "specs/payments.md",
        text,
        show_diagnostics=True,
        anchors=anchors("specs/payments.md", text),
    )
    assert html.startswith(
        '<div class="spec-diagnostics admonition failure" id="spec-problems" role="alert" '
        'data-search-exclude data-spec-problems="1" data-spec-errors="1" '
        'data-spec-warnings="0">\n'
        '<p class="admonition-title spec-diagnostics__title">1 error in this spec</p>\n'
        '<ul class="spec-diagnostics__list">\n'
        '<li class="spec-diagnostics__item spec-diagnostics__item--error" '
        f'data-line="{line}" data-code="invalid-field">\n'
        # In the header, under the title: the title's heading is the nearest one above.
        '<span class="spec-diagnostics__where"><a class="spec-diagnostics__jump" '
        f'href="#specification-payments">line {line}</a>:14</span>\n'
        '<span class="spec-diagnostics__severity">error</span>\n'
        '<code class="spec-diagnostics__code">invalid-field</code>\n'
        '<span class="spec-diagnostics__message">&#34;Version&#34; is not a version: '
        "&#34;soon&#34;</span>\n"
        f'<span class="spec-diagnostics__hint">{problem.hint}</span>\n'
        "</li>\n"
        "</ul>\n"
        "</div>\n"
        '<h1 id="specification-payments">'
    )
    hidden = convert(report, "specs/payments.md", text, show_diagnostics=False)
    assert "spec-diagnostics" not in hidden


def without_purpose(text: str) -> str:
    """``text`` with its "### Purpose" section emptied: a warning."""
    return re.sub(r"(### Purpose\n)(.*?)(?=\n### )", r"\1", text, flags=re.DOTALL)


def test_a_box_of_warnings_only_is_a_warning_and_jumps_to_the_section() -> None:
    text = without_purpose(filled_spec("Payments"))
    report = check({"specs/payments.md": text})
    problems = report.spec("specs/payments.md").diagnostics
    assert problems and not any(d.is_error for d in problems), problems
    html = convert(
        report,
        "specs/payments.md",
        text,
        show_diagnostics=True,
        anchors=anchors("specs/payments.md", text),
    )
    box = parse(html).find(cls="spec-diagnostics")
    assert box.attrs["class"] == "spec-diagnostics admonition warning"
    title = box.find(cls="spec-diagnostics__title")
    assert title.text == "1 warning in this spec"
    (empty,) = problems
    item = box.find(cls="spec-diagnostics__item--warning", data_line=str(empty.line))
    jump = item.find("a", cls="spec-diagnostics__jump")
    assert jump.attrs["href"] == "#purpose"
    assert jump.text == f"line {empty.line}"
    assert '<h3 id="purpose">Purpose</h3>' in html


def test_the_title_counts_errors_and_warnings_apart() -> None:
    text = without_purpose(filled_spec("Payments", version="soon"))
    report = check({"specs/payments.md": text})
    errors, warnings = count(report.spec("specs/payments.md").diagnostics)
    assert (errors, warnings) == (1, 1)
    box = parse(convert(report, "specs/payments.md", text, show_diagnostics=True))
    title = box.find(cls="spec-diagnostics__title")
    assert title.text == "1 error and 1 warning in this spec"
    assert "admonition failure" in box.find(cls="spec-diagnostics").attrs["class"]
    # Without anchors (a page shown as code), the line is no link.
    assert not box.find_all(cls="spec-diagnostics__jump")


def test_the_edit_link_opens_the_file_at_the_line_in_the_editor() -> None:
    text = filled_spec("Payments", version="soon")
    report = check({"specs/payments.md": text})
    (problem,) = report.spec("specs/payments.md").diagnostics
    edit = functools.partial(edit_url, editor_pattern("vscode"), "/home/me/my docs/payments.md")
    html = convert(report, "specs/payments.md", text, show_diagnostics=True, edit=edit)
    link = parse(html).find("a", cls="spec-diagnostics__edit")
    assert link.attrs["href"] == (
        f"vscode://file/home/me/my%20docs/payments.md:{problem.line}:{problem.column}"
    )
    assert "spec-diagnostics__edit" not in convert(
        report, "specs/payments.md", text, show_diagnostics=True
    )


@pytest.mark.parametrize(
    ("editor", "url"),
    [
        ("vscodium", "vscodium://file/p/a.md:3:5"),
        ("idea", "idea://open?file=/p/a.md&line=3&column=5"),
        ("sublime", "subl://open?url=file:///p/a.md&line=3&column=5"),
        ("emacs://open?file={path}:{line}", "emacs://open?file=/p/a.md:3"),
    ],
)
def test_editors_by_name_and_by_pattern(editor: str, url: str) -> None:
    problem = Diagnostic("specs/a.md", 3, 5, "x", Severity.ERROR, "m")
    assert edit_url(editor_pattern(editor), "/p/a.md", problem) == url


@pytest.mark.parametrize("editor", ["vim", "x://{file}", "x://{path}{0}", "x://{path"])
def test_an_editor_pattern_without_path_or_with_unknown_fields_is_refused(editor: str) -> None:
    with pytest.raises(ValueError, match=r"editor|pattern"):
        editor_pattern(editor)


def test_the_entity_diagram_goes_before_the_first_model_with_a_mermaid_fence(report) -> None:
    from pymdownx.superfences import fence_code_format

    mermaid = MermaidFence(fence_code_format, "mermaid")
    html = convert(
        report,
        "specs/team/billing.md",
        BILLING,
        mermaid=mermaid,
        extensions=("toc", "pymdownx.superfences"),
    )
    diagram = (
        '<pre class="mermaid"><code>classDiagram\n'
        "    direction LR\n"
        '    class e0["BillingRecord"]\n'
        "    &lt;&lt;model&gt;&gt; e0\n"
        '    class e1["OrdersRecord"]\n'
        "    &lt;&lt;model&gt;&gt; e1\n"
        "    e0 --&gt; e1 : each bill belongs to one order\n"
        "</code></pre>\n"
    )
    assert f'<h2 id="data-models">Data Models</h2>\n{diagram}<h3 id="billingrecord">' in html
    assert html.count("classDiagram") == 1


def test_a_link_whose_text_is_in_brackets_is_no_reference(report) -> None:
    """`[[1]](https://…)` is Markdown's link with the text `[1]`, as footnote-style
    citations write it: no `[[1]]` reference, and the link stays."""
    text = ORDERS + "\nAs measured [[1]](https://example.com/paper).\n"
    html = convert(check({"specs/orders.md": text}), "specs/orders.md", text)
    assert '<a href="https://example.com/paper">[1]</a>' in html
    assert "spec-ref--unresolved" not in html


def card_page(template: str, text: str, aliases: dict[str, str] | None = None) -> Node:
    """The page of a doc written from a bundled ``template``, as the plugin converts it."""
    own = load_template(template).with_aliases(aliases or {})
    report = check_sources([Source("docs/x.md", text)], own, TODAY).header_only()
    spec = report.spec("docs/x.md")
    assert spec is not None
    page = PageContext(spec, False, template=own)
    return parse(markdown.Markdown(extensions=["toc", SpecsExtension(lambda: page)]).convert(text))


def before_first_section(root: Node) -> list[str]:
    """The tags of the blocks above the first ``##``."""
    tags = [node.tag for node in root.children]
    return tags[: tags.index("h2")]


def test_the_card_takes_plain_key_value_bullets_with_their_links() -> None:
    # The Rust RFCs' header: `- Key: value` bullets, no bold, links in the values.
    text = (
        "- Feature Name: `optimize_attr`\n- Start Date: 2018-03-26\n"
        "- RFC PR: [rust-lang/rfcs#2412](https://github.com/rust-lang/rfcs/pull/2412)\n"
        "- Rust Issue: [rust-lang/rust#54882](https://github.com/rust-lang/rust/issues/54882)\n\n"
        "Note: the lines above are the header.\n\n## Summary\n\nText.\n"
    )
    root = card_page("rust-rfc", text)
    assert before_first_section(root) == ["dl", "p"]  # the bullets are gone, the note stays
    card = root.find("dl", cls="spec-card")
    assert [dt.attrs["data-spec-field"] for dt in card.find_all("dt")] == [
        "featurename",
        "startdate",
        "rfcpr",
        "rustissue",
    ]
    pr = card.find("dd", data_spec_field="rfcpr").find("a")
    assert (pr.attrs["href"], pr.text) == (
        "https://github.com/rust-lang/rfcs/pull/2412",
        "rust-lang/rfcs#2412",
    )
    assert card.find("dd", data_spec_field="featurename").find("code").text == "optimize_attr"


def test_the_card_takes_a_plain_date_line_under_the_title() -> None:
    # Nygard's ADRs: `Date: 2016-02-12` under the title, the status in a section of its own.
    text = (
        "# 2. Implement as shell scripts\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n\n"
        "## Context\n\nWhy.\n\n## Decision\n\nShell.\n\n## Consequences\n\nUnix only.\n"
    )
    root = card_page("nygard", text)
    assert before_first_section(root) == ["h1", "span", "dl"]  # title, badge, card
    card = root.find("dl", cls="spec-card")
    assert card.find("dd", data_spec_field="date").find("time").attrs["datetime"] == "2016-02-12"
    assert "Date: 2016-02-12" not in root.text


def test_the_card_takes_a_field_written_under_another_name() -> None:
    # With `aliases: {Owner: Technical Lead}`, `**Owner**` is that field, on the card as well.
    text = filled_spec("Orders").replace("**Technical Lead**", "**Owner**")
    root = card_page("technical-spec", text, {"Owner": "Technical Lead"})
    assert before_first_section(root) == ["h1", "span", "dl"]
    card = root.find("dl", cls="spec-card")
    assert card.find("dd", data_spec_field="technicallead").text == "Ada Lovelace"


def test_fields_written_above_the_title_go_to_the_card_under_it() -> None:
    text = (
        "- Feature Name: `same_day`\n- Start Date: 2025-10-14\n"
        "- RFC PR: [#1](https://example.com/1)\n- Rust Issue: [#2](https://example.com/2)\n\n"
        "# Same-day delivery\n\n## Summary\n\nText.\n"
    )
    root = card_page("rust-rfc", text)
    assert before_first_section(root) == ["h1", "dl"]  # the title first: MkDocs titles the page
    assert root.find("h1").text == "Same-day delivery"
    card = root.find("dl", cls="spec-card")
    assert card.find("dd", data_spec_field="rustissue").find("a").attrs["href"] == (
        "https://example.com/2"
    )


def test_front_matter_fields_on_the_card_read_as_text_under_capitalised_names() -> None:
    text = (
        "---\nstatus: superseded by [ADR-0003](0003-use-postgresql.md)\ndate: 2025-03-04\n"
        "decision-makers: Ada, Grace\n---\n\n# Use MySQL\n\n## Context and Problem Statement\n\n"
        "Why.\n\n## Considered Options\n\n* MySQL\n\n## Decision Outcome\n\nMySQL.\n"
    )
    card = card_page("madr", text).find("dl", cls="spec-card")
    assert [dt.text for dt in card.find_all("dt")] == ["Status", "Date", "Decision-makers"]
    assert card.find("dd", data_spec_field="status").text == "superseded by ADR-0003"


class _Docstrings(markdown.Extension):
    """As mkdocstrings: `::: name` is replaced by Markdown that a Markdown instance of its own,
    with the site's extensions, converts while the page is converted."""

    def __init__(self, site_extensions: list[markdown.Extension]) -> None:
        super().__init__()
        self.site_extensions = site_extensions

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        from markdown.blockprocessors import BlockProcessor

        extensions = self.site_extensions

        class Autodoc(BlockProcessor):
            def test(self, parent, block) -> bool:
                return block.startswith("::: ")

            def run(self, parent, blocks) -> None:
                name = blocks.pop(0)[4:].strip()
                inner = markdown.Markdown(extensions=extensions)
                html = inner.convert(f"### `{name}`\n\nCharges an [[OrdersRecord]].\n")
                div = etree.SubElement(parent, "div", {"class": "doc"})
                div.text = md.htmlStash.store(html)

        md.parser.blockprocessors.register(Autodoc(md.parser), "autodoc", 95)


def test_markdown_another_plugin_converts_within_the_page_is_left_undecorated() -> None:
    text = (
        filled_spec("Payments").replace("**Version**: 1.0", "**Version**: soon")
        + "\n## API Reference\n\n::: billing.charge\n"
    )
    report = check({"specs/orders.md": ORDERS, "specs/payments.md": text})
    spec = report.spec("specs/payments.md")
    assert spec is not None
    links = LinkSettings(report.catalog, True, None)
    page = PageContext(spec, True, links=links, template=report.template)
    ours = SpecsExtension(lambda: page)
    md = markdown.Markdown(extensions=["toc", ours, _Docstrings(["toc", ours])])
    root = parse(md.convert(text))
    assert len(root.find_all(cls="spec-badge")) == 1
    assert len(root.find_all(cls="spec-card")) == 1
    assert len(root.find_all(cls="spec-diagnostics")) == 1
    # The docstring is converted as without the plugin: `check` reads the page's file, where
    # it is no text, so nothing in it is checked, linked or counted.
    assert "<p>Charges an [[OrdersRecord]].</p>" in md.convert(text)


def test_markdown_a_hook_converts_before_the_page_leaves_the_page_its_own() -> None:
    # A hook or plugin converts part of the page with the site's extensions (in
    # on_page_markdown, say) before MkDocs converts the page: the page's conversion is the
    # one of the page's Markdown.
    text = filled_spec("Payments").replace("**Version**: 1.0", "**Version**: soon")
    report = check({"specs/orders.md": ORDERS, "specs/payments.md": text})
    spec = report.spec("specs/payments.md")
    assert spec is not None
    links = LinkSettings(report.catalog, True, None)
    page = PageContext(spec, True, links=links, template=report.template, markdown=lambda: text)
    ours = SpecsExtension(lambda: page)
    first = markdown.Markdown(extensions=["toc", ours]).convert(text.split("\n\n")[0])
    assert "spec-badge" not in first
    root = parse(markdown.Markdown(extensions=["toc", ours]).convert(text))
    assert len(root.find_all(cls="spec-badge")) == 1
    assert len(root.find_all(cls="spec-diagnostics")) == 1


def test_markdown_a_converted_page_is_let_go() -> None:
    # MkDocs keeps the extension for the whole build: it must not keep the last page's
    # Markdown instance (and all its lines) alive to the end, where memory peaks.
    import gc
    import weakref

    text = filled_spec("Payments")
    report = check({"specs/payments.md": text})
    spec = report.spec("specs/payments.md")
    assert spec is not None
    page = PageContext(spec, False, template=report.template, markdown=lambda: text)
    ours = SpecsExtension(lambda: page)
    md = markdown.Markdown(extensions=["toc", ours])
    assert "spec-badge" in md.convert(text)
    converted = weakref.ref(md)
    del md
    gc.collect()
    assert converted() is None
