"""A row per spec, grouped by status: what the index and ``mkdocs-specs status`` list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.check import CheckedSpec, Report
from ..core.diagnostics import count
from ..core.inline import value_text
from ..core.names import slug
from ..core.statuses import CATEGORIES
from ..core.template import FieldKind, Template
from .header import NO_STATUS_BADGE, Badge, Categories, badge, label, status_badge

Href = Callable[[str], str]  # a spec's path -> its URL, relative to the page that lists it


@dataclass(frozen=True)
class Column:
    """A header field of the template, shown for each spec."""

    key: str  # normalised (names.field_key)
    name: str  # as the template writes it (``header.label``)


def columns(template: Template) -> tuple[Column, ...]:
    """The template's own fields, in its order; not the status (specs are grouped by it) nor
    a field whose value is fixed (the same in every spec)."""
    status = template.status_field
    return tuple(
        Column(field.key, label(field.name))
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
    # Each column's value as text, its Markdown read (a link's text, a code span's code); ""
    # when the spec has none.
    values: tuple[str, ...]
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


# The index's own headings: a status written so (an open list takes any) is put apart.
_OWN_IDS = frozenset({"unknown-status", "no-status", "due-for-review", "entities"})


@dataclass(frozen=True)
class StatusGroup:
    badge: Badge
    rows: tuple[IndexRow, ...]

    @property
    def anchor(self) -> str:
        """Its heading's id: the status's slug, unless one of the index's own headings has it."""
        modifier = self.badge.modifier
        return f"status-{modifier}" if modifier in _OWN_IDS else modifier


def _row(
    report: Report,
    spec: CheckedSpec,
    href: Href,
    shown: tuple[Column, ...],
    categories: Categories | None,
) -> IndexRow:
    document = spec.document
    errors, warnings = count(spec.diagnostics)
    written = document.field_value("status") or ""
    # None written, or written where the template has no status: the doc has none.
    unset = not spec.status and not (written and report.template.status_field)
    return IndexRow(
        title=report.catalog.title(spec.path),
        path=spec.path,
        href=href(spec.path),
        badge=NO_STATUS_BADGE if unset else badge(spec, categories),
        status=written,
        columns=shown,
        values=tuple(value_text(document.field_value(column.key) or "") for column in shown),
        errors=errors,
        warnings=warnings,
    )


@dataclass(frozen=True)
class StatusGroups:
    groups: list[StatusGroup]  # by status
    unknown: list[IndexRow]  # a status the template does not allow
    missing: list[IndexRow]  # no status written


_RANK = {category: rank for rank, category in enumerate(CATEGORIES)}


def status_groups(report: Report, href: Href, categories: Categories | None = None) -> StatusGroups:
    """A group per status: the template's, and where its list is open, the others its docs
    are in. By category (draft to inactive, then none), in the template's order within one,
    so that decisions read proposed, accepted, then rejected whatever order MADR lists them
    in. ``categories`` is the site's ``statuses:`` option.
    """
    shown = columns(report.template)
    # By slug, the group's id: "On hold" and "on hold" are one group.
    found: dict[str, tuple[str, list[IndexRow]]] = {
        slug(status): (status, []) for status in report.template.statuses
    }
    unknown: list[IndexRow] = []
    missing: list[IndexRow] = []
    for spec in report.specs:
        row = _row(report, spec, href, shown, categories)
        if spec.status and slug(spec.status):
            found.setdefault(slug(spec.status), (spec.status, []))[1].append(row)
        else:
            (missing if row.badge is NO_STATUS_BADGE else unknown).append(row)
    groups = [
        StatusGroup(status_badge(status, categories), tuple(rows))
        for status, rows in found.values()
    ]
    groups.sort(key=lambda group: _RANK.get(group.badge.category or "", len(_RANK)))
    return StatusGroups(groups, unknown, missing)
