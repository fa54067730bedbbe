"""Lifecycle rules: what a spec's git history says of its review schedule, its dates and
its status. Pure functions over history data; reading git is the adapters' (``mkdocs_specs.vcs``).
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .diagnostics import Diagnostic
from .document import Field, SpecDocument, parse_date, parse_document, read_field
from .names import CREATED_KEYS, DATE_KEY, field_key, is_updated_key
from .rules import REVIEW_OVERDUE, STALE_DATE, STATUS_TRANSITION, UNVERSIONED_CHANGE
from .scanner import LineKind
from .statuses import ACCEPTED, DONE, INACTIVE, status_category
from .template import Template

_REVIEW = "reviewschedule"
_SLACK = datetime.timedelta(days=1)  # time zones and a commit made the day after the edit


@dataclass(frozen=True)
class Commit:
    date: datetime.date  # the author date, in the author's time zone: when it was written
    author: str
    subject: str


# Each file's commits, newest first, by the spec's path as the report names it.
Histories = Mapping[str, tuple[Commit, ...]]


@dataclass(frozen=True)
class Period:
    """A review cadence: so many months and days (months counted on the calendar)."""

    months: int = 0
    days: int = 0

    def after(self, day: datetime.date) -> datetime.date | None:
        """The day this long after ``day``; None past the calendar's last (year 9999): a
        review so far off is never due."""
        month = day.month - 1 + self.months
        year, month = day.year + month // 12, month % 12 + 1
        if year > datetime.MAXYEAR:
            return None
        # The 31st plus a month is the last day of a shorter month.
        last = calendar.monthrange(year, month)[1]
        moved = day.replace(year=year, month=month, day=min(day.day, last))
        try:
            return moved + datetime.timedelta(days=self.days)
        except OverflowError:
            return None

    def times(self, count: int) -> Period:
        return Period(self.months * count, self.days * count)


_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}  # fmt: skip
_ADVERBS = {
    "daily": Period(days=1),
    "weekly": Period(days=7),
    "biweekly": Period(days=14),
    "fortnightly": Period(days=14),
    "monthly": Period(months=1),
    "bimonthly": Period(months=2),
    "quarterly": Period(months=3),
    "biannually": Period(months=6),
    "semiannually": Period(months=6),
    "yearly": Period(months=12),
    "annually": Period(months=12),
}
_UNITS = {
    "day": Period(days=1),
    "week": Period(days=7),
    "month": Period(months=1),
    "year": Period(months=12),
}
_EVERY = re.compile(r"\bevery\s+(\w+)\s+(day|week|month|year)s?\b")
_EVERY_ONE = re.compile(r"\bevery\s+(day|week|month|year)\b")
_ADVERB = re.compile(
    r"\b(bi-?|semi-?)?(daily|weekly|fortnightly|monthly|quarterly|yearly|annually)\b"
)
_SHORT = re.compile(r"\s*(\d+)\s*([dwmy])\s*")


def parse_schedule(text: str) -> Period | None:
    """The first cadence a Review Schedule names (``Quarterly, before peak season``,
    ``every 6 weeks``, ``Every six months``), or None when it names none."""
    lowered = text.lower()
    found: list[tuple[int, Period]] = []
    if match := _EVERY.search(lowered):
        count = _NUMBERS.get(match.group(1)) or (
            int(match.group(1)) if match.group(1).isdigit() else 0
        )
        if count > 0:
            found.append((match.start(), _UNITS[match.group(2)].times(count)))
    if match := _EVERY_ONE.search(lowered):
        found.append((match.start(), _UNITS[match.group(1)]))
    if match := _ADVERB.search(lowered):
        word = (match.group(1) or "").rstrip("-") + match.group(2)
        if word in _ADVERBS:
            found.append((match.start(), _ADVERBS[word]))
    return min(found, key=lambda item: item[0])[1] if found else None


def parse_every(text: str) -> Period | None:
    """``review_every:``: ``180d``, ``6w``, ``3m``, ``1y``, or a schedule's words."""
    if match := _SHORT.fullmatch(text.lower()):
        count, unit = int(match.group(1)), match.group(2)
        if count > 0:
            return _UNITS[{"d": "day", "w": "week", "m": "month", "y": "year"}[unit]].times(count)
        return None
    return parse_schedule(text)


def review_schedule(document: SpecDocument) -> Field | None:
    """The Review Schedule field: in the header, or in the footer where the seed template
    puts it (after the sections, so not among the header fields)."""
    found = document.fields.get(_REVIEW)
    if found is not None:
        return found
    lines, kinds = document.scan.lines, document.scan.kinds
    # From the end: the footer is the last thing of a spec.
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        # A field's key is bold (`read_field`): the other lines need no lowering.
        if (
            kinds[index] is LineKind.TEXT
            and ("**" in line or "__" in line)
            and "review" in line.lower()
        ):
            field = read_field(lines[index], index + 1)
            if field is not None and field_key(field.name) == _REVIEW:
                return field
    return None


@dataclass(frozen=True)
class Review:
    """When a spec is next due for review, and where its cadence is written."""

    due: datetime.date
    line: int
    column: int
    cadence: str  # as written, or the `review_every:` option


def review(
    document: SpecDocument,
    schedule: Field | None,
    commits: tuple[Commit, ...],
    default: Period | None,
    default_text: str = "",
) -> Review | None:
    """The next review of a spec: its own schedule (else the site's ``review_every:``),
    counted from Last Updated (else its last commit); None without either."""
    period = parse_schedule(schedule.value) if schedule else None
    line, column, cadence = (
        (schedule.line, schedule.value_column, schedule.value) if schedule else (1, 1, "")
    )
    if period is None:
        if default is None:
            return None
        period, cadence = default, f"review_every: {default_text}"
    updated = _updated(document)
    since = updated[1] if updated else (commits[0].date if commits else None)
    if since is None:
        return None
    due = period.after(since)
    return Review(due, line, column, cadence) if due is not None else None


def review_diagnostics(
    document: SpecDocument, due: Review | None, today: datetime.date
) -> Iterator[Diagnostic]:
    if due is None or due.due > today:
        return
    updated = _updated(document)
    since = f"Last Updated {updated[1]}" if updated else "the last commit"
    yield REVIEW_OVERDUE.at(
        document.path,
        due.line,
        due.column,
        f"Review was due on {due.due} ({due.cadence.strip()}, counted from {since})",
    )


def stale_dates(document: SpecDocument, commits: tuple[Commit, ...]) -> Iterator[Diagnostic]:
    """Last Updated more than a day before the file's last commit; Created after its first."""
    if not commits:
        return
    last, first = commits[0], commits[-1]
    updated = _updated(document)
    if updated and updated[1] + _SLACK < last.date:
        field, day = updated
        yield STALE_DATE.at(
            document.path,
            field.line,
            field.value_column,
            f'"{field.name}" {day} is older than the file\'s last commit ({last.date})',
            f'Set "{field.name}" to {last.date.isoformat()}, the date of the last commit '
            f'("{last.subject}").',
        )
    created = _created(document)
    if created and created[1] > first.date + _SLACK:
        field, day = created
        yield STALE_DATE.at(
            document.path,
            field.line,
            field.value_column,
            f'"{field.name}" {day} is after the file\'s first commit ({first.date})',
            f'Set "{field.name}" to {first.date.isoformat()}, or earlier.',
        )


def _created(document: SpecDocument) -> tuple[Field, datetime.date] | None:
    """The doc's creation date, where a field says so by name: a bare Date may be a
    decision's, made after the doc was first written down."""
    keys = [key for key in CREATED_KEYS if key != DATE_KEY and key in document.fields]
    return _dated(document.fields[key] for key in keys)


def _updated(document: SpecDocument) -> tuple[Field, datetime.date] | None:
    """The first date, in the document's order, of a field that names its last change."""
    return _dated(found for key, found in document.fields.items() if is_updated_key(key))


def _dated(fields: Iterable[Field]) -> tuple[Field, datetime.date] | None:
    """The first of ``fields`` that holds a date (one that does not, invalid-field reports)."""
    return next(((found, day) for found in fields if (day := parse_date(found.value))), None)


def since_diagnostics(
    path: str,
    before: str,
    now: str,
    template: Template,
    categories: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    """``check --since``: a status moved back, or an accepted spec's text changed, while the
    Version stayed the same between ``before`` (the text at REF) and ``now``. A template
    without a Version field gives no way to follow either rule: they do not apply to it."""
    if not template.versioned:
        return []
    aliases, known = template.field_aliases, template.field_keys
    old, new = (
        parse_document(before, path, aliases, known),
        parse_document(now, path, aliases, known),
    )
    version = new.fields.get("version")
    if _version(old) != _version(new):
        return []
    was = template.canonical_status(old.field_value("status"))
    is_ = template.canonical_status(new.field_value("status"))
    old_category = status_category(was, categories)
    new_category = status_category(is_, categories)
    status = new.fields.get("status")
    place = (status.line, status.value_column) if status else (1, 1)
    order = template.statuses
    backwards = was in order and is_ in order and order.index(is_) < order.index(was)
    if was != is_ and (backwards or (old_category == INACTIVE != new_category)):
        how = "back" if backwards else "out of an inactive status"
        moved = f"from {_said(was, old)} to {_said(is_, new)}"
        return [
            STATUS_TRANSITION.at(
                path, *place, f"Status moved {how}, {moved}, with the same Version"
            )
        ]
    settled = (ACCEPTED, DONE)
    if old_category in settled and new_category in settled and _body(old) != _body(new):
        line, column = (version.line, version.value_column) if version else place
        return [
            UNVERSIONED_CHANGE.at(
                path,
                line,
                column,
                f'The text changed while the {template.noun} is "{is_}" and its Version stayed '
                f"{_version(new) or 'unset'}",
                _bump_hint(template),
            )
        ]
    return []


# A section that logs a doc's changes: Change Log, Revision History, History of Changes.
_CHANGE_LOG = re.compile(
    r"^(?:changes|revisions?|history)$|(?:change|revision|version|edit)s? ?(?:log|history)"
    r"|history of (?:changes|revisions)"
)


def _bump_hint(template: Template) -> str:
    """Bump the Version, and name the template's own section of changes where it has one."""
    log = next((s for s in template.every_section if _CHANGE_LOG.search(s.key)), None)
    where = f" and add an entry to {log.title}" if log else ""
    return f"Bump the Version{where} for the change."


def _said(status: str | None, document: SpecDocument) -> str:
    """A status in a message: the template's spelling, else as written, else that it has none."""
    written = status or document.field_value("status")
    return f'"{written}"' if written else "no status"


def _version(document: SpecDocument) -> str:
    return (document.field_value("version") or "").strip().lstrip("vV")


def _body(document: SpecDocument) -> str:
    """The text as far as readers see it: line endings and trailing blanks aside."""
    return "\n".join(line.rstrip() for line in document.scan.lines).strip()
