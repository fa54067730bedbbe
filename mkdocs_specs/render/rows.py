"""A row per spec, grouped by status: what the index and ``mkdocs-specs status`` list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.check import CheckedSpec, Report
from ..core.diagnostics import count
from .header import Badge, badge, status_badge

Href = Callable[[str], str]  # a spec's path -> its URL, relative to the page that lists it


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
