"""Check a whole set of specs: read, parse, apply the rules, collect a report.

This is the one entry point the adapters (MkDocs plugin, CLI) share.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import ContentCache, digest
from .checks import check_document
from .diagnostics import Diagnostic, count, plural
from .document import Field, SpecDocument, parse_document
from .entities import Catalog, CatalogOptions, SpecEntities, link_catalog, read_entities
from .lifecycle import (
    Commit,
    Histories,
    Period,
    review,
    review_diagnostics,
    review_schedule,
    stale_dates,
)
from .rules import UNREADABLE_FILE
from .template import Template


@dataclass(frozen=True)
class Source:
    """A spec's text under the path diagnostics should name; ``text`` is None if unreadable."""

    path: str
    text: str | None
    error: str = ""

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> Source:
        """Decode as MkDocs does (UTF-8, BOM allowed); undecodable bytes become an error."""
        try:
            return cls(path, data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            return cls(path, None, f"is not UTF-8 text (byte {exc.start}: {exc.reason})")

    @classmethod
    def read(cls, path: str, data: Callable[[], bytes]) -> Source:
        """``data()`` decoded; a file that cannot be read (a link to nothing, no permission)
        becomes an error too."""
        try:
            return cls.from_bytes(path, data())
        except OSError as exc:
            return cls(path, None, f"cannot be read: {exc.strerror or exc}")


@dataclass(frozen=True)
class CheckedSpec:
    path: str
    document: SpecDocument
    diagnostics: tuple[Diagnostic, ...]
    status: str | None  # the template's spelling of the status, None when missing or unknown
    readable: bool = True
    review_schedule: Field | None = None  # in the header or the footer
    # From git history (`Lifecycle`), when there is some:
    review_due: datetime.date | None = None  # when the next review falls due
    review_overdue: bool = False
    commits: tuple[Commit, ...] = ()  # the last ones, newest first, for `history: true`

    @property
    def title(self) -> str:
        return self.document.title.text if self.document.title else Path(self.path).stem

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]


@dataclass(frozen=True)
class Report:
    template: Template
    specs: tuple[CheckedSpec, ...]  # sorted by path
    catalog: Catalog = field(default_factory=Catalog)  # entities and references of all specs

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for spec in self.specs for d in spec.diagnostics]

    @functools.cached_property
    def _by_path(self) -> dict[str, CheckedSpec]:
        return {spec.path: spec for spec in self.specs}

    def spec(self, path: str) -> CheckedSpec | None:
        # Every page asks: a scan of all specs each time would make a build quadratic.
        return self._by_path.get(path)

    def header_only(self) -> Report:
        """The report with each spec's ``SpecDocument.header_only``: a large site's headings
        need not stay in memory while its pages are made."""
        slim = (replace(spec, document=spec.document.header_only()) for spec in self.specs)
        return replace(self, specs=tuple(slim))

    def reaches(self, fail_on: str) -> bool:
        """Whether anything is at or above the ``fail_on`` level (error | warning | never)."""
        errors, warnings = count(self.diagnostics)
        return {"error": errors > 0, "warning": errors + warnings > 0}.get(fail_on, False)

    def summary(self) -> str:
        errors, warnings = count(self.diagnostics)
        invalid = sum(1 for spec in self.specs if spec.errors)
        parts = [plural(invalid, "invalid spec"), plural(errors, "error")]
        if warnings:
            parts.append(plural(warnings, "warning"))
        return ", ".join(parts)


def read_source(path: Path, shown_as: str) -> Source:
    return Source.read(shown_as, path.read_bytes)


def check_source(source: Source, template: Template, today: datetime.date) -> CheckedSpec:
    if source.text is None:
        document = parse_document("", source.path)
        problem = UNREADABLE_FILE.at(source.path, 1, 1, f"The file {source.error}")
        return CheckedSpec(source.path, document, (problem,), None, readable=False)
    document = parse_document(source.text, source.path)
    diagnostics = tuple(check_document(document, template, today))
    status = template.canonical_status(document.field_value("status"))
    schedule = review_schedule(document)
    return CheckedSpec(source.path, document, diagnostics, status, review_schedule=schedule)


@dataclass(frozen=True)
class Lifecycle:
    """What git says of a site's specs, for the lifecycle rules; None where git is not read."""

    histories: Histories  # each spec's commits, newest first, by its path
    review_every: Period | None = None  # the `review_every:` option
    review_every_text: str = ""  # as written, for messages
    history_length: int = 0  # commits kept for each page (`history: true`)


@dataclass(frozen=True)
class ReadSpec:
    """What one spec yields on its own: its checks and what it defines and mentions."""

    checked: CheckedSpec
    entities: SpecEntities | None  # None when the file cannot be read


SpecCache = ContentCache[ReadSpec]


def read_spec(
    source: Source, template: Template, today: datetime.date, options: CatalogOptions
) -> ReadSpec:
    checked = check_source(source, template, today)
    entities = read_entities(checked.document, options) if checked.readable else None
    # Checked and linked, the text is no longer needed: a site of many specs need not hold it.
    return ReadSpec(replace(checked, document=checked.document.without_text()), entities)


def check_sources(
    sources: Iterable[Source],
    template: Template,
    today: datetime.date | None = None,
    catalog_options: CatalogOptions | None = None,
    cache: SpecCache | None = None,
    lifecycle: Lifecycle | None = None,
) -> Report:
    """Check ``sources``; with a ``cache``, only the specs whose text changed are read again.

    A spec's own problems depend only on its text, the template and today's date; problems
    across specs (duplicate entities, unresolved references) are found again every time.
    """
    today = today or datetime.date.today()
    options = catalog_options or CatalogOptions()
    # One source at a time: a site's texts are never all held at once.
    read: list[ReadSpec] = []
    paths: list[str] = []
    for source in sources:
        paths.append(source.path)
        if cache is None:
            read.append(read_spec(source, template, today, options))
        else:
            key = (digest(source.text), source.error, template, today, options)
            compute = functools.partial(read_spec, source, template, today, options)
            read.append(cache.get(source.path, key, compute))
    if cache is not None:
        cache.keep_only(paths)
    read.sort(key=lambda spec: spec.checked.path)
    # Entities cross specs: their problems are found over all specs, then told to each one.
    catalog = link_catalog([spec.entities for spec in read if spec.entities is not None])
    specs = [with_diagnostics(s.checked, catalog.diagnostics_for(s.checked.path)) for s in read]
    if lifecycle is not None:  # after the cache: history changes without the text changing
        specs = [_with_lifecycle(spec, lifecycle, today) for spec in specs]
    return Report(template, tuple(specs), catalog)


def _with_lifecycle(spec: CheckedSpec, lifecycle: Lifecycle, today: datetime.date) -> CheckedSpec:
    if not spec.readable:
        return spec
    commits = lifecycle.histories.get(spec.path, ())
    document = spec.document
    due = review(
        document,
        spec.review_schedule,
        commits,
        lifecycle.review_every,
        lifecycle.review_every_text,
    )
    found = [*review_diagnostics(document, due, today), *stale_dates(document, commits)]
    spec = replace(
        spec,
        review_due=due.due if due else None,
        review_overdue=due is not None and due.due <= today,
        commits=commits[: lifecycle.history_length],
    )
    return with_diagnostics(spec, found)


def with_diagnostics(spec: CheckedSpec, more: list[Diagnostic]) -> CheckedSpec:
    if not more:
        return spec
    found = sorted((*spec.diagnostics, *more), key=lambda d: (d.line, d.column, d.code))
    return replace(spec, diagnostics=tuple(found))
