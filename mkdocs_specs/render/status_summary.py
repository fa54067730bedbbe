"""``mkdocs-specs status``: how many specs are in each status, and one line per spec."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.check import Report
from ..core.diagnostics import plural
from ..core.names import UNKNOWN_SLUG
from .header import Categories
from .rows import Column, IndexRow, columns, status_groups


@dataclass(frozen=True)
class StatusSummary:
    counts: dict[str, int]  # every template status in order, then "unknown" when any
    rows: tuple[IndexRow, ...]  # grouped the same way, by path within a group
    columns: tuple[Column, ...] = ()  # the template's fields each row shows


def status_summary(report: Report, categories: Categories | None = None) -> StatusSummary:
    """``categories`` is the site's ``statuses:`` option."""
    groups, unknown = status_groups(report, str, categories)  # rows show paths, not links
    counts = {group.badge.status: len(group.rows) for group in groups}
    if unknown:
        counts[UNKNOWN_SLUG] = len(unknown)
    rows = tuple(row for group in groups for row in group.rows) + tuple(unknown)
    return StatusSummary(counts, rows, columns(report.template))


def _status(row: IndexRow) -> str:
    if row.badge.modifier != UNKNOWN_SLUG:
        return row.badge.status
    return f"{UNKNOWN_SLUG}: {row.status}" if row.status else UNKNOWN_SLUG


def _problems(row: IndexRow) -> str:
    found = []
    if row.errors:
        found.append(plural(row.errors, "error"))
    if row.warnings:
        found.append(plural(row.warnings, "warning"))
    return ", ".join(found) or "none"


# Columns are padded to their longest cell up to this width; a longer cell overflows its
# column rather than pad every other row to its length.
_WIDEST = 40


def summary_text(summary: StatusSummary) -> str:
    """The counts, then an aligned table of the specs, for a terminal."""
    total = sum(summary.counts.values())
    width = min(max([len(status) for status in summary.counts] + [len("Total")]), _WIDEST)
    lines = [f"{status.capitalize():<{width}}  {n:>3}" for status, n in summary.counts.items()]
    lines.append(f"{'Total':<{width}}  {total:>3}")
    if not summary.rows:
        return "\n".join(lines)
    names = tuple(column.name.upper() for column in summary.columns)
    table = [("STATUS", "TITLE", *names, "PROBLEMS", "PATH")]
    table += [
        (_status(r), r.title, *(value or "-" for value in r.values), _problems(r), r.path)
        for r in summary.rows
    ]
    widths = [
        min(max(len(row[column]) for row in table), _WIDEST) for column in range(len(table[0]) - 1)
    ]
    lines.append("")
    for row in table:
        cells = [cell.ljust(widths[column]) for column, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines)


def summary_json(summary: StatusSummary) -> dict[str, object]:
    return {
        "total": sum(summary.counts.values()),
        "counts": summary.counts,
        "specs": [
            {
                "path": row.path,
                "title": row.title,
                "status": row.badge.status if row.badge.modifier != UNKNOWN_SLUG else None,
                "status_as_written": row.status,
                "category": row.badge.category,
                "fields": {c.name: value for c, value in zip(row.columns, row.values, strict=True)},
                # The bundled template's fields by their first names, for scripts using them.
                "version": row.version,
                "technical_lead": row.lead,
                "last_updated": row.updated,
                "errors": row.errors,
                "warnings": row.warnings,
            }
            for row in summary.rows
        ],
    }
