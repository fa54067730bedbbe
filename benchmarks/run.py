"""Benchmark: what the specs plugin adds to a Material build, and what `check` costs.

Run by hand (not part of the test suite)::

    .venv/bin/python benchmarks/run.py            # N = 500, median of 3
    .venv/bin/python benchmarks/run.py --n 50 --repeat 5 --keep /tmp/bench
    .venv/bin/python benchmarks/run.py --types 1  # specs only, as earlier versions of it

It writes N deterministic, filled-in docs of three types (``types:``), cross-referencing each
other, into a temporary folder: half of them specs from the bundled technical-spec template
(all four statuses), 30 % MADR decisions (``decisions/NNNN-slug.md``, with front matter, some
superseded by a later one) and 20 % Rust-style RFCs (``rfcs/NNNN-slug.md``); the ADRs and RFCs
mention the specs' entities with ``[[Name]]``. ``--types 1`` writes N specs only, the tree of
earlier versions of this script, so that older commits can be compared. The configs differ
only in the ``specs`` plugin (same docs, Material theme and search plugin in all): none, the
plugin as it comes, and the plugin with ``nav_status: false`` (no status marks in Material's
navigation, which Material draws for every doc with a status on every page), plus a second
tree of 4N docs. One more build has no plugin but the same pages and marks, written by hand:
each type's index page as the plugin makes it (a title and the marker it fills), front matter
(``status:``, the slug the plugin sets; an RFC's ``title:``, which the plugin's card gives it)
and the labels the plugin puts in ``extra.status``: what the same navigation costs the theme
alone, whoever writes it. Where
markdownlint-cli2 is at hand (``--markdownlint``), it checks the same docs for their template's
required headings (MD043 alone), which the product's goals ask ``check`` to be faster than.
Where git is at hand, a third tree holds the N docs in a git repository with a history that
agrees with their dates: ``check`` there as it comes (reading that history, as the build does)
and with ``git: false`` tells what reading the history adds to the build with the plugin.

Each command runs in its own process, once uncounted to warm up (bytecode cached in the
benchmark's folder, as an installed package has it; files in the OS cache), then interleaved
round by round so that a noisy machine slows all of them alike. Each run's wall-clock time, CPU
time (user + system, from ``wait4``) and peak resident set (``ru_maxrss``) are recorded; the
ratios use the medians of CPU time (``--clock wall`` for wall-clock), which other programs on a
shared machine disturb far less. The exit status is 0: it is a report, the table says which
goals are met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs_specs.core.template import SectionSpec, load_template
from mkdocs_specs.render.index import index_page

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "mkdocs_specs" / "core" / "bundled" / "technical-spec.md"
MARKER = ".specs-benchmark"  # marks a --keep folder as this script's
STATUSES = ("Draft", "Review", "Approved", "Implemented")
DOMAINS = (
    "Account", "Address", "Audit", "Basket", "Billing", "Booking", "Campaign", "Carrier",
    "Catalog", "Checkout", "Claim", "Contract", "Coupon", "Courier", "Customer", "Delivery",
    "Depot", "Device", "Discount", "Dispatch", "Document", "Invoice", "Label", "Ledger",
    "Locker", "Loyalty", "Manifest", "Merchant", "Message", "Notice", "Order", "Parcel",
    "Partner", "Payment", "Payout", "Pickup", "Price", "Quote", "Refund", "Region",
    "Return", "Route", "Schedule", "Shipment", "Stock", "Supplier", "Tariff", "Ticket",
    "Vehicle", "Warehouse",
)  # fmt: skip
ASPECTS = (
    "Sync", "Intake", "Pricing", "Tracking", "Archive", "Matching", "Export", "Import",
    "Routing", "Review", "Forecast", "Policy", "Alerts", "Ledger", "Registry", "Gateway",
    "Scoring", "Planner", "Search", "Audit", "Cache", "Reports", "Webhooks", "Quota",
    "Signals", "Batching", "Settlement", "Onboarding", "Renewal", "Recovery", "Consent",
    "Rollup", "Snapshot", "Dedup", "Balancer", "Notifier", "Mapper", "Scanner", "Tagger",
    "Window",
)  # fmt: skip
WORDS = (  # noqa: SIM905 (prose reads better as prose)
    "the service keeps each request idempotent and records who changed what and when; "
    "retries are safe because every write carries a client token that the store checks "
    "before it commits; reads come from a replica that may lag a few seconds behind the "
    "primary, which the callers accept for listing pages but not for balances; operators "
    "can pause the queue, drain it and resume without losing messages; limits apply per "
    "tenant and are raised on request after a capacity review with the platform team"
).split()

# The three types of docs of a site (--types 3): folder, bundled template and name. The site
# has half of its docs as specs, 30 % as decisions and 20 % as RFCs (``split``).
TYPES = (
    ("specs", "technical-spec", "Specifications"),
    ("decisions", "madr", "Decisions"),
    ("rfcs", "rust-rfc", "RFCs"),
)
# The statuses an ADR is given, in turn; every tenth is superseded by a later ADR instead.
DECISION_STATUSES = (
    "accepted", "accepted", "proposed", "accepted", "rejected",
    "deprecated", "accepted", "proposed", "accepted",
)  # fmt: skip
# Material's navigation marks the plugin sets: {status as the template writes it: its slug},
# for every status of the bundled technical-spec and madr templates (rust-rfc has none), in
# the order the plugin adds their labels to ``extra.status``.
MARKS = {
    **{status: status.lower() for status in STATUSES},
    **{status: status for status in ("proposed", "rejected", "accepted", "deprecated")},
    "superseded by": "superseded-by",
}
CHOICES = (
    "PostgreSQL", "a message queue", "event sourcing", "a read replica", "gRPC",
    "nightly batch jobs", "a shared cache", "optimistic locking", "idempotency keys",
    "a webhook relay", "a managed search index", "a separate service", "the monolith",
    "feature flags", "a state machine", "cursor pagination", "object storage",
    "a schema registry",
)  # fmt: skip
FEATURES = (
    "Batched webhooks", "Per-tenant quotas", "Soft deletes", "Bulk export", "Audit trail",
    "Scheduled retries", "Partial refunds", "Saved searches", "Regional failover",
    "Streaming updates", "Dry runs", "Versioned schemas", "Field masking", "Rate cards",
)  # fmt: skip
PEOPLE = ("Ada Lovelace", "Grace Hopper", "Alan Turing")


@dataclass(frozen=True)
class Spec:
    index: int
    slug: str
    title: str
    entity: str  # the data model it defines; the table and endpoints derive from it


def specs(n: int) -> list[Spec]:
    found = []
    for index in range(n):
        domain = DOMAINS[index % len(DOMAINS)]
        aspect = ASPECTS[(index // len(DOMAINS)) % len(ASPECTS)]
        suffix = index // (len(DOMAINS) * len(ASPECTS))  # only beyond 2000 specs
        entity = f"{domain}{aspect}{suffix or ''}"
        slug = re.sub(r"(?<!^)(?=[A-Z0-9])", "-", entity).lower()
        found.append(Spec(index, slug, f"{domain} {aspect} {suffix or ''}".strip(), entity))
    return found


def status_of(spec: Spec) -> str:
    return STATUSES[spec.index % len(STATUSES)]


def prose(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(WORDS))
    text = " ".join(WORDS[(start + i) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:].rstrip(";,") + "."


def spec_text(spec: Spec, everyone: list[Spec], template: str) -> str:
    """The template with every placeholder filled in, entities defined and others referenced."""
    rng = random.Random(spec.index)
    n = len(everyone)
    others = [everyone[(spec.index + step) % n] for step in (1, 7, 31) if n > 1]
    others = [other for other in others if other is not spec] or [spec]
    status = status_of(spec)
    month = 1 + spec.index % 12
    header, body = template.split("\n## Overview", 1)
    header = (
        header.replace("[Component/System Name]", spec.title)
        .replace("**Created**: [Date]", f"**Created**: 2025-{month:02d}-03")
        .replace("**Last Updated**: [Date]", f"**Last Updated**: 2025-{month:02d}-21")
        .replace("[Draft | Review | Approved | Implemented]", status)
        .replace("[Name]", ("Ada Lovelace", "Grace Hopper", "Alan Turing")[spec.index % 3])
        .replace("[Link to parent feature/epic]", f"[PLAT-{1000 + spec.index}](../index.md)")
        .replace("[Specification version]", f"1.{spec.index % 5}")
    )
    resource = spec.slug
    body = (
        body.replace("[Entity Name]", spec.entity)
        .replace("[EntityName]", spec.entity)
        .replace("[RelatedEntity]", others[0].entity)
        .replace("[Table Name]", f"{resource.replace('-', '_')}s")
        .replace("[table_name]", f"{resource.replace('-', '_')}s")
        .replace("[resource]", resource)
        .replace("[event-name]", f"{resource}-changed")
        .replace("[Endpoint Category]", f"{spec.title} API")
        .replace("[Event Category]", f"{spec.title} events")
    )
    # Cross-references in prose and in code spans, the way authors write them; put in after
    # the placeholders are filled, so that filling leaves their brackets alone.
    mentions = ", ".join(f"[[{other.entity}]]" for other in others)
    references = {
        "> What is this specification for? What system/component does it define?": (
            f"> How {spec.title} works. {prose(rng, 40)} It builds on {mentions}."
        ),
        "**Trigger**: [What initiates this workflow]": (
            f"**Trigger**: a change to `{others[-1].entity}` or a call to "
            f"[[GET /api/{others[0].slug}]]"
        ),
    }
    for number, written in enumerate(references):
        body = body.replace(written, f"@@{number}@@")

    def fill(match: re.Match[str]) -> str:
        inner = match.group(1)
        if re.fullmatch(r"[a-z_]+|[A-Z_]+|[a-z-]+|[a-z]+_[a-z]+", inner):
            return f"{inner.lower().replace('-', '_')}_{rng.randrange(10)}"
        return prose(rng, rng.randint(6, 18)).rstrip(".")

    body = re.sub(r"\[([^\[\]\n]+)\](?!\()", fill, body)
    for number, text in enumerate(references.values()):
        body = body.replace(f"@@{number}@@", text)
    return header + "\n## Overview" + body


def split(n: int, types: int) -> tuple[int, int, int]:
    """How many specs, decisions and RFCs a site of ``n`` docs has: all specs with one type;
    with three, 30 % decisions and 20 % RFCs (rounded down), the rest specs."""
    if types == 1:
        return n, 0, 0
    decisions, rfcs = 3 * n // 10, n // 5
    return n - decisions - rfcs, decisions, rfcs


def describe(n: int, types: int) -> str:
    if types == 1:
        return f"{n} specs"
    n_specs, n_decisions, n_rfcs = split(n, types)
    return f"{n} docs ({n_specs} specs, {n_decisions} decisions, {n_rfcs} RFCs)"


def paragraphs(rng: random.Random, count: int, lead: str = "") -> str:
    """``count`` paragraphs of three to five sentences, wrapped as authors wrap them; ``lead``
    opens the first."""
    found = []
    for number in range(count):
        sentences = [prose(rng, rng.randint(10, 24)) for _ in range(rng.randint(3, 5))]
        if number == 0 and lead:
            sentences.insert(0, lead)
        found.append(
            textwrap.fill(
                " ".join(sentences), width=100, break_long_words=False, break_on_hyphens=False
            )
        )
    return "\n\n".join(found)


def reason(rng: random.Random, words: int) -> str:
    """A clause that follows "because"."""
    text = prose(rng, words)
    return text[0].lower() + text[1:]


@dataclass(frozen=True)
class Numbered:
    """An ADR or an RFC, ``NNNN-slug.md``, numbered from 1 within its type."""

    number: int
    title: str
    about: tuple[Spec, ...]  # the specs whose entities it mentions with [[Name]]
    topic: str  # the choice an ADR makes, the feature an RFC proposes

    @property
    def file_name(self) -> str:
        return f"{self.number:04d}-{re.sub(r'[^a-z0-9]+', '-', self.title.lower()).strip('-')}.md"


def numbered(
    count: int, everyone: list[Spec], topics: tuple[str, ...], title: str, start: int
) -> list[Numbered]:
    """``count`` ADRs or RFCs, each about one spec, every other one about a second as well;
    ``title`` is formatted with the topic and the spec's title."""
    found = []
    for index in range(count):
        first = everyone[(7 * index + start) % len(everyone)]
        second = everyone[(7 * index + start + 8) % len(everyone)]
        about = (first,) if index % 2 or second is first else (first, second)
        topic = topics[index % len(topics)]
        found.append(Numbered(index + 1, title.format(topic, first.title), about, topic))
    return found


def decision_status(decision: Numbered, count: int) -> str:
    """The ADR's status as its front matter writes it: every tenth is superseded by a later
    ADR (where there is one)."""
    index = decision.number - 1
    later = decision.number + 1 + index // 10 % 5
    if index % 10 == 9:
        return f"superseded by ADR-{later:04d}" if later <= count else "accepted"
    return DECISION_STATUSES[index % 10]


def decision_text(decision: Numbered, status: str) -> str:
    """A MADR ADR with its front matter and every section filled in."""
    rng = random.Random(100_000 + decision.number)
    index = decision.number - 1
    first = decision.about[0]
    mentions = " and ".join(f"[[{spec.entity}]]" for spec in decision.about)
    options = [decision.topic, *(CHOICES[(index + s) % len(CHOICES)] for s in (5, 11))]
    options = [option[0].upper() + option[1:] for option in options[: 2 + index % 2]]
    lines = [
        "---",
        f"status: {status}",
        f"date: 2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
        f"decision-makers: {PEOPLE[index % 3]}, {PEOPLE[(index + 1) % 3]}",
        f"consulted: {first.title.split()[0]} team",
        "informed: Platform team",
        "---",
        "",
        f"# {decision.title}",
        "",
        "## Context and Problem Statement",
        "",
        paragraphs(rng, 2, f"The question is how {mentions} should be kept and served."),
        "",
        "## Decision Drivers",
        "",
        *(f"* {prose(rng, rng.randint(5, 12))}" for _ in range(3)),
        "",
        "## Considered Options",
        "",
        *(f"* {option}" for option in options),
        "",
        "## Decision Outcome",
        "",
        f'Chosen option: "{options[0]}", because {reason(rng, rng.randint(12, 24))}',
        "",
        "### Consequences",
        "",
        f"* Good, because {reason(rng, rng.randint(6, 14))}",
        f"* Good, because {reason(rng, rng.randint(6, 14))}",
        f"* Bad, because {reason(rng, rng.randint(6, 14))}",
        "",
        "### Confirmation",
        "",
        paragraphs(rng, 1),
        "",
        "## Pros and Cons of the Options",
    ]
    for option in options:
        lines += [
            "",
            f"### {option}",
            "",
            f"* Good, because {reason(rng, rng.randint(6, 14))}",
            f"* Good, because {reason(rng, rng.randint(6, 14))}",
            f"* Bad, because {reason(rng, rng.randint(6, 14))}",
        ]
    lines += ["", "## More Information", "", paragraphs(rng, 1), ""]
    return "\n".join(lines)


def rfc_text(rfc: Numbered) -> str:
    """A Rust-style RFC with every header bullet and every section filled in."""
    rng = random.Random(200_000 + rfc.number)
    index = rfc.number - 1
    first = rfc.about[0]
    feature = re.sub(r"[^a-z0-9]+", "_", f"{rfc.topic} {first.slug}".lower())
    mentions = " and ".join(f"[[{spec.entity}]]" for spec in rfc.about)

    def section(name: str, *blocks: str) -> list[str]:
        anchor = name.lower().replace(" ", "-")
        return [f"## {name}", f"[{anchor}]: #{anchor}", "", *(f"{block}\n" for block in blocks)]

    def bullets(count: int) -> str:
        return "\n".join(f"- {prose(rng, rng.randint(6, 14))}" for _ in range(count))

    lines = [
        f"- Feature Name: `{feature}`",
        f"- Start Date: 2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
        f"- RFC PR: [platform/rfcs#{rfc.number}]"
        f"(https://example.com/platform/rfcs/pull/{rfc.number})",
        f"- Rust Issue: [platform/platform#{4000 + rfc.number}]"
        f"(https://example.com/platform/platform/issues/{4000 + rfc.number})",
        "",
        f"# {rfc.title}",
        "",
        *section("Summary", paragraphs(rng, 1, f"{rfc.topic} for {mentions}.")),
        *section("Motivation", paragraphs(rng, 2), bullets(3)),
        *section(
            "Guide-level explanation",
            paragraphs(rng, 1),
            f"```text\nPOST /api/{first.slug}/{feature.replace('_', '-')}\n```",
            paragraphs(rng, 1),
        ),
        *section(
            "Reference-level explanation",
            paragraphs(rng, 2, f"Every `{first.entity}` gains a `{feature}` flag."),
            bullets(4),
        ),
        *section("Drawbacks", paragraphs(rng, 1)),
        *section("Rationale and alternatives", paragraphs(rng, 1), bullets(2)),
        *section("Prior art", paragraphs(rng, 1)),
        *section("Unresolved questions", bullets(2)),
        *section("Future possibilities", paragraphs(rng, 1)),
    ]
    return "\n".join(lines)


def write_tree(root: Path, n: int, *, types: int = 1, marked: bool = False) -> None:
    """A site with ``n`` docs and configs that differ only in the specs plugin; ``marked``
    adds a copy of the docs whose pages set Material's status marks themselves. With one
    type, all ``n`` are specs; with three, they are split into specs, ADRs and RFCs."""
    folders = ("docs", "docs-marked") if marked else ("docs",)
    n_specs, n_decisions, n_rfcs = split(n, types)
    for folder in folders:
        for kind, _, _ in TYPES[:types]:
            (root / folder / kind).mkdir(parents=True)
        (root / folder / "index.md").write_text(
            "# Platform specs\n\nAll the specs of the platform.\n"
            if types == 1
            else "# Platform docs\n\nThe specs, decisions and RFCs of the platform.\n"
        )
    if marked:
        # The same pages as the plugin's build: each type's index page, as the plugin makes
        # it (a title and the marker the plugin fills), so that both navigations list them.
        for kind, template_name, title in TYPES[:types]:
            name = title if types > 1 else load_template(template_name).docs_name
            (root / "docs-marked" / kind / "index.md").write_text(index_page(name))
    template = TEMPLATE.read_text(encoding="utf-8")
    everyone = specs(n_specs)
    for spec in everyone:
        text = spec_text(spec, everyone, template)
        for folder in folders:
            # In docs-marked, the front matter a team would write for the marks by hand.
            front_matter = (
                f"---\nstatus: {status_of(spec).lower()}\n---\n" if folder != "docs" else ""
            )
            (root / folder / "specs" / f"{spec.slug}.md").write_text(
                front_matter + text, encoding="utf-8"
            )
    for decision in numbered(n_decisions, everyone, CHOICES, "Use {0} for {1}", 3):
        status = decision_status(decision, n_decisions)
        for folder in folders:
            # The ADR's own status, in docs-marked the slug of it the plugin would set.
            mark = MARKS[status.split(" ADR-")[0]] if folder != "docs" else status
            (root / folder / "decisions" / decision.file_name).write_text(
                decision_text(decision, mark), encoding="utf-8"
            )
    for rfc in numbered(n_rfcs, everyone, FEATURES, "{0} for {1}", 20):
        text = rfc_text(rfc)  # the template has no status: no mark
        for folder in folders:
            # MkDocs titles a page by its first element only when it is the title: the RFC's
            # header list comes first, and only the plugin's card moves it away. In
            # docs-marked, the front matter a team would write for the same title.
            title = f"---\ntitle: {rfc.title}\n---\n" if folder != "docs" else ""
            (root / folder / "rfcs" / rfc.file_name).write_text(title + text, encoding="utf-8")
    labels = "".join(
        f"    {mark}: {status}\n"
        for status, mark in MARKS.items()
        if types > 1 or status in STATUSES
    )
    listed = "".join(
        f"        - dir: {kind}\n          template: {name}\n          name: {title}\n"
        for kind, name, title in TYPES
    )

    def plugin(*options: str) -> str:
        """The plugin's entry in ``plugins:``, with ``options`` and the types."""
        lines = [f"      {option}\n" for option in options]
        lines += [f"      types:\n{listed}"] if types > 1 else []
        return "  - specs:\n" + "".join(lines) if lines else "  - specs\n"

    configs = [
        ("plain", "docs", "  - search\n"),
        ("specs", "docs", f"  - search\n{plugin()}"),
        ("unmarked", "docs", f"  - search\n{plugin('nav_status: false')}"),
        ("nogit", "docs", f"  - search\n{plugin('git: false')}"),
    ]
    if marked:  # the labels the plugin puts in extra.status
        configs.append(("marked", "docs-marked", f"  - search\nextra:\n  status:\n{labels}"))
    for name, docs_dir, plugins in configs:
        (root / f"mkdocs-{name}.yml").write_text(
            f"site_name: Benchmark\ndocs_dir: {docs_dir}\nsite_dir: site-{name}\n"
            f"theme:\n  name: material\nplugins:\n{plugins}",
            encoding="utf-8",
        )
    # markdownlint-cli2 reads a `.markdownlint.json` in each folder (MkDocs skips dotfiles).
    for kind, template_name, _ in TYPES[:types]:
        config = {"default": False, "MD043": {"headings": required_headings(template_name)}}
        (root / "docs" / kind / ".markdownlint.json").write_text(json.dumps(config, indent=2))


# The date each doc gives itself: a spec's Last Updated, an ADR's date, an RFC's Start Date.
DOC_DATE = re.compile(
    r"^(?:\*\*Last Updated\*\*: |date: |- Start Date: )(\d{4}-\d{2}-\d{2})", re.MULTILINE
)


def commit_history(root: Path) -> int:
    """Make ``root`` a git repository whose history agrees with its docs: one commit a date, in
    order, of the docs that give that date (so no date is stale), the rest of the site first.
    Returns the number of commits."""
    by_date: dict[str, list[str]] = {}
    for path in sorted((root / "docs").rglob("*.md")):
        found = DOC_DATE.search(path.read_text(encoding="utf-8"))
        if found:
            by_date.setdefault(found.group(1), []).append(str(path.relative_to(root)))
    first = min(by_date)
    git(root, first, "init", "-q", "-b", "main")
    git(root, first, "add", "--all", *(f":!{name}" for names in by_date.values() for name in names))
    git(root, first, "commit", "-q", "-m", "The site")
    for date in sorted(by_date):
        git(root, date, "add", *by_date[date])
        git(root, date, "commit", "-q", "-m", f"Docs of {date}")
    return len(by_date) + 1


def git(repo: Path, date: str, *args: str) -> None:
    """``git`` at noon UTC on ``date``, without the user's or the system's configuration."""
    stamp = f"{date}T12:00:00+00:00"
    who = {"NAME": "Benchmark", "EMAIL": "benchmark@example.org"}
    env = {
        **os.environ,
        **{
            f"GIT_{role}_{key}": value
            for role in ("AUTHOR", "COMMITTER")
            for key, value in who.items()
        },
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def required_headings(template_name: str) -> list[str]:
    """MD043's list for a bundled template: its required headings in order, with ``*`` (any
    headings, or none) before, between and after them, as the plugin lets a doc add its own."""
    headings = ["*"]

    def add(sections: tuple[SectionSpec, ...]) -> None:
        for section in sections:
            if not section.optional:
                headings.extend((f"{'#' * section.level} {section.title}", "*"))
                add(section.children)

    add(load_template(template_name).sections)
    return headings


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system time of the process
    peak_kib: int
    status: int


def run(command: list[str], cwd: Path, pycache: Path) -> Run:
    """Wall time and peak memory of ``command`` in its own process."""
    # Installed packages run from cached bytecode; PYTHONDONTWRITEBYTECODE (set on some
    # machines) would make every process compile each module it imports afresh instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPYCACHEPREFIX=str(pycache))
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss, child.returncode)  # ru_maxrss is in KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="number of docs (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
    parser.add_argument(
        "--types",
        type=int,
        choices=(1, 3),
        default=3,
        help="3 (default): specs, ADRs and RFCs, each with its template; 1: specs only, the"
        " tree of earlier versions of this script, to compare older commits",
    )
    parser.add_argument(
        "--markdownlint",
        type=Path,
        default=shutil.which("markdownlint-cli2"),
        help="markdownlint-cli2's command, to time its MD043 on the same docs (default: the one"
        " on PATH; `npm install --prefix DIR markdownlint-cli2` puts one in"
        " DIR/node_modules/.bin)",
    )
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="time the ratios are taken from (default cpu: steadier on a shared machine)",
    )
    args = parser.parse_args()
    if args.repeat < 1 or args.n < 1:
        parser.error("--n and --repeat must be positive")

    root = args.keep or Path(tempfile.mkdtemp(prefix="specs-bench-"))
    if args.keep and root.exists():
        # Only ever delete a folder this script wrote, whatever path is given.
        if any(root.iterdir()) and not (root / MARKER).is_file():
            parser.error(f"--keep {root}: not empty and not written by this benchmark")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("written by benchmarks/run.py\n", encoding="utf-8")
    small, large = root / f"n{args.n}", root / f"n{4 * args.n}"
    sizes = (
        f"{args.n} and {4 * args.n} specs"
        if args.types == 1
        else f"{describe(args.n, args.types)} and {describe(4 * args.n, args.types)}"
    )
    print(f"Writing {sizes} under {root} ...", flush=True)
    write_tree(small, args.n, types=args.types, marked=True)
    write_tree(large, 4 * args.n, types=args.types)
    history = root / f"n{args.n}-git"
    if shutil.which("git"):
        write_tree(history, args.n, types=args.types)
        commits = commit_history(history)
        print(f"  and the {args.n} again in a git repository of {commits} commits", flush=True)
    else:
        print("git not found: the cost of reading the history is not measured")

    python = sys.executable
    build = [python, "-m", "mkdocs", "build", "-q", "-f"]
    # The console script, as users and CI run it.
    check = [str(Path(python).parent / "mkdocs-specs"), "check", "-f", "mkdocs-specs.yml"]
    commands = {
        "build without plugin": ([*build, "mkdocs-plain.yml"], small),
        "build with plugin": ([*build, "mkdocs-specs.yml"], small),
        "build, nav_status: false": ([*build, "mkdocs-unmarked.yml"], small),
        "build without, hand marks": ([*build, "mkdocs-marked.yml"], small),
        f"check (N={args.n})": (check, small),
        f"check (4N={4 * args.n})": (check, large),
    }
    if history.is_dir():  # the same check in a repository, with and without its history
        commands["check in git, history read"] = (check, history)
        commands["check in git, git: false"] = ([*check[:-1], "mkdocs-nogit.yml"], history)
    lint = "markdownlint-cli2 MD043"
    if args.markdownlint:
        kinds = [kind for kind, _, _ in TYPES[: args.types]]
        commands[lint] = ([str(args.markdownlint), *(f"docs/{k}/*.md" for k in kinds)], small)
    else:
        print("markdownlint-cli2 not found (see --markdownlint): its goal is not measured")
    pycache = root / "pycache"
    print("Warm-up run of each command (bytecode, file cache), not counted ...", flush=True)
    for command, cwd in commands.values():
        run(command, cwd, pycache)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for round_ in range(1, args.repeat + 1):
        for name, (command, cwd) in commands.items():
            result = run(command, cwd, pycache)
            results[name].append(result)
            print(
                f"  round {round_}: {name:<26} {result.seconds:7.2f} s wall"
                f" {result.cpu:7.2f} s CPU {result.peak_kib / 1024:7.1f} MiB",
                flush=True,
            )
    if not args.keep:
        shutil.rmtree(root)

    failed = [name for name, runs in results.items() if any(r.status for r in runs)]
    wall_of = {name: statistics.median(r.seconds for r in runs) for name, runs in results.items()}
    cpu_of = {name: statistics.median(r.cpu for r in runs) for name, runs in results.items()}
    time_of = cpu_of if args.clock == "cpu" else wall_of
    peak_of = {name: statistics.median(r.peak_kib for r in runs) for name, runs in results.items()}
    print(
        f"\n{describe(args.n, args.types)}, median of {args.repeat},"
        f" Python {sys.version.split()[0]}\n"
    )
    print(f"| {'command':<26} | {'wall (s)':>8} | {'CPU (s)':>8} | {'peak memory (MiB)':>17} |")
    print(f"|{'-' * 28}|{'-' * 10}|{'-' * 10}|{'-' * 19}|")
    for name in commands:
        print(
            f"| {name:<26} | {wall_of[name]:8.2f} | {cpu_of[name]:8.2f} |"
            f" {peak_of[name] / 1024:17.1f} |"
        )
    print(f"\nRatios from {args.clock} time:")

    plain, plugin = time_of["build without plugin"], time_of["build with plugin"]
    check_n, check_4n = time_of[f"check (N={args.n})"], time_of[f"check (4N={4 * args.n})"]
    unmarked = time_of["build, nav_status: false"]
    marked = time_of["build without, hand marks"]
    extra_mib = (peak_of["build with plugin"] - peak_of["build without plugin"]) / 1024
    # The product's goals: the plugin's cost against the same output (the marks by hand).
    goals = [
        ("build with plugin / hand marks", plugin / marked, 1.03),
        ("check / plain build", check_n / plain, 0.03),
        ("check at 4N / check at N", check_4n / check_n, 4.4),
        ("peak memory with - without (MiB)", extra_mib, 8.0),
    ]
    if "check in git, history read" in time_of:
        # What the history costs, measured in `check`, which reads it as the build does: two
        # builds differ by more from one run to the next. Outside a repository, as the build
        # with the plugin runs, no git process starts: the same as `git: false`.
        history_cost = time_of["check in git, history read"] - time_of["check in git, git: false"]
        goals.append(("build, history read / git: false", 1 + history_cost / plugin, 1.03))
    if lint in time_of:
        goals.append(("check / markdownlint-cli2 MD043", check_n / time_of[lint], 1.0))
    for label, ratio, goal in goals:
        verdict = "met" if ratio <= goal else "MISSED"
        print(f"{label:<34} {ratio:7.3f}  (goal <= {goal}) {verdict}")
    # Not goals: where the marks' cost lies, with the theme or with the plugin.
    print(f"{'build with / without plugin':<34} {plugin / plain:7.3f}")
    print(f"{'the same, nav_status: false':<34} {unmarked / plain:7.3f}")
    print(f"{'hand marks / without plugin':<34} {marked / plain:7.3f}  (the theme's marks)")
    if failed:
        # `check` exits 1 when a spec has errors: the generated specs have none, so say so.
        print("\nNon-zero exit status from: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
