"""Benchmark: what the specs plugin adds to a Material build, and what `check` costs.

Run by hand (not part of the test suite)::

    .venv/bin/python benchmarks/run.py            # N = 500, median of 3
    .venv/bin/python benchmarks/run.py --n 50 --repeat 5 --keep /tmp/bench

It writes N deterministic, filled, cross-referencing specs from the bundled template (all four
statuses) into a temporary folder, with configs that differ only in the ``specs`` plugin (same
docs, Material theme and search plugin in all): none, the plugin as it comes, and the plugin
with ``nav_status: false`` (no status marks in Material's navigation, which Material draws
for every spec on every page), plus a second tree of 4N specs. One more build has no plugin
but the same marks, written by hand as front matter (``status:``) with the labels the plugin
puts in ``extra.status``: what the marks cost the theme alone, whoever sets them. Each
command runs in its own process, once uncounted to warm up (bytecode cached in the benchmark's
folder, as an installed package has it; files in the OS cache), then interleaved round by
round so that a noisy machine slows all of them alike. Each run's wall-clock time, CPU time
(user + system, from ``wait4``) and peak resident set (``ru_maxrss``) are recorded; the ratios
use the medians of CPU time (``--clock wall`` for wall-clock), which other programs on a
shared machine disturb far less. The exit status is 0: it is a report, the table says which
goals are met.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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


def write_tree(root: Path, n: int, *, marked: bool = False) -> None:
    """A site with ``n`` specs and configs that differ only in the specs plugin; ``marked``
    adds a copy of the docs whose specs set Material's status marks themselves."""
    folders = ("docs", "docs-marked") if marked else ("docs",)
    for folder in folders:
        (root / folder / "specs").mkdir(parents=True)
        (root / folder / "index.md").write_text(
            "# Platform specs\n\nAll the specs of the platform.\n"
        )
    template = TEMPLATE.read_text(encoding="utf-8")
    everyone = specs(n)
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
    labels = "".join(f"    {status.lower()}: {status}\n" for status in STATUSES)
    configs = [
        ("plain", "docs", "  - search\n"),
        ("specs", "docs", "  - search\n  - specs\n"),
        ("unmarked", "docs", "  - search\n  - specs:\n      nav_status: false\n"),
    ]
    if marked:  # the labels the plugin puts in extra.status
        configs.append(("marked", "docs-marked", f"  - search\nextra:\n  status:\n{labels}"))
    for name, docs_dir, plugins in configs:
        (root / f"mkdocs-{name}.yml").write_text(
            f"site_name: Benchmark\ndocs_dir: {docs_dir}\nsite_dir: site-{name}\n"
            f"theme:\n  name: material\nplugins:\n{plugins}",
            encoding="utf-8",
        )


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
    parser.add_argument("--n", type=int, default=500, help="number of specs (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--keep", type=Path, help="write the sites here and keep them")
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
    print(f"Writing {args.n} and {4 * args.n} specs under {root} ...", flush=True)
    write_tree(small, args.n, marked=True)
    write_tree(large, 4 * args.n)

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
    print(f"\n{args.n} specs, median of {args.repeat}, Python {sys.version.split()[0]}\n")
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
    # The goals of PRODUCT.md: the plugin's cost against the same output (the marks by hand).
    goals = (
        ("build with plugin / hand marks", plugin / marked, 1.03),
        ("check / plain build", check_n / plain, 0.03),
        ("check at 4N / check at N", check_4n / check_n, 4.4),
        ("peak memory with - without (MiB)", extra_mib, 8.0),
    )
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
