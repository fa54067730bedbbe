"""Check a whole set of specs: read, parse, apply the rules, collect a report.

Every adapter's check comes down to ``check_sources``: the plugin's and the extension's
through ``plugin.site_check``, the command line's with the settings it read.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .baseline import Baseline, Fingerprint, fingerprint, line_digest
from .cache import ContentCache, digest
from .diagnostics import Diagnostic, count, in_place_order, plural
from .document import Field, SpecDocument, parse_document
from .document_checks import check_document
from .entities import (
    Catalog,
    CatalogOptions,
    ReferenceKind,
    SpecEntities,
    link_catalog,
    read_entities,
)
from .lifecycle import (
    Commit,
    Histories,
    Period,
    review,
    review_diagnostics,
    review_schedule,
    since_diagnostics,
    stale_dates,
)
from .relations import Doc, Relation, WrittenRelation, id_prefixes, resolve, written_relations
from .rule_levels import Level, RuleLevels
from .rules import GIT_RULES, PLACEHOLDER, SINCE_RULES, UNREADABLE_FILE
from .scanner import split_lines
from .statuses import INACTIVE, status_category
from .suppressions import Suppressions, read_suppressions
from .template import Template


@dataclass(frozen=True)
class Source:
    """A spec's text under the path diagnostics should name; ``text`` is None if unreadable."""

    path: str
    text: str | None
    error: str = ""
    doc_type: str = ""  # the type it is of (its folder), where a site has several
    error_at: tuple[int, int] = (1, 1)  # the line and column the error is at
    # How the site names it (docs-relative, as a build does), where ``path`` is shown another
    # way: other docs' messages name it so, and a baseline's entries; empty: ``path``.
    name: str = ""

    @classmethod
    def from_bytes(cls, path: str, data: bytes, doc_type: str = "", name: str = "") -> Source:
        """Decode as MkDocs does (UTF-8, BOM allowed); undecodable bytes become an error, at
        the first of them (the message names no offset: a baseline would lose it on any edit
        above it)."""
        body = data.removeprefix(codecs.BOM_UTF8)
        try:
            return cls(path, body.decode("utf-8"), doc_type=doc_type, name=name)
        except UnicodeDecodeError as exc:
            reason = f"is not UTF-8 text (byte 0x{body[exc.start]:02X}: {exc.reason})"
            # What comes before it is text: its lines are counted as a spec's are.
            before = "\n".join(split_lines(body[: exc.start].decode("utf-8") + "."))
            at = (before.count("\n") + 1, len(before) - before.rfind("\n") - 1)
            return cls(path, None, reason, doc_type, at, name)

    @classmethod
    def read(
        cls, path: str, data: Callable[[], bytes], doc_type: str = "", name: str = ""
    ) -> Source:
        """``data()`` decoded; a file that cannot be read (a link to nothing, no permission)
        becomes an error too."""
        try:
            return cls.from_bytes(path, data(), doc_type, name)
        except OSError as exc:
            reason = f"cannot be read: {exc.strerror or exc}"
            return cls(path, None, reason, doc_type, name=name)


@dataclass(frozen=True)
class CheckedSpec:
    path: str
    document: SpecDocument
    diagnostics: tuple[Diagnostic, ...]
    status: str | None  # the template's spelling of the status, None when missing or unknown
    readable: bool = True
    doc_type: str = ""
    written_relations: tuple[WrittenRelation, ...] = ()
    # line_digest of each line that holds a diagnostic, for the baseline's fingerprints
    lines: Mapping[int, str] = field(default_factory=dict)
    review_schedule: Field | None = None  # in the header or the footer
    # From git history (`Lifecycle`), when there is some:
    review_due: datetime.date | None = None  # when the next review falls due
    review_overdue: bool = False
    commits: tuple[Commit, ...] = ()  # the last ones, newest first, for `history: true`
    name: str = ""  # how the site names it: ``Source.name``, else its path

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]


# What may fail a build: problems from this level up, or never.
FAIL_ON = ("error", "warning", "never")


@dataclass(frozen=True)
class Report:
    template: Template  # of these specs; of the first type, for a site of several
    specs: tuple[CheckedSpec, ...]  # sorted by the site's names of them
    catalog: Catalog  # entities and references of all specs
    templates: Mapping[str, Template]  # by type, where several
    relations: Mapping[str, tuple[Relation, ...]]  # by path
    fingerprinted: bool  # checked with the line digests a baseline's entries need
    # The codes of the rules that did not run (no git history, no `--since`): whether their
    # problems occur is not known.
    skipped: frozenset[str] = frozenset()

    def template_of(self, doc_type: str) -> Template:
        """The template of a type's docs; the site's default for a doc of no known type."""
        return self.templates.get(doc_type, self.template)

    def of_type(self, doc_type: str) -> Report:
        """The report of one type's docs, with the whole site's catalogue and relations."""
        specs = tuple(spec for spec in self.specs if spec.doc_type == doc_type)
        return replace(self, template=self.template_of(doc_type), specs=specs)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for spec in self.specs for d in spec.diagnostics]

    @functools.cached_property
    def _by_path(self) -> dict[str, CheckedSpec]:
        return {spec.path: spec for spec in self.specs}

    def spec(self, path: str) -> CheckedSpec | None:
        # Every page asks: a scan of all specs each time would make a build quadratic.
        return self._by_path.get(path)

    def fingerprints(self) -> list[Fingerprint]:
        """The problems not suppressed, as a baseline records them."""
        self._require_fingerprints()
        return [
            self._fingerprint(spec, d)
            for spec in self.specs
            for d in spec.diagnostics
            if not d.suppressed
        ]

    def with_baseline(self, baseline: Baseline) -> Report:
        """The report with the problems ``baseline`` records marked as baselined: each entry
        matches as many problems as its count, so a new problem like an old one still counts."""
        self._require_fingerprints()
        left = Counter(baseline.entries)
        specs = []
        for spec in self.specs:
            marked = []
            for diagnostic in spec.diagnostics:
                if diagnostic.active and left[found := self._fingerprint(spec, diagnostic)]:
                    left[found] -= 1
                    diagnostic = replace(diagnostic, baselined=True)
                marked.append(diagnostic)
            specs.append(replace(spec, diagnostics=tuple(marked)))
        return replace(self, specs=tuple(specs))

    def _require_fingerprints(self) -> None:
        if not self.fingerprinted:
            raise ValueError("checked with fingerprints=False: it has no baseline fingerprints")

    @staticmethod
    def _fingerprint(spec: CheckedSpec, diagnostic: Diagnostic) -> Fingerprint:
        line = spec.lines.get(diagnostic.line) or line_digest("")
        return fingerprint(diagnostic, spec.name, line)

    def header_only(self) -> Report:
        """The report with each spec's ``SpecDocument.header_only``: a large site's headings
        need not stay in memory while its pages are made."""
        slim = (replace(spec, document=spec.document.header_only()) for spec in self.specs)
        return replace(self, specs=tuple(slim))

    @property
    def invalid(self) -> int:
        """How many specs have errors."""
        return sum(1 for spec in self.specs if spec.errors)

    def reaches(self, fail_on: str) -> bool:
        """Whether anything is at or above the ``fail_on`` level (one of ``FAIL_ON``)."""
        errors, warnings = count(self.diagnostics)
        return {"error": errors > 0, "warning": errors + warnings > 0}.get(fail_on, False)

    @property
    def noun(self) -> str:
        """What counts and labels call its docs: as its template calls them (specs,
        decisions, RFCs), or docs where a site has several types."""
        return "doc" if len(self.templates) > 1 else self.template.noun

    def tally(self) -> str:
        """``2 specs: 1 invalid spec, 3 errors``: how many were checked, and their problems."""
        return f"{plural(len(self.specs), self.noun)}: {self.summary()}"

    def summary(self) -> str:
        """``3 invalid specs, 5 errors``: the problems in one line."""
        errors, warnings = count(self.diagnostics)
        parts = [plural(self.invalid, f"invalid {self.noun}"), plural(errors, "error")]
        if warnings:
            parts.append(plural(warnings, "warning"))
        if baselined := sum(1 for d in self.diagnostics if d.baselined):
            parts.append(f"{baselined} baselined")
        return ", ".join(parts)


def read_source(path: Path, shown_as: str, doc_type: str = "", name: str = "") -> Source:
    return Source.read(shown_as, path.read_bytes, doc_type, name)


def check_source(source: Source, template: Template, today: datetime.date) -> CheckedSpec:
    if source.text is None:
        document = parse_document("", source.path)
        problem = UNREADABLE_FILE.at(source.path, *source.error_at, f"The file {source.error}")
        return CheckedSpec(
            source.path,
            document,
            (problem,),
            None,
            readable=False,
            doc_type=source.doc_type,
            name=source.name or source.path,
        )
    document = parse_document(source.text, source.path, template.field_aliases, template.field_keys)
    diagnostics = tuple(check_document(document, template, today))
    status = template.canonical_status(document.field_value("status"))
    # A relation still holding its placeholder is reported once, as a placeholder.
    unfilled = {d.line for d in diagnostics if d.code == PLACEHOLDER.code}
    relations = tuple(r for r in written_relations(document) if r.line not in unfilled)
    return CheckedSpec(
        source.path,
        document,
        diagnostics,
        status,
        doc_type=source.doc_type,
        written_relations=relations,
        review_schedule=review_schedule(document),
        name=source.name or source.path,
    )


@dataclass(frozen=True)
class Lifecycle:
    """What git says of a site's specs, for the lifecycle rules; None where git is not read."""

    histories: Histories  # each spec's commits, newest first, by its path
    review_every: Period | None = None  # the `review_every:` option
    review_every_text: str = ""  # as written, for messages
    history_length: int = 0  # commits kept for each page (`history: true`)
    categories: Mapping[str, str] = field(default_factory=dict)  # the `statuses:` option


@dataclass(frozen=True)
class Earlier:
    """What ``check --since REF`` compares specs with: each one's text at REF, by path (None
    where it did not exist yet)."""

    texts: Mapping[str, str | None]
    categories: Mapping[str, str] = field(default_factory=dict)  # the `statuses:` option


@dataclass(frozen=True)
class ReadSpec:
    """What one spec yields on its own: its checks and what it defines and mentions."""

    checked: CheckedSpec
    entities: SpecEntities | None  # None when the file cannot be read
    suppressions: Suppressions
    # line_digest of each line a diagnostic may name, once the spec's text is gone
    lines: Mapping[int, str]


SpecCache = ContentCache[ReadSpec]


def read_spec(
    source: Source,
    template: Template,
    today: datetime.date,
    options: CatalogOptions,
    fingerprints: bool,
) -> ReadSpec:
    checked = check_source(source, template, today)
    entities = read_entities(checked.document, options) if checked.readable else None
    suppressions = read_suppressions(checked.document.scan, source.path)
    lines = _line_digests(checked, entities, suppressions) if fingerprints else {}
    # Checked and linked, the text is no longer needed: a site of many specs need not hold it.
    slim = replace(checked, document=checked.document.without_text())
    return ReadSpec(slim, entities, suppressions, lines)


def _line_digests(
    checked: CheckedSpec, entities: SpecEntities | None, suppressions: Suppressions
) -> dict[int, str]:
    """The digest of each line a diagnostic may name: its own, its entities' and
    references' (found across specs later, once the text is gone), its directives'."""
    numbers = {d.line for d in (*checked.diagnostics, *suppressions.problems)}
    numbers.update(s.line for s in suppressions.ranges)
    if entities is not None:
        numbers.update(e.line for e in entities.entities)
        numbers.update(m.line for m in entities.mentions if m.kind is not ReferenceKind.CODE)
    text = checked.document.scan.lines
    return {n: line_digest(text[n - 1] if 0 < n <= len(text) else "") for n in numbers}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off, then as it was (on, or off where the
    caller holds it off too): the records of checked specs hold no reference cycles, yet
    each of the collector's passes walks every object still alive, so checking a large site
    would grow faster than its number of specs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@collector_paused()
def check_sources(
    sources: Iterable[Source],
    template: Template | Mapping[str, Template],
    today: datetime.date | None = None,
    catalog_options: CatalogOptions | None = None,
    cache: SpecCache | None = None,
    rules: RuleLevels | None = None,
    type_rules: Mapping[str, Mapping[str, Level]] | None = None,
    lifecycle: Lifecycle | None = None,
    fingerprints: bool = True,
    since: Earlier | None = None,
    type_names: Mapping[str, str | None] | None = None,
) -> Report:
    """Check ``sources``; with a ``cache``, only the specs whose text changed are read again.
    Without ``fingerprints`` (where no baseline is read or written), the lines of problems
    are not digested, and the report cannot be matched with a baseline. ``type_names`` are
    the types' names as the site configures them, which the prefix of an id may call them by.

    A spec's own problems depend only on its text, the template and today's date; problems
    across specs (duplicate entities, unresolved references), from git (``lifecycle``) and
    against earlier texts (``since``) are found again every time, and so are the rules'
    levels and the spec's suppressions applied to all of them.
    """
    # One template, or one per type (by a source's `doc_type`), the first the site's default.
    templates = template if isinstance(template, Mapping) else {"": template}
    first = next(iter(templates.values()))
    rules = rules or RuleLevels()
    # A type's own levels win over the site's.
    levels = {kind: rules.overridden(more) for kind, more in (type_rules or {}).items()}
    today = today or datetime.date.today()
    options = catalog_options or CatalogOptions()
    skipped = frozenset(
        rule.code
        for rules_of, ran in ((GIT_RULES, lifecycle), (SINCE_RULES, since))
        if ran is None
        for rule in rules_of
    )
    # One source at a time: a site's texts are never all held at once.
    read: list[ReadSpec] = []
    paths: list[str] = []
    later: dict[str, list[Diagnostic]] = {}  # found against the texts at `since`
    for source in sources:
        paths.append(source.path)
        own = templates.get(source.doc_type, first)
        if since is not None:
            later[source.path] = _since(source, own, since)
        compute = functools.partial(read_spec, source, own, today, options, fingerprints)
        if cache is None:
            read.append(compute())
        else:
            text = digest(source.text)
            error = (source.error, source.error_at)
            key = (text, error, source.doc_type, source.name, own, today, options, fingerprints)
            read.append(cache.get(source.path, key, compute))
    if cache is not None:
        cache.keep_only(paths)
    # In the order of the site's names, as a build reads them: the first of two definitions
    # is the same doc's, however check was given the files.
    read.sort(key=lambda spec: spec.checked.name)
    # Entities and relations cross specs: their problems are found over all specs, then told
    # to each one.
    catalog = link_catalog([spec.entities for spec in read if spec.entities is not None])
    relations, by_path = _relations(read, catalog, templates, type_names or {})
    specs = []
    for spec in read:
        path = spec.checked.path
        more = catalog.diagnostics_for(path) + by_path.get(path, []) + later.get(path, [])
        if lifecycle is not None and spec.checked.readable:
            # After the cache: history changes without the text changing.
            checked, found = _lived(spec.checked, lifecycle, today)
            spec = replace(spec, checked=checked)
            more += found
        rules_of = levels.get(spec.checked.doc_type, rules)
        specs.append(_finished(spec, more, rules_of, skipped))
    return Report(first, tuple(specs), catalog, dict(templates), relations, fingerprints, skipped)


def _relations(
    read: list[ReadSpec],
    catalog: Catalog,
    templates: Mapping[str, Template],
    type_names: Mapping[str, str | None],
) -> tuple[dict[str, tuple[Relation, ...]], dict[str, list[Diagnostic]]]:
    """The relations between the docs, and the problems of those that name no doc, by path."""
    docs = [
        Doc(
            s.checked.path,
            s.checked.name,
            s.checked.doc_type,
            catalog.title(s.checked.path),
            s.checked.written_relations,
        )
        for s in read
    ]
    prefixes = {
        kind: id_prefixes(kind, own, type_names.get(kind)) for kind, own in templates.items()
    }
    relations, problems = resolve(docs, prefixes)
    by_path: dict[str, list[Diagnostic]] = {}
    for problem in problems:
        by_path.setdefault(problem.path, []).append(problem)
    return relations, by_path


def _since(source: Source, template: Template, since: Earlier) -> list[Diagnostic]:
    earlier = since.texts.get(source.path)
    if earlier is None or source.text is None:  # new since REF, or unreadable: no comparison
        return []
    return since_diagnostics(source.path, earlier, source.text, template, since.categories)


def _finished(
    spec: ReadSpec, more: list[Diagnostic], rules: RuleLevels, skipped: frozenset[str]
) -> CheckedSpec:
    """The spec with its problems across specs, at their levels, with suppressions marked;
    a suppression of a rule that was ``skipped`` is not known to be unused."""
    checked, suppressions = spec.checked, spec.suppressions
    if not (more or suppressions.ranges or suppressions.problems or rules.levels):
        found = list(checked.diagnostics)
    else:
        found, own = suppressions.mark(
            rules.apply((*checked.diagnostics, *more)), rules.off, skipped
        )
        found += rules.apply(own)
        found.sort(key=in_place_order)
    lines = {d.line: spec.lines[d.line] for d in found if d.line in spec.lines}
    return replace(checked, diagnostics=tuple(found), lines=lines)


def _lived(
    spec: CheckedSpec, lifecycle: Lifecycle, today: datetime.date
) -> tuple[CheckedSpec, list[Diagnostic]]:
    """The spec with what its history says (review due, last commits), and its problems. A
    spec in an inactive status (superseded, deprecated) is due for no review."""
    commits = lifecycle.histories.get(spec.path, ())
    document = spec.document
    due = (
        None
        if status_category(spec.status, lifecycle.categories) == INACTIVE
        else review(
            document,
            spec.review_schedule,
            commits,
            lifecycle.review_every,
            lifecycle.review_every_text,
        )
    )
    found = [*review_diagnostics(document, due, today), *stale_dates(document, commits)]
    spec = replace(
        spec,
        review_due=due.due if due else None,
        review_overdue=due is not None and due.due <= today,
        commits=commits[: lifecycle.history_length],
    )
    return spec, found
