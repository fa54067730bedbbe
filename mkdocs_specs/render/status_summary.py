"""``mkdocs-specs status``: how many specs are in each status, and one line per spec."""

from __future__ import annotations

from dataclasses import dataclass

from wcwidth import wcwidth

from ..core.check import Report
from ..core.diagnostics import plural
from .header import NO_STATUS_BADGE, UNKNOWN_BADGE, Categories
from .rows import Column, IndexRow, columns, status_groups


@dataclass(frozen=True)
class StatusSummary:
    # Every status as the index orders them, then "unknown" and "no status" when any.
    counts: dict[str, int]
    rows: tuple[IndexRow, ...]  # grouped the same way, by path within a group
    columns: tuple[Column, ...] = ()  # the template's fields each row shows


def status_summary(report: Report, categories: Categories | None = None) -> StatusSummary:
    """``categories`` is the site's ``statuses:`` option."""
    grouped = status_groups(report, str, categories)  # rows show paths, not links
    counts = {group.badge.status: len(group.rows) for group in grouped.groups}
    for badge, rows in ((UNKNOWN_BADGE, grouped.unknown), (NO_STATUS_BADGE, grouped.missing)):
        if rows:
            counts[badge.status] = len(rows)
    rows = [row for group in grouped.groups for row in group.rows]
    return StatusSummary(
        counts, (*rows, *grouped.unknown, *grouped.missing), columns(report.template)
    )


def _known(row: IndexRow) -> bool:
    return row.badge.modifier not in (UNKNOWN_BADGE.modifier, NO_STATUS_BADGE.modifier)


def _status(row: IndexRow) -> str:
    if _known(row) or not row.status:
        return row.badge.status
    return f"{UNKNOWN_BADGE.status}: {row.status}"


def _label(status: str) -> str:
    """A count's label: a status as the template spells it, as its rows show it."""
    ours = (UNKNOWN_BADGE.status, NO_STATUS_BADGE.status)
    return status.capitalize() if status in ours else status


def _problems(row: IndexRow) -> str:
    found = []
    if row.errors:
        found.append(plural(row.errors, "error"))
    if row.warnings:
        found.append(plural(row.warnings, "warning"))
    return ", ".join(found) or "none"


# Columns are padded to their longest cell up to a width; a longer cell is cut short (…)
# rather than pad every other row to its length, or push the rest of its row out of line.
_WIDEST = 40
_WIDEST_TITLE = 60  # titles tell the docs apart: more room for them


def summary_text(summary: StatusSummary) -> str:
    """The counts, then an aligned table of the specs, for a terminal."""
    total = sum(summary.counts.values())
    width = min(max([_width(status) for status in summary.counts] + [len("Total")]), _WIDEST)
    lines = [f"{_cell(_label(status), width)}  {n:>3}" for status, n in summary.counts.items()]
    lines.append(f"{_cell('Total', width)}  {total:>3}")
    if not summary.rows:
        return "\n".join(lines)
    names = tuple(column.name.upper() for column in summary.columns)
    table = [("STATUS", "TITLE", *names, "PROBLEMS", "PATH")]
    table += [
        (_status(r), r.title, *(value or "-" for value in r.values), _problems(r), r.path)
        for r in summary.rows
    ]
    widest = [_WIDEST, _WIDEST_TITLE, *[_WIDEST] * (len(table[0]) - 2)]
    widths = [
        min(max(_width(row[column]) for row in table), widest[column])
        for column in range(len(table[0]) - 1)  # the path, last, is never padded nor cut
    ]
    lines.append("")
    for row in table:
        cells = [_cell(cell, widths[column]) for column, cell in enumerate(row[:-1])]
        lines.append("  ".join([*cells, row[-1]]))
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns of a terminal, or cut short to them."""
    taken = _width(text)
    if taken > width:
        kept, taken = [], 1  # the ellipsis
        for char in text:
            columns = max(wcwidth(char), 0)
            if taken + columns > width:
                break
            kept.append(char)
            taken += columns
        text = "".join(kept) + "…"
    return text + " " * (width - taken)


def _width(text: str) -> int:
    """The columns ``text`` takes in a terminal (a CJK character two, a combining mark none)."""
    if text.isascii():
        return len(text)
    return sum(max(wcwidth(char), 0) for char in text)


def summary_json(summary: StatusSummary) -> dict[str, object]:
    return {
        "total": sum(summary.counts.values()),
        "counts": summary.counts,
        "specs": [
            {
                "path": row.path,
                "title": row.title,
                "status": row.badge.status if _known(row) else None,
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
