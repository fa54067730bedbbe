"""What the Markdown extension knows of the page it converts, set by the adapter per page."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..core.check import CheckedSpec, Report
from ..core.diagnostics import Diagnostic
from ..core.entities import Catalog
from ..core.relations import Relation
from ..core.rules import NESTING_TOO_DEEP
from ..core.template import Template
from .config import SpecsConfig
from .diagram import MermaidFence


@dataclass(frozen=True)
class LinkSettings:
    """What a page needs to link entities: the catalogue and the site's settings."""

    catalog: Catalog
    autolink_code: bool
    mermaid: MermaidFence | None


@dataclass(frozen=True)
class PageContext:
    """What the extension needs to know about the page being converted."""

    spec: CheckedSpec
    show_diagnostics: bool
    templates_dir: str | None = None
    links: LinkSettings | None = None  # entity links, backlinks and diagram
    template: Template | None = None  # for the badge and the metadata card
    statuses: Mapping[str, str] | None = None  # the `statuses:` option, for the badge's colours
    relations: tuple[Relation, ...] = ()  # superseded by, supersedes, amends, amended by
    # The link from this page to a doc, by the doc's path, for the relations' raw HTML: as
    # the host takes links there (MkDocs rewrites none, Zensical rewrites them as Markdown's).
    href: Callable[[str], str] = str
    anchors: Sequence[tuple[int, str]] = ()  # (line, id) of the page's headings, for the box
    edit: Callable[[Diagnostic], str] | None = None  # a problem's editor URL, under serve only
    noun: str = "spec"  # what the site calls its docs (`Report.noun`)
    # The page's Markdown as the host converts it, where the host says (MkDocs: after every
    # plugin's on_page_markdown): what tells the page's own conversion from others'.
    markdown: Callable[[], str] | None = None


def page_context(
    spec: CheckedSpec,
    report: Report,
    options: SpecsConfig,
    *,
    show: bool,
    links: LinkSettings | None,
    href: Callable[[str], str],
    anchors: Mapping[str, Sequence[tuple[int, str]]],
    edit: Callable[[Diagnostic], str] | None = None,
    markdown: Callable[[], str] | None = None,
) -> PageContext:
    """What a spec's page needs, from the site's checked report and options, under either
    host; ``anchors`` are the headings of each spec with problems, by path."""
    return PageContext(
        spec,
        show,
        templates_dir=options.templates_dir,
        links=links,
        template=report.template_of(spec.doc_type),
        statuses=options.statuses,
        relations=report.relations.get(spec.path, ()),
        href=href,
        # Shown as code, the page has no headings to jump to.
        anchors=() if shown_as_code(spec) else anchors.get(spec.path, ()),
        edit=edit,
        noun=report.noun,
        markdown=markdown,
    )


def shown_as_code(spec: CheckedSpec) -> bool:
    """Whether the page shows the spec's source instead: nested too deep, it would exhaust
    Python-Markdown's stack."""
    return any(d.code == NESTING_TOO_DEEP.code for d in spec.diagnostics)


def code_block(text: str) -> str:
    """``text`` as a fenced code block, its fence longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip(chr(10))}\n{fence}\n"
