"""The index page: every spec under its status, in the template's order, then the entities.

The index is HTML that takes the place of a marker once Markdown has run: a large site's
thousands of links and table cells need no Markdown. So its links are URLs, worked out by the
caller (``href``), which knows where pages are built.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.check import Report
from ..core.statuses import CATEGORIES
from .header import NO_STATUS_BADGE, UNKNOWN_BADGE, Categories
from .jinja import render
from .rows import Href, columns, status_groups

INDEX_TEMPLATE = "index.html"
MARKER = "<!-- specs:index -->"  # where the index goes, in the generated page or the author's


def index_page(name: str | None = None) -> str:
    """The generated index page, as Markdown: a title, and the marker."""
    return f"# {name or 'Specifications'}\n\n{MARKER}\n"


@dataclass(frozen=True)
class DocLink:
    title: str
    href: str  # the spec's URL, relative to the index page


@dataclass(frozen=True)
class EntityRow:
    name: str
    kind: str
    href: str  # the definition's heading
    spec: DocLink  # the defining spec
    referrers: tuple[DocLink, ...]  # the other specs that refer to it


def entity_rows(report: Report, href: Href) -> list[EntityRow]:
    """The entity catalogue: each entity by name, where it is defined, who refers to it
    (from docs of every type: the catalogue is the whole site's)."""
    catalog = report.catalog
    links: dict[str, DocLink] = {}

    def link(path: str) -> DocLink:
        if path not in links:
            links[path] = DocLink(catalog.title(path), href(path))
        return links[path]

    return [
        EntityRow(
            entity.name,
            entity.kind.value,
            f"{link(entity.path).href}#{entity.anchor}",
            link(entity.path),
            tuple(link(path) for path in catalog.referrers(entity)),
        )
        for entity in sorted(catalog.entities, key=lambda e: (e.name.casefold(), e.name))
    ]


def render_index(
    report: Report,
    href: Href,
    templates_dir: str | None = None,
    categories: Categories | None = None,
    problems_href: str | None = None,
) -> str:
    """The index as HTML, for the page's marker; ``categories`` is the ``statuses:`` option,
    ``problems_href`` the problems page where there is one."""
    grouped = status_groups(report, href, categories)
    return render(
        INDEX_TEMPLATE,
        templates_dir,
        total=len(report.specs),
        noun=report.noun,
        columns=columns(report.template),
        groups=grouped.groups,
        unknown=grouped.unknown,
        unknown_badge=UNKNOWN_BADGE,
        missing=grouped.missing,
        missing_badge=NO_STATUS_BADGE,
        statusless=report.template.status_field is None,
        entities=entity_rows(report, href),
        problems_href=problems_href,
        due=due_rows(report, href),
        categories=CATEGORIES,
    )


@dataclass(frozen=True)
class DueRow:
    title: str
    href: str
    due: str  # ISO date


def due_rows(report: Report, href: Href) -> list[DueRow]:
    """The specs due for review, the longest overdue first."""
    due = sorted(
        (s for s in report.specs if s.review_overdue), key=lambda s: (s.review_due, s.path)
    )
    return [DueRow(report.catalog.title(s.path), href(s.path), str(s.review_due)) for s in due]
