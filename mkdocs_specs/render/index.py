"""The index page: every spec under its status, in the template's order, then the entities.

The index is HTML that takes the place of a marker once Markdown has run: as Markdown, its
thousands of links and table cells cost Python-Markdown more than all the plugin's other work.
So its links are URLs, worked out by the caller (``href``), which knows where pages are built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.check import CheckedSpec, Report
from ..core.diagnostics import count
from .header import UNKNOWN_BADGE, Badge, badge, status_badge
from .jinja import render

INDEX_TEMPLATE = "index.html"
MARKER = "<!-- specs:index -->"  # where the index goes, in the generated page or the author's
PAGE = f"# Specifications\n\n{MARKER}\n"  # the generated index page, as Markdown
# The marker as Python-Markdown passes it on: an HTML comment block of its own, on its own line.
_MARKER_LINE = re.compile(rf"^{re.escape(MARKER)}$", re.MULTILINE)

Href = Callable[[str], str]  # a spec's path -> its URL, relative to the index page


@dataclass(frozen=True)
class IndexRow:
    title: str
    path: str  # the spec's path as checked
    href: str  # the spec's URL, relative to the index page
    badge: Badge
    status: str  # as written, for specs whose status is unknown
    version: str
    lead: str
    updated: str
    errors: int
    warnings: int


@dataclass(frozen=True)
class StatusGroup:
    badge: Badge
    rows: tuple[IndexRow, ...]


@dataclass(frozen=True)
class SpecLink:
    title: str
    href: str  # the spec's URL, relative to the index page


@dataclass(frozen=True)
class EntityRow:
    name: str
    kind: str
    href: str  # the definition's heading
    spec: SpecLink  # the defining spec
    referrers: tuple[SpecLink, ...]  # the other specs that refer to it


def _row(report: Report, spec: CheckedSpec, href: Href) -> IndexRow:
    document = spec.document
    errors, warnings = count(spec.diagnostics)
    return IndexRow(
        title=report.catalog.title(spec.path),
        path=spec.path,
        href=href(spec.path),
        badge=badge(spec),
        status=document.field_value("status") or "",
        version=document.field_value("version") or "",
        lead=document.field_value("technicallead") or "",
        updated=document.field_value("lastupdated") or "",
        errors=errors,
        warnings=warnings,
    )


def status_groups(report: Report, href: Href) -> tuple[list[StatusGroup], list[IndexRow]]:
    """One group per template status, in the template's order; then the unknown ones."""
    rows = {spec.path: _row(report, spec, href) for spec in report.specs}
    groups = [
        StatusGroup(
            status_badge(status),
            tuple(rows[spec.path] for spec in report.specs if spec.status == status),
        )
        for status in report.template.statuses
    ]
    unknown = [rows[spec.path] for spec in report.specs if spec.status is None]
    return groups, unknown


def entity_rows(report: Report, href: Href) -> list[EntityRow]:
    """The entity catalogue: each entity by name, where it is defined, who refers to it."""
    catalog = report.catalog
    links = {s.path: SpecLink(catalog.title(s.path), href(s.path)) for s in report.specs}
    return [
        EntityRow(
            entity.name,
            entity.kind.value,
            f"{links[entity.path].href}#{entity.anchor}",
            links[entity.path],
            tuple(links[path] for path in catalog.referrers(entity)),
        )
        for entity in sorted(catalog.entities, key=lambda e: (e.name.casefold(), e.name))
    ]


def render_index(report: Report, href: Href, templates_dir: str | None = None) -> str:
    """The index as HTML, for the page's marker."""
    groups, unknown = status_groups(report, href)
    return render(
        INDEX_TEMPLATE,
        templates_dir,
        total=len(report.specs),
        groups=groups,
        unknown=unknown,
        unknown_badge=UNKNOWN_BADGE,
        entities=entity_rows(report, href),
    )


def fill_marker(html: str, index: str) -> str:
    """``html`` with ``index`` in place of its first marker block.

    A marker in a code block or inside a paragraph is shown, not replaced: Python-Markdown
    escapes the first and keeps the second within its ``<p>``, never on a line of its own.
    """
    found = _MARKER_LINE.search(html)
    if found is None:
        return html
    return f"{html[: found.start()]}{index}{html[found.end() :]}"
