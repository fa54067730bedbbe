"""A row per spec, grouped by status: what the index and ``mkdocs-specs status`` list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.check import CheckedSpec, Report
from ..core.diagnostics import count
from ..core.template import FieldKind, Template
from .header import Badge, Categories, badge, status_badge

Href = Callable[[str], str]  # a spec's path -> its URL, relative to the page that lists it


@dataclass(frozen=True)
class Column:
    """A header field of the template, shown for each spec."""

    key: str  # normalised (names.field_key)
    name: str  # as the template writes it


def columns(template: Template) -> tuple[Column, ...]:
    """The template's own fields, in its order; not the status (specs are grouped by it) nor
    a field whose value is fixed (the same in every spec)."""
    status = template.status_field
    return tuple(
        Column(field.key, field.name)
        for field in template.fields
        if (status is None or field.key != status.key) and field.kind is not FieldKind.LITERAL
    )


@dataclass(frozen=True)
class IndexRow:
    title: str
    path: str  # the spec's path as checked
    href: str  # the spec's URL, relative to the index page
    badge: Badge
    status: str  # as written, for specs whose status is unknown
    columns: tuple[Column, ...]  # the same for every row
    values: tuple[str, ...]  # each column's value as written, "" when the spec has none
    errors: int
    warnings: int

    def value(self, key: str) -> str:
        """The value of the field with the normalised ``key``; "" when not a column."""
        pairs = zip(self.columns, self.values, strict=True)
        return next((value for column, value in pairs if column.key == key), "")

    # The bundled template's columns by name, as index.html overrides written for it use them.
    @property
    def version(self) -> str:
        return self.value("version")

    @property
    def lead(self) -> str:
        return self.value("technicallead")

    @property
    def updated(self) -> str:
        return self.value("lastupdated")


@dataclass(frozen=True)
class StatusGroup:
    badge: Badge
    rows: tuple[IndexRow, ...]


def _row(
    report: Report,
    spec: CheckedSpec,
    href: Href,
    shown: tuple[Column, ...],
    categories: Categories | None,
) -> IndexRow:
    document = spec.document
    errors, warnings = count(spec.diagnostics)
    return IndexRow(
        title=report.catalog.title(spec.path),
        path=spec.path,
        href=href(spec.path),
        badge=badge(spec, categories),
        status=document.field_value("status") or "",
        columns=shown,
        values=tuple(document.field_value(column.key) or "" for column in shown),
        errors=errors,
        warnings=warnings,
    )


def status_groups(
    report: Report, href: Href, categories: Categories | None = None
) -> tuple[list[StatusGroup], list[IndexRow]]:
    """One group per template status, in the template's order; then the unknown ones.

    ``categories`` is the site's ``statuses:`` option, for the badges' colours.
    """
    shown = columns(report.template)
    rows = {spec.path: _row(report, spec, href, shown, categories) for spec in report.specs}
    groups = [
        StatusGroup(
            status_badge(status, categories),
            tuple(rows[spec.path] for spec in report.specs if spec.status == status),
        )
        for status in report.template.statuses
    ]
    # Missing, unknown, or outside the template's list where the list is open.
    listed = set(report.template.statuses)
    unknown = [rows[spec.path] for spec in report.specs if spec.status not in listed]
    return groups, unknown
