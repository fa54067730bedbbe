"""The index page: every spec under its status, in the template's order, as Markdown.

The page is Markdown so that its links are ordinary ``.md`` links, which MkDocs resolves for
either ``use_directory_urls`` and checks like any other.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from .diagnostics import count
from .header import UNKNOWN_BADGE, Badge, badge, status_badge
from .project import CheckedSpec, Report
from .render import render
from .scanner import LineKind, scan

INDEX_TEMPLATE = "index.md"
MARKER = "<!-- specs:index -->"  # where an author-written index page gets the generated one


@dataclass(frozen=True)
class IndexRow:
    title: str
    path: str  # the spec's path as checked
    href: str  # the spec's Markdown file, relative to the index page
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
    href: str  # the spec's Markdown file, relative to the index page


@dataclass(frozen=True)
class EntityRow:
    name: str
    kind: str
    href: str  # the definition's heading
    spec: SpecLink  # the defining spec
    referrers: tuple[SpecLink, ...]  # the other specs that refer to it


@functools.lru_cache(maxsize=4096)  # each spec is linked once per entity it defines or refers to
def _href(path: str, index_path: str) -> str:
    return quote(posixpath.relpath(path, posixpath.dirname(index_path) or "."))


def _row(report: Report, spec: CheckedSpec, index_path: str) -> IndexRow:
    document = spec.document
    errors, warnings = count(spec.diagnostics)
    return IndexRow(
        title=report.catalog.title(spec.path),
        path=spec.path,
        href=_href(spec.path, index_path),
        badge=badge(spec),
        status=document.field_value("status") or "",
        version=document.field_value("version") or "",
        lead=document.field_value("technicallead") or "",
        updated=document.field_value("lastupdated") or "",
        errors=errors,
        warnings=warnings,
    )


def status_groups(report: Report, index_path: str) -> tuple[list[StatusGroup], list[IndexRow]]:
    """One group per template status, in the template's order; then the unknown ones."""
    rows = {spec.path: _row(report, spec, index_path) for spec in report.specs}
    groups = [
        StatusGroup(
            status_badge(status),
            tuple(rows[spec.path] for spec in report.specs if spec.status == status),
        )
        for status in report.template.statuses
    ]
    unknown = [rows[spec.path] for spec in report.specs if spec.status is None]
    return groups, unknown


def entity_rows(report: Report, index_path: str) -> list[EntityRow]:
    """The entity catalogue: each entity by name, where it is defined, who refers to it."""
    catalog = report.catalog

    def link(path: str) -> SpecLink:
        return SpecLink(catalog.title(path), _href(path, index_path))

    return [
        EntityRow(
            entity.name,
            entity.kind.value,
            f"{_href(entity.path, index_path)}#{entity.anchor}",
            link(entity.path),
            tuple(link(path) for path in catalog.referrers(entity)),
        )
        for entity in sorted(catalog.entities, key=lambda e: (e.name.casefold(), e.name))
    ]


def render_index(
    report: Report, index_path: str, templates_dir: str | None = None, *, standalone: bool = True
) -> str:
    """The index as Markdown: a whole page, or (``standalone=False``) what fills the marker."""
    groups, unknown = status_groups(report, index_path)
    return render(
        INDEX_TEMPLATE,
        templates_dir,
        standalone=standalone,
        total=len(report.specs),
        groups=groups,
        unknown=unknown,
        unknown_badge=UNKNOWN_BADGE,
        entities=entity_rows(report, index_path),
    )


def fill_marker(markdown: str, index: str) -> str:
    """Put ``index`` where the page has the marker as an HTML comment of its own."""
    scanned = scan(markdown)
    lines = [
        f"\n{index}\n" if kind is LineKind.COMMENT and line.strip() == MARKER else line
        for line, kind in zip(scanned.lines, scanned.kinds, strict=True)
    ]
    return "\n".join(lines) + "\n"
