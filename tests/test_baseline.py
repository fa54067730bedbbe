"""The baseline: today's problems recorded, failing nothing, while new ones still fail."""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Site, create_site, filled_spec, shared
from htmltree import parse
from mkdocs.exceptions import Abort
from test_cli import validate_sarif

from mkdocs_specs.cli.main import main
from mkdocs_specs.core.baseline import Baseline, line_digest, loads
from mkdocs_specs.core.check import Lifecycle, Report, Source, check_sources
from mkdocs_specs.core.diagnostics import Diagnostic, Severity
from mkdocs_specs.core.lifecycle import Commit
from mkdocs_specs.core.template import load_template
from mkdocs_specs.render.sarif import sarif_log

BILLING = (
    filled_spec("Billing")
    .replace("**Technical Lead**: Ada Lovelace", "**Technical Lead**: [Name]")
    .replace("### Purpose\n", "### Purpose\nBills for each [[Invoce]].\n")
)
RETURNS = filled_spec("Returns", status="Draft").replace(
    "**Feature/Epic**: SHOP-1", "**Feature/Epic**: [Link to parent feature/epic]"
)
PAGES = {
    "specs/billing.md": BILLING,
    "specs/orders.md": filled_spec("Orders"),
    "specs/returns.md": RETURNS,
}
BASELINE = ".specs-baseline.json"


def report_diagnostics(site: Site) -> list[Diagnostic]:
    found = json.loads(check("--format", "json").stdout)
    return [Diagnostic(**{**d, "severity": Severity(d["severity"])}) for d in found]


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The site, the working directory, with its baseline written."""
    site = create_site(
        tmp_path,
        PAGES,
        plugin={"baseline": BASELINE, "show_diagnostics": "always", "git": False},
        theme="mkdocs",
    )
    monkeypatch.chdir(site.root)
    written = check("--write-baseline")
    assert (written.exit_code, written.stderr) == (0, f"Wrote 3 problems to {BASELINE}.\n")
    return site


def test_the_baseline_is_sorted_json_and_written_alike_each_time(site: Site) -> None:
    first = (site.root / BASELINE).read_bytes()
    data = json.loads(first)
    assert data["format"] == "mkdocs-specs baseline" and data["version"] == 1
    entries = [(e["path"], e["code"], e["message"], e["line"]) for e in data["entries"]]
    assert entries == sorted(entries)
    assert [(e["path"], e["code"], e["count"]) for e in data["entries"]] == [
        ("specs/billing.md", "placeholder", 1),
        ("specs/billing.md", "unresolved-reference", 1),
        ("specs/returns.md", "placeholder", 1),
    ]
    assert list(data) == sorted(data)
    assert check("--write-baseline").exit_code == 0
    assert (site.root / BASELINE).read_bytes() == first
    # Another file named on the command line, from another working directory: the same.
    other = site.root / "other.json"
    assert check("--write-baseline", str(other)).exit_code == 0
    assert other.read_bytes() == first


def test_a_baseline_the_site_does_not_read_says_how_to_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without `baseline:`, the written file fails nothing yet: the note says what to add, and
    # what it says, added to mkdocs.yml, is what makes the problems baselined.
    site = create_site(tmp_path / "site", PAGES, plugin={"git": False}, theme="mkdocs")
    (site.root / "records").mkdir()
    monkeypatch.chdir(site.docs)
    written = check("-f", "../mkdocs.yml", "--write-baseline", "../records/known.json")
    option = "records/known.json"
    assert written.exit_code == 0, written.output
    assert written.stderr.splitlines()[1] == (
        f'To baseline them in check and build, add "baseline: {option}" to the specs '
        "plugin's options (or give check --baseline ../records/known.json)."
    )
    assert check("-f", "../mkdocs.yml").exit_code == 1
    assert check("-f", "../mkdocs.yml", "--baseline", "../records/known.json").exit_code == 0
    site = create_site(site.root, PAGES, plugin={"git": False, "baseline": option}, theme="mkdocs")
    assert check("-f", "../mkdocs.yml").exit_code == 0
    # The baseline in use written again: nothing to add.
    rewritten = check("-f", "../mkdocs.yml", "--write-baseline").stderr
    assert rewritten == f"Wrote 3 problems to {site.root / option}.\n"


def test_baselined_problems_fail_nothing_and_are_counted(site: Site) -> None:
    result = check()
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Checked 3 specs: 0 invalid specs, 0 errors, 3 baselined.\n"
    assert check("--strict").exit_code == 0
    found = json.loads(check("--format", "json").stdout)
    assert [(d["code"], d["baselined"], d["suppressed"]) for d in found] == [
        ("placeholder", True, False),
        ("unresolved-reference", True, False),
        ("placeholder", True, False),
    ]
    assert not [line for line in site.build_in_process(strict=True) if "mkdocs_specs" in line]


def test_status_counts_problems_as_check_does(site: Site) -> None:
    summary = json.loads(CliRunner().invoke(main, ["status", "--format", "json"]).stdout)
    assert [(d["path"], d["errors"], d["warnings"]) for d in summary["specs"]] == [
        ("docs/specs/returns.md", 0, 0),
        ("docs/specs/billing.md", 0, 0),
        ("docs/specs/orders.md", 0, 0),
    ]
    site.write(
        "specs/orders.md", filled_spec("Orders").replace("**Version**: 1.0", "**Version**: x")
    )
    text = CliRunner().invoke(main, ["status"]).stdout
    assert [line.split()[-2:] for line in text.splitlines() if line.endswith(".md")] == [
        ["none", "docs/specs/returns.md"],
        ["none", "docs/specs/billing.md"],
        ["error", "docs/specs/orders.md"],
    ]


def test_the_baseline_still_matches_after_lines_move(site: Site) -> None:
    moved = BILLING.replace("## Overview", "## Overview\n\nA new paragraph.\n\nAnd another.\n")
    moved = moved.replace("**Version**", "**Extra**: value\n\n**Version**")
    site.write("specs/billing.md", moved)
    assert check().stderr == "Checked 3 specs: 0 invalid specs, 0 errors, 3 baselined.\n"
    site.build_in_process(strict=True)


def test_a_new_problem_still_fails_under_the_baseline(site: Site) -> None:
    # The same placeholder once more, on another line: one more than the baseline records.
    site.write("specs/billing.md", BILLING.replace("### Purpose\n", "### Purpose\n[Name]\n"))
    site.write("specs/new.md", filled_spec("New").replace("## Overview", "## Overvue"))
    result = check()
    assert result.exit_code == 1
    codes = [
        (line.split(":")[0], line.split("[")[1].split("]")[0])
        for line in result.stdout.splitlines()
    ]
    assert ("docs/specs/billing.md", "placeholder") in codes
    assert ("docs/specs/new.md", "missing-section") in codes
    assert "3 baselined" in result.stderr
    with pytest.raises(Abort, match=r"2 invalid specs, .* 3 baselined"):
        site.build_in_process()


def test_what_is_missing_stays_baselined_wherever_the_lines_go_and_the_template_is() -> None:
    # No Decision Outcome, no date: each reported at a place, which an edit moves or rewrites.
    text = (
        "---\nstatus: accepted\n---\n\n# Use Postgres\n\n"
        "## Context and Problem Statement\n\nWe store orders.\n\n## Considered Options\n\n* A\n"
    )
    madr = load_template("madr")
    written = check_sources([Source("0001-a.md", text)], madr)
    assert {d.code for d in written.diagnostics} >= {"missing-section"}
    baseline = Baseline.of(written.fingerprints())
    edited = text.replace("Use Postgres", "Use PostgreSQL") + "* B\n"
    fresh = check_sources([Source("0001-a.md", edited)], madr)
    later = fresh.with_baseline(baseline)
    assert later.diagnostics and all(d.baselined for d in later.diagnostics)
    # An entry written before keeps the line's digest: it still matches.
    entry = json.loads(baseline.dumps())
    for item in entry["entries"]:
        item["line"] = item["line"] or line_digest("* A")
    older = loads(json.dumps(entry), "old.json")
    assert all(d.baselined for d in fresh.with_baseline(older).diagnostics)
    # The team renames its template's file: the messages name the new one, and still match.
    renamed = replace(madr, name="our-adr-template.md")
    again = check_sources([Source("0001-a.md", edited)], renamed)
    assert "(template: our-adr-template.md)" in again.diagnostics[0].message
    assert all(d.baselined for d in again.with_baseline(baseline).diagnostics)


def test_a_file_that_is_not_utf8_stays_baselined_when_text_above_its_bad_byte_changes() -> None:
    latin1 = "# Use Kafka\n\n**Status**: Proposed\n\n## Context\n\nR\u00e9sum\u00e9.\n"
    template = load_template()
    written = check_sources([Source.from_bytes("a.md", latin1.encode("latin-1"))], template)
    assert [(d.code, d.line, d.column) for d in written.diagnostics] == [("unreadable-file", 7, 2)]
    baseline = Baseline.of(written.fingerprints())
    edited = latin1.replace("Proposed", "Deprecated").encode("latin-1")
    later = check_sources([Source.from_bytes("a.md", edited)], template)
    assert [d.baselined for d in later.with_baseline(baseline).diagnostics] == [True]


def older(baseline: Baseline, message: Callable[[str], str]) -> Baseline:
    """``baseline`` as an earlier version wrote it, each entry's message rewritten so."""
    document = json.loads(baseline.dumps())
    for entry in document["entries"]:
        entry["message"] = message(entry["message"])
    return loads(json.dumps(document), "older.json")


def test_a_stale_date_stays_baselined_whatever_the_commit_after_it() -> None:
    text = filled_spec("Orders", updated="2026-01-10")
    template, today = load_template(), datetime.date(2026, 6, 1)

    def checked(*days: int) -> Report:
        commits = tuple(Commit(datetime.date(2026, 1 + n, 1), "Ada", "Edit") for n in days)
        return check_sources(
            [Source("orders.md", text)],
            template,
            today,
            lifecycle=Lifecycle({"orders.md": commits}),
        )

    written = checked(2)
    [stale] = written.diagnostics
    assert (
        stale.message
        == '"Last Updated" 2026-01-10 is older than the file\'s last commit (2026-03-01)'
    )
    baseline = Baseline.of(written.fingerprints())
    # A later commit, a typo fixed: the same date is as stale as before.
    later = checked(4, 2)
    assert [d.baselined for d in later.with_baseline(baseline).diagnostics] == [True]
    # An entry written before, with the commit's date in it, matches too.
    dated = older(baseline, lambda message: message + " (2026-03-01)")
    assert [d.baselined for d in later.with_baseline(dated).diagnostics] == [True]


def test_a_duplicate_stays_baselined_wherever_its_first_definition_is() -> None:
    sources = [
        Source("specs/a.md", filled_spec("Orders")),
        Source("specs/b.md", filled_spec("Orders")),
    ]
    written = check_sources(sources, load_template())
    duplicates = [d for d in written.diagnostics if d.code == "duplicate-entity"]
    assert duplicates and all(" already defined at specs/a.md:" in d.message for d in duplicates)
    baseline = Baseline.of(written.fingerprints())
    moved = replace(sources[0], text="Intro.\n\n" + filled_spec("Orders"))
    later = check_sources([moved, sources[1]], load_template()).with_baseline(baseline)
    assert all(d.baselined for d in later.diagnostics)
    # Entries that named the first one as a check run elsewhere showed it still match.
    shown = older(baseline, lambda message: message.replace(" at specs/", " at docs/specs/"))
    assert all(d.baselined for d in written.with_baseline(shown).diagnostics)


def test_a_check_for_no_baseline_digests_no_lines_and_finds_the_same() -> None:
    # Where no baseline is read or written, the lines of problems are not digested.
    sources = [Source("billing.md", BILLING), Source("returns.md", RETURNS)]
    digested = check_sources(sources, load_template())
    plain = check_sources(sources, load_template(), fingerprints=False)
    assert plain.diagnostics == digested.diagnostics
    assert all(spec.lines for spec in digested.specs)
    assert not any(spec.lines for spec in plain.specs)
    baseline = Baseline.of(digested.fingerprints())
    assert all(d.baselined for d in digested.with_baseline(baseline).diagnostics)
    with pytest.raises(ValueError, match="no baseline fingerprints"):
        plain.with_baseline(baseline)


def test_prune_lists_what_no_longer_occurs_and_writes_it_away(site: Site) -> None:
    site.write("specs/billing.md", BILLING.replace("[Name]", "Ada Lovelace"))
    result = check("--prune-baseline")
    assert result.exit_code == 1
    assert result.stdout == (
        "specs/billing.md: [placeholder] Placeholder [Name] is not filled in\n"
    )
    assert result.stderr == f"1 entry of {BASELINE} no longer occurs; --write removes them.\n"
    result = check("--prune-baseline", "--write")
    assert (result.exit_code, result.stderr) == (0, f"Removed 1 entry from {BASELINE}.\n")
    entries = json.loads((site.root / BASELINE).read_text())["entries"]
    assert [(e["path"], e["code"]) for e in entries] == [
        ("specs/billing.md", "unresolved-reference"),
        ("specs/returns.md", "placeholder"),
    ]
    assert check("--prune-baseline").exit_code == 0
    assert check().stderr == "Checked 3 specs: 0 invalid specs, 0 errors, 2 baselined.\n"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{", "is not a baseline: not valid JSON"),
        ('{"entries": []}', 'is not a mkdocs-specs baseline (no "format"'),
        ('{"format": "mkdocs-specs baseline", "version": 9}', "baseline of version 9"),
        (
            '{"format": "mkdocs-specs baseline", "version": 1, "entries": [{"path": 1}]}',
            "entry 1 is not an entry",
        ),
    ],
)
def test_a_corrupt_or_foreign_baseline_is_one_line_and_never_written_over(
    site: Site, content: str, said: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = site.root / BASELINE
    path.write_text(content)
    for args in (
        [],
        ["--baseline", BASELINE],
        ["--write-baseline"],
        ["--prune-baseline", "--write"],
    ):
        result = check(*args)
        assert result.exit_code == 2, args
        assert result.stderr.count("\n") == 1 and said in result.stderr, result.stderr
        assert path.read_text() == content
    with pytest.raises(Abort):
        site.build_in_process()
    [error] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert error.startswith("Plugin 'specs' option 'baseline': ") and said in error


def test_sarif_marks_suppressed_and_baselined_results(site: Site) -> None:
    suppressed = "<!-- specs-disable-next-line placeholder -->\n**Feature/Epic**: [Link"
    site.write("specs/returns.md", RETURNS.replace("**Feature/Epic**: [Link", suppressed))
    site.write("specs/new.md", filled_spec("New").replace("**Version**: 1.0", "**Version**: one"))
    log = json.loads(check("--format", "sarif").stdout)
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r.get("baselineState"), r.get("suppressions")) for r in results] == [
        ("placeholder", "unchanged", None),
        ("unresolved-reference", "unchanged", None),
        ("invalid-field", "new", None),
        ("placeholder", None, [{"kind": "inSource"}]),  # not compared with the baseline
    ]
    # Without a baseline in use, no result says anything of one.
    unbased = sarif_log([replace(d, baselined=False) for d in report_diagnostics(site)])
    assert all("baselineState" not in r for r in unbased["runs"][0]["results"])


def test_the_problem_box_leaves_baselined_problems_out(site: Site) -> None:
    site.write(
        "specs/orders.md", filled_spec("Orders").replace("**Version**: 1.0", "**Version**: x")
    )
    with pytest.raises(Abort):
        site.build_in_process()
    billing = parse(site.html("specs/billing/index.html"))
    assert billing.find_all(cls="spec-diagnostics") == []
    orders = parse(site.html("specs/orders/index.html"))
    [box] = orders.find_all(cls="spec-diagnostics")
    assert box.attrs["data-spec-problems"] == "1"


def test_paths_and_a_missing_baseline(site: Site) -> None:
    result = check("docs/specs/billing.md", "--write-baseline")
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    result = check("--baseline", "nowhere.json")
    assert (result.exit_code, result.stderr) == (2, "Error: baseline not found: nowhere.json\n")
    (site.root / BASELINE).unlink()
    result = check()
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Warning: baseline {BASELINE} not found: nothing is baselined\n"
    )


def test_problems_naming_other_docs_stay_baselined_wherever_check_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A second definition, and a relation naming two docs: both name the other docs, as
    # check shows paths (from where it runs) and the build names them (docs-relative).
    decision = "---\nstatus: {}\n---\n\n# {}\n\n## Context and Problem Statement\n\nWhy.\n"
    pages = {
        "specs/orders.md": filled_spec("Orders"),
        "specs/payments.md": filled_spec("Orders").replace("Specification: Orders", "Payments"),
        "decisions/0005-a.md": decision.format("accepted", "A"),
        "decisions/0005-b.md": decision.format("accepted", "B"),
        "decisions/0006-c.md": decision.format('"superseded by ADR-0005"', "C"),
    }
    types = [{"dir": "specs"}, {"dir": "decisions", "template": "madr"}]
    plugin = {
        "types": types,
        "baseline": BASELINE,
        "git": False,
        "rules": {"missing-section": "off"},
    }
    site = create_site(tmp_path, pages, plugin=plugin, theme="mkdocs")
    monkeypatch.chdir(site.root)
    found = check().stdout
    assert "docs/specs/payments.md:" in found and "defined at docs/specs/orders.md:" in found
    assert "names 2 docs: docs/decisions/0005-a.md and docs/decisions/0005-b.md" in found
    assert check("--write-baseline").exit_code == 0
    site.build_in_process()
    # From another folder, the same problems, all baselined.
    monkeypatch.chdir(site.docs)
    result = check("-f", "../mkdocs.yml")
    assert result.stderr.endswith("Checked 5 docs: 0 invalid docs, 0 errors, 7 baselined.\n")
    assert check("-f", "../mkdocs.yml", "--prune-baseline").exit_code == 0
    # A file named another way is still named as the build names it, and is still the second.
    named = check("-f", "../mkdocs.yml", "--format", "json", str(site.docs / "specs/payments.md"))
    duplicates = [d for d in json.loads(named.stdout) if d["code"] == "duplicate-entity"]
    assert len(duplicates) == found.count("[duplicate-entity]")
    assert duplicates and all(d["baselined"] for d in duplicates)


def test_the_readme_walk_through_on_rust_rfcs(tmp_path: Path, monkeypatch) -> None:
    """README, "Adopting on an existing repository", step by step."""
    rust_rfcs = shared("corpora") / "rust-rfc" / "docs"
    site = create_site(
        tmp_path,
        plugin={"specs_dir": "rfcs", "template": "rust-rfc", "baseline": BASELINE, "git": False},
        theme="mkdocs",
    )
    shutil.copytree(rust_rfcs, site.docs / "rfcs")
    monkeypatch.chdir(site.root)
    result = check()
    assert (
        result.stderr.splitlines()[-1] == "Checked 11 RFCs: 9 invalid RFCs, 28 errors, 2 warnings."
    )
    # 1. Write the baseline.
    assert check("--write-baseline").stderr == f"Wrote 30 problems to {BASELINE}.\n"
    # 2. Build green.
    assert check().stderr == "Checked 11 RFCs: 0 invalid RFCs, 0 errors, 30 baselined.\n"
    site.build_in_process()
    # 3. A new RFC with a missing section fails CI.
    dyno = (site.docs / "rfcs/3192-dyno.md").read_text(encoding="utf-8")
    new = "".join(line for line in dyno.splitlines(True) if not line.startswith("## Drawbacks"))
    site.write("rfcs/3900-my-feature.md", new)
    result = check()
    assert result.exit_code == 1
    assert result.stdout.startswith(
        'docs/rfcs/3900-my-feature.md:180:1: error [missing-section] Required section "Drawbacks"'
    )
    assert result.stderr == "Checked 12 RFCs: 1 invalid RFC, 1 error, 30 baselined.\n"
    # (The build fails alike: test_a_new_problem_still_fails_under_the_baseline.)
    (site.docs / "rfcs/3900-my-feature.md").unlink()
    # 4. Fixing an old one prunes its entry.
    fixed = site.docs / "rfcs/2412-optimize-attr.md"
    fixed.write_text(fixed.read_text() + "\n## Future possibilities\n\nNone yet.\n")
    result = check("--prune-baseline")
    assert (result.exit_code, result.stdout) == (
        1,
        'rfcs/2412-optimize-attr.md: [missing-section] Required section "Future possibilities" '
        "is missing\n",
    )
    assert check("--prune-baseline", "--write").stderr == f"Removed 1 entry from {BASELINE}.\n"
    assert check().stderr == "Checked 11 RFCs: 0 invalid RFCs, 0 errors, 29 baselined.\n"
