"""Lifecycle from git: review due, stale dates, status transitions and page history, on real
git repositories with commits at fixed dates (so no test changes as the calendar moves)."""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, Site, create_site, filled_spec, require, specs
from htmltree import content, parse

from mkdocs_specs.core.check import Earlier, Lifecycle, Source, check_sources
from mkdocs_specs.core.document import parse_document
from mkdocs_specs.core.lifecycle import Commit, Period, parse_every, parse_schedule, stale_dates
from mkdocs_specs.core.rule_levels import Level, RuleLevels
from mkdocs_specs.core.template import load_template, parse_template
from mkdocs_specs.vcs.git import Repository, Unavailable, repository

GIT = shutil.which("git")


@pytest.fixture(autouse=True, scope="module")  # before the module's repositories
def _git() -> None:
    require(GIT is not None, "git", "apt-get install git")


def git(repo: Path, *args: str, date: str = "2020-01-10") -> None:
    """``git`` at a fixed date, with no user or system configuration."""
    stamp = f"{date}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "Ada Lovelace",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada Lovelace",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run([GIT or "git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)


def spec(name: str, status: str, updated: str, version: str = "1.0", cadence: str = "") -> str:
    text = filled_spec(name, status=status, created="2020-01-10", updated=updated, version=version)
    schedule = f"**Review Schedule**: {cadence or 'After the pilot'}"
    return re.sub(r"\*\*Review Schedule\*\*:.*", schedule, text)


def info_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Info:")]


# The one repository most tests read: its history is made once for the module.
@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = create_site(
        tmp_path_factory.mktemp("lifecycle") / "site",
        {
            "specs/orders.md": spec("Orders", "Approved", "2020-01-10", cadence="Quarterly"),
            "specs/payments.md": spec("Payments", "Approved", "2020-01-10"),
            "specs/parcels.md": spec("Parcels", "Approved", "2020-01-10", cadence="Yearly"),
        },
        plugin={"history": True},
    )
    git(site.root, "init", "-q", "-b", "main")
    commit(site.root, "Specs for orders, payments and parcels", "2020-01-10")
    git(site.root, "tag", "base")
    # Approved and edited without a new version; Last Updated kept true.
    orders = spec("Orders", "Approved", "2020-03-01", cadence="Quarterly")
    site.write("specs/orders.md", orders.replace("Ada Lovelace", "Grace Hopper"))
    # A status moved back under the same version.
    site.write("specs/payments.md", spec("Payments", "Review", "2020-03-01"))
    commit(site.root, "Rework orders; payments back to review", "2020-03-01")
    # Edited months later, Last Updated left behind.
    parcels = spec("Parcels", "Approved", "2020-01-10", version="1.1", cadence="Yearly")
    site.write("specs/parcels.md", parcels.replace("Ada Lovelace", "Alan Turing"))
    commit(site.root, "Parcels: new owner", "2020-06-15")
    return site


@pytest.fixture(scope="module")
def built(repo: Site) -> Site:
    assert repo.build_in_process() != []  # the lifecycle warnings; the build still succeeds
    return repo


def test_schedules_read_as_people_write_them() -> None:
    assert parse_schedule("Quarterly, alongside the roadmap review") == Period(months=3)
    assert parse_schedule("Every six months and after any audit") == Period(months=6)
    assert parse_schedule("every 10 days") == Period(days=10)
    assert parse_schedule("Bi-weekly until approved") == Period(days=14)
    assert parse_schedule("yearly") == Period(months=12)
    assert parse_schedule("Fortnightly during the beta") == Period(days=14)
    assert parse_schedule("Submit for review after the pilot") is None
    assert parse_every("180d") == Period(days=180)
    assert parse_every("soon") is None
    # The 31st plus a month is the end of the shorter month.
    assert Period(months=1).after(datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 28)
    # Past the calendar's last day, a review is never due (and nothing fails on the way).
    assert Period(months=12).after(datetime.date(9999, 12, 31)) is None
    assert Period(days=10**20).after(datetime.date(2026, 1, 1)) is None
    assert Period(days=1).after(datetime.date(9999, 12, 31)) is None


def test_a_review_is_due_from_today_which_tests_inject() -> None:
    template = load_template()
    text = spec("Orders", "Approved", "2026-01-10", cadence="Quarterly")
    history = Lifecycle({"orders.md": (Commit(datetime.date(2026, 1, 10), "Ada", "First"),)})

    def codes(today: datetime.date) -> list[str]:
        report = check_sources([Source("orders.md", text)], template, today, lifecycle=history)
        return [d.code for d in report.specs[0].diagnostics]

    assert codes(datetime.date(2026, 4, 9)) == []
    assert codes(datetime.date(2026, 4, 10)) == ["review-overdue"]
    # Without a cadence of its own, `review_every:` decides; without git, no lifecycle rule.
    plain = text.replace("Quarterly", "After the pilot")
    every = Lifecycle({}, parse_every("30d"), "30d")
    day = datetime.date(2026, 2, 9)
    report = check_sources([Source("o.md", plain)], template, day, lifecycle=every)
    assert [d.code for d in report.specs[0].diagnostics] == ["review-overdue"]
    report = check_sources([Source("o.md", text)], template, datetime.date(2030, 1, 1))
    assert report.specs[0].diagnostics == ()


def test_a_doc_in_an_inactive_status_is_due_for_no_review() -> None:
    template = load_template()
    day = datetime.date(2030, 1, 1)

    def overdue(status: str, categories: dict[str, str]) -> tuple[bool, list[str]]:
        every = Lifecycle({}, parse_every("30d"), "30d", categories=categories)
        text = spec("Orders", status, "2026-01-10")
        (checked,) = check_sources([Source("o.md", text)], template, day, lifecycle=every).specs
        return checked.review_overdue, [d.code for d in checked.diagnostics]

    assert overdue("Approved", {}) == (True, ["review-overdue"])
    # Superseded, deprecated, or so as `statuses:` says.
    assert overdue("Approved", {"approved": "inactive"}) == (False, [])


def test_the_git_rules_are_suppressed_and_levelled_like_any_other() -> None:
    template = load_template()
    text = spec("Orders", "Approved", "2026-01-10", cadence="Quarterly")
    history = Lifecycle({"orders.md": (Commit(datetime.date(2026, 1, 10), "Ada", "First"),)})
    # At REF, another owner under the same Version: the text changed, the Version did not.
    since = Earlier({"orders.md": text.replace("Ada Lovelace", "Grace Hopper")})

    def found(text: str, **levels: Level) -> list[tuple[str, bool]]:
        rules = RuleLevels({code.replace("_", "-"): level for code, level in levels.items()})
        day = datetime.date(2026, 4, 10)
        report = check_sources(
            [Source("orders.md", text)], template, day, lifecycle=history, since=since, rules=rules
        )
        return sorted((d.code, d.suppressed) for d in report.specs[0].diagnostics)

    assert found(text) == [("review-overdue", False), ("unversioned-change", False)]
    directive = "<!-- specs-disable-file review-overdue, unversioned-change -->"
    silenced = text.replace("\n## Overview", f"\n{directive}\n\n## Overview", 1)
    # Suppressed, and so the directive is used: no unused-suppression.
    assert found(silenced) == [("review-overdue", True), ("unversioned-change", True)]
    assert found(text, unversioned_change=Level.OFF) == [("review-overdue", False)]
    assert found(text, review_overdue=Level.ERROR) == [
        ("review-overdue", False),
        ("unversioned-change", False),
    ]


@pytest.mark.parametrize(
    ("now", "said"),
    [("**Status**: Bogus\n", 'to "Bogus"'), ("", "to no status")],
)
def test_a_status_moved_out_of_an_inactive_one_says_what_it_became(now: str, said: str) -> None:
    template = parse_template(
        "# [T]\n\n**Status**: [Draft | Approved | Deprecated]\n**Version**: [1.0]\n\n## A\n",
        "t.md",
    )
    before = "# T\n\n**Status**: Deprecated\n**Version**: 1.0\n\n## A\n\nText.\n"
    text = before.replace("**Status**: Deprecated\n", now)
    since = Earlier({"t.md": before})
    report = check_sources([Source("t.md", text)], template, since=since)
    (moved,) = [d for d in report.diagnostics if d.code == "status-transition"]
    assert moved.message == (
        f'Status moved out of an inactive status, from "Deprecated" {said}, with the same Version'
    )


@pytest.mark.parametrize(
    ("log", "hint"),
    [
        ("", "Bump the Version for the change."),
        *[
            (f"## {name}\n", f"Bump the Version and add an entry to {name} for the change.")
            for name in (
                *("Revision History", "Document Revision History", "History of Changes"),
                *("Change Log", "Changelog", "Revision Log"),
            )
        ],
        ("## Breaking Changes\n", "Bump the Version for the change."),
        ("## Patient History\n", "Bump the Version for the change."),
    ],
)
def test_an_unversioned_change_names_the_templates_change_log_if_any(log: str, hint: str) -> None:
    template = parse_template(
        f"# [T]\n\n**Status**: [Draft | Approved]\n**Version**: [1.0]\n\n## A\n\n{log}", "t.md"
    )
    before = "# T\n\n**Status**: Approved\n**Version**: 1.0\n\n## A\n\nText.\n"
    since = Earlier({"t.md": before})
    report = check_sources([Source("t.md", before + "More.\n")], template, since=since)
    assert [d.hint for d in report.diagnostics if d.code == "unversioned-change"] == [hint]


@pytest.mark.parametrize(
    ("field", "stale"),
    [
        ("**Created**: 2024-03-01", True),
        ("**Date Created**: 2024-03-01", True),
        ("Date: 2024-03-01", False),  # a decision's date: made after it was first written
    ],
)
def test_a_creation_date_after_the_first_commit_is_stale(field: str, stale: bool) -> None:
    document = parse_document(f"# 3. Use Kafka\n\n{field}\n\n## Status\n\nAccepted\n", "a.md")
    commits = (Commit(datetime.date(2024, 3, 1), "b", "Accept"),)
    commits += (Commit(datetime.date(2024, 1, 10), "a", "Propose"),)
    found = [(d.code, d.line) for d in stale_dates(document, commits)]
    assert found == ([("stale-date", 3)] if stale else [])


def test_the_version_rules_pass_over_a_template_without_a_version() -> None:
    # MADR has no Version to bump: an accepted ADR may be edited, or moved back, freely.
    madr = load_template("madr")
    accepted = "---\nstatus: accepted\ndate: 2026-01-10\n---\n\n# Use Postgres\n\n"
    body = "## Context and Problem Statement\n\nWe store orders.\n"
    now = accepted.replace("accepted", "proposed") + body + "\nAnd parcels.\n"
    since = Earlier({"0001-use-postgres.md": accepted + body})
    report = check_sources([Source("0001-use-postgres.md", now)], madr, since=since)
    codes = {d.code for d in report.specs[0].diagnostics}
    assert not codes & {"status-transition", "unversioned-change"}, codes


def test_check_reports_overdue_reviews_and_stale_dates(repo: Site) -> None:
    result = specs(repo.root, "check", "--format", "json")
    found = {(d["path"], d["code"]): d for d in json.loads(result.stdout)}
    assert result.returncode == 0, result.stderr  # warnings only
    assert set(found) == {
        ("docs/specs/orders.md", "review-overdue"),  # quarterly from 2020-03-01
        ("docs/specs/parcels.md", "review-overdue"),  # yearly from 2020-01-10
        ("docs/specs/parcels.md", "stale-date"),
    }
    assert (
        "Review was due on 2020-06-01"
        in found[("docs/specs/orders.md", "review-overdue")]["message"]
    )
    stale = found[("docs/specs/parcels.md", "stale-date")]
    lines = (repo.docs / "specs/parcels.md").read_text(encoding="utf-8").splitlines()
    assert lines[stale["line"] - 1].startswith("**Last Updated**")
    assert "2020-06-15" in stale["hint"] and "Parcels: new owner" in stale["hint"]
    assert info_lines(result.stderr) == []


def test_check_since_finds_status_moved_back_and_unversioned_change(repo: Site) -> None:
    for ref in ("base", "base..."):  # a tag, and the merge base of a branch with HEAD
        result = specs(repo.root, "check", "--format", "json", "--since", ref)
        assert result.returncode == 1, result.stderr  # status-transition is an error
        found = {(d["path"], d["code"], d["severity"]) for d in json.loads(result.stdout)}
        assert ("docs/specs/payments.md", "status-transition", "error") in found
        assert ("docs/specs/orders.md", "unversioned-change", "warning") in found
        hints = {d["hint"] for d in json.loads(result.stdout) if d["code"] == "unversioned-change"}
        assert hints == {"Bump the Version and add an entry to Change Log for the change."}
        # Parcels changed under a new version: nothing to say of it.
        assert not {f for f in found if f[0].endswith("parcels.md") and "change" in f[1]}
    wrong = specs(repo.root, "check", "--since", "no-such-ref")
    assert wrong.returncode == 2
    assert "--since no-such-ref: names no commit" in wrong.stderr


def test_check_since_follows_a_spec_renamed_since_ref(tmp_path) -> None:
    site = create_site(tmp_path, {"specs/parcels.md": spec("Parcels", "Approved", "2020-01-10")})
    git(site.root, "init", "-q", "-b", "main")
    commit(site.root, "Parcels", "2020-01-10")
    # Renamed, and moved back to Review under the same Version: not a new spec.
    git(site.root, "mv", "docs/specs/parcels.md", "docs/specs/shipments.md")
    site.write("specs/shipments.md", spec("Parcels", "Review", "2020-01-10"))
    result = specs(site.root, "check", "--format", "json", "--since", "HEAD")
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)}
    assert ("docs/specs/shipments.md", "status-transition") in found, result.stderr


def test_check_since_says_so_where_no_template_has_a_version(tmp_path) -> None:
    adr = "---\nstatus: accepted\n---\n\n# Use Kafka\n\n## Context and Problem Statement\n\nA.\n"
    site = create_site(
        tmp_path,
        {"decisions/0001-use-kafka.md": adr},
        plugin={"specs_dir": "decisions", "template": "madr", "git": False},
    )
    git(site.root, "init", "-q", "-b", "main")
    commit(site.root, "Kafka", "2020-01-10")
    result = specs(site.root, "check", "--since", "HEAD")
    assert info_lines(result.stderr) == [
        "Info: --since skipped (status-transition, unversioned-change): no template has a "
        "Version field to follow"
    ]
    wrong = specs(site.root, "check", "--since", "no-such-ref")
    assert wrong.returncode == 2  # a REF that names nothing is an error all the same


def test_the_build_shows_due_reviews_history_and_review_due(built: Site) -> None:
    page = content(parse(built.html("specs/orders/index.html")))
    badge = page.find_all(cls="spec-badge--review-due")
    assert [b.text for b in badge] == ["Review due"]
    (history,) = page.find_all(cls="spec-history")
    assert [li.text for li in history.find_all("li")] == [
        "2020-03-01 Ada Lovelace: Rework orders; payments back to review",
        "2020-01-10 Ada Lovelace: Specs for orders, payments and parcels",
    ]
    assert not content(parse(built.html("specs/payments/index.html"))).find_all(
        cls="spec-badge--review-due"
    )
    index = content(parse(built.html("specs/index.html")))
    (due,) = index.find_all(cls="spec-index-due")
    assert [a.text for a in due.find_all("a")] == [
        "Specification: Orders",
        "Specification: Parcels",
    ]
    exported = json.loads((built.site_dir / "specs.json").read_text(encoding="utf-8"))
    assert {s["path"]: s["review_due"] for s in exported["specs"]} == {
        "specs/orders.md": "2020-06-01",
        "specs/parcels.md": "2021-01-10",
        "specs/payments.md": None,
    }


def test_a_shallow_clone_skips_the_history_rules_and_compares_with_a_ref_it_holds(
    repo: Site, tmp_path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "3", repo.root.as_uri(), str(clone))
    # All three commits are there: --since compares with the first, as in a full clone.
    result = specs(clone, "check", "--format", "json", "--since", "HEAD~2")
    assert result.returncode == 1, result.stderr
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)}
    assert found == {
        ("docs/specs/payments.md", "status-transition"),
        ("docs/specs/orders.md", "unversioned-change"),
    }
    # The history before the cut is not: the rules that read all of it are skipped.
    assert info_lines(result.stderr) == [
        "Info: git rules skipped (review-overdue, stale-date): a shallow clone: its history "
        "is cut (fetch it with fetch-depth: 0)",
    ]
    # A REF before the cut is a usage error that says why, not a silent pass.
    result = specs(clone, "check", "--since", "HEAD~3")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --since HEAD~3: names no commit of this repository (a shallow clone: fetch it, "
        "or check out with fetch-depth: 0)"
    )


def test_what_a_rule_that_did_not_run_baselined_or_suppressed_is_kept(repo: Site, tmp_path) -> None:
    site = Site(tmp_path / "site")
    shutil.copytree(repo.root, site.root)
    directive = "<!-- specs-disable-file stale-date, status-transition -->\n"
    payments = site.docs / "specs/payments.md"
    payments.write_text(directive + payments.read_text(encoding="utf-8"), encoding="utf-8")
    commit(site.root, "Payments: known", "2020-06-15")
    known = "known.json"
    written = specs(site.root, "check", "--since", "base", "--write-baseline", known)
    assert written.stderr.startswith(f"Wrote 4 problems to {known}.\n")
    recorded = (site.root / known).read_bytes()
    codes = {entry["code"] for entry in json.loads(recorded)["entries"]}
    assert codes == {"review-overdue", "stale-date", "unversioned-change"}
    # Without --since, its rules did not run: their entries are not stale, nor suppressions
    # of them unused.
    pruned = specs(site.root, "check", "--prune-baseline", "--baseline", known)
    assert (pruned.returncode, pruned.stdout) == (0, "")
    assert info_lines(pruned.stderr) == [
        "Info: kept 1 entry of rules that did not run (unversioned-change)."
    ]
    assert "unused-suppression" not in specs(site.root, "check").stdout
    # Outside a repository the git rules do not run either: all is kept, written again too.
    shutil.rmtree(site.root / ".git")
    pruned = specs(site.root, "check", "--prune-baseline", "--write", "--baseline", known)
    assert (pruned.returncode, pruned.stdout) == (0, "")
    rewritten = specs(site.root, "check", "--write-baseline", known)
    assert rewritten.stderr.splitlines()[1] == (
        f"Wrote 0 problems to {known}, and kept 4 entries of rules that did not run "
        "(review-overdue, stale-date, unversioned-change)."
    )
    assert (site.root / known).read_bytes() == recorded
    assert "unused-suppression" not in specs(site.root, "check").stdout


def test_outside_a_repository_or_without_git_the_rules_are_skipped(tmp_path) -> None:
    site = create_site(
        tmp_path / "site",
        {"specs/orders.md": spec("Orders", "Approved", "2020-01-10", cadence="Monthly")},
    )
    outside = specs(site.root, "check", "--since", "HEAD")
    assert outside.returncode == 0, outside.stdout
    assert outside.stdout == ""
    assert info_lines(outside.stderr) == [
        "Info: git rules skipped (review-overdue, stale-date): not in a git work tree",
        "Info: --since skipped (status-transition, unversioned-change): not in a git work tree",
    ]
    # A repository, but no git on PATH: the same, for that reason, and no traceback.
    git(site.root, "init", "-q")
    commit(site.root, "Orders", "2020-01-10")
    empty = tmp_path / "bin"
    empty.mkdir()
    found = specs(site.root, "check", PATH=str(empty))
    assert found.returncode == 0, found.stderr
    assert info_lines(found.stderr) == [
        "Info: git rules skipped (review-overdue, stale-date): no `git` on PATH"
    ]
    assert "Traceback" not in found.stderr
    # With git, the same site has its due review.
    assert "review-overdue" in specs(site.root, "check").stdout


def test_no_git_process_is_started_where_there_is_no_repository(tmp_path, monkeypatch) -> None:
    # A `git` first on PATH that leaves a mark each time it runs, then runs the real one.
    bin_dir, marks = tmp_path / "bin", tmp_path / "marks"
    bin_dir.mkdir()
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{marks}"\nexec {shutil.which("git")} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("GIT_DIR", raising=False)
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    # No `.git` in the folder nor above it: git is not asked.
    assert repository(docs) == Unavailable("not in a git work tree")
    assert not marks.exists()
    # With GIT_DIR, or a `.git` above, it is.
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nothing"))
    assert repository(docs) == Unavailable("not in a git work tree")
    assert marks.read_text().count("run") == 1
    monkeypatch.delenv("GIT_DIR")
    git(tmp_path / "site", "init", "-q")
    assert isinstance(repository(docs), Repository)
    assert marks.read_text().count("run") == 2  # and once more to find this one


class _Info(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_a_build_outside_a_repository_says_so_once(tmp_path) -> None:
    site = create_site(
        tmp_path / "site",
        {"specs/orders.md": spec("Orders", "Approved", "2020-01-10", cadence="Monthly")},
    )
    handler = _Info()
    logger = logging.getLogger("mkdocs.plugins.mkdocs_specs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)  # as `mkdocs build` shows it
    try:
        assert site.build_in_process() == []
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.lines == [
        "mkdocs_specs: Git rules skipped (review-overdue, stale-date): not in a git work tree"
    ]


def test_a_build_alongside_git_revision_date_localized(repo: Site, tmp_path) -> None:
    pytest.importorskip("mkdocs_git_revision_date_localized_plugin")
    site = Site(tmp_path / "site")
    shutil.copytree(repo.root, site.root, ignore=shutil.ignore_patterns("site"))
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = "plugins:\n- git-revision-date-localized:\n    type: date\n"
    (site.root / "mkdocs.yml").write_text(config.replace("plugins:\n", plugins), encoding="utf-8")
    lines = site.build_in_process()
    assert [line for line in lines if "mkdocs_specs" not in line] == []
    page = site.html("specs/orders/index.html")
    # Both plugins' dates from the same history: theirs in the footer, ours in the history.
    assert "git-revision-date-localized-plugin" in page
    body = content(parse(page))
    assert len(body.find_all(cls="spec-history")) == 1
    assert len(body.find_all(cls="spec-badge--review-due")) == 1


def test_the_example_site_as_a_work_tree_shows_history_and_a_due_review(tmp_path) -> None:
    site = Site(tmp_path / "example_site")
    shutil.copytree(
        REPO / "example_site", site.root, ignore=shutil.ignore_patterns("site", "screenshots")
    )
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      git: false\n" in text
    config.write_text(text.replace("      git: false\n", "      history: true\n"), "utf-8")
    # The site first, then each spec on its own Last Updated day, so that none is stale.
    held = tmp_path / "held"
    (site.docs / "specs").rename(held)
    git(site.root, "init", "-q")
    commit(site.root, "The site, before its specs", "2026-06-01")
    (site.docs / "specs").mkdir()
    for path in sorted(held.glob("*.md")):
        updated = re.search(r"\*\*Last Updated\*\*: (\S+)", path.read_text(encoding="utf-8"))
        path.rename(site.docs / "specs" / path.name)
        commit(
            site.root, f"{path.stem}: as reviewed", updated.group(1) if updated else "2026-06-01"
        )
    lines = site.build_in_process()
    assert not [line for line in lines if "[stale-date]" in line]
    # Orders: quarterly from 2026-07-02, so due since 2026-10-02 (and more so every day).
    assert any("specs/orders.md" in line and "[review-overdue]" in line for line in lines)
    orders = content(parse(site.html("specs/orders/index.html")))
    assert orders.find_all(cls="spec-badge--review-due")
    (history,) = orders.find_all(cls="spec-history")
    assert history.find_all("li")[0].text == "2026-07-02 Ada Lovelace: orders: as reviewed"
    index = content(parse(site.html("specs/index.html")))
    (due,) = index.find_all(cls="spec-index-due")
    assert "Order" in next(a.text for a in due.find_all("a"))  # the longest overdue


def test_zensical_shows_due_reviews_history_and_stale_dates(repo: Site, caplog) -> None:
    # The extension on its own reads git as the plugin does, once per check of the site.
    import markdown
    from zensical.config import get_config, parse_config
    from zensical.extensions.context import ContextExtension, Page

    import mkdocs_specs

    parse_config(str(repo.root / "mkdocs.yml"))  # the plugin's options: `history: true`
    orders = Page(url="specs/orders/", path="specs/orders.md", meta={})
    extensions = [ContextExtension(page=orders, config=get_config()), mkdocs_specs.makeExtension()]
    with caplog.at_level(logging.WARNING):
        html = markdown.Markdown(extensions=["toc", *extensions]).convert(
            (repo.docs / "specs/orders.md").read_text("utf-8")
        )
    page = parse(html)
    assert [b.text for b in page.find_all(cls="spec-badge--review-due")] == ["Review due"]
    (history,) = page.find_all(cls="spec-history")
    assert [li.text for li in history.find_all("li")][-1] == (
        "2020-01-10 Ada Lovelace: Specs for orders, payments and parcels"
    )
    assert page.children[-1] is history  # at the end, and in no heading's id
    ids = [node.attrs["id"] for node in page.iter() if node.tag in ("h1", "h2", "h3")]
    assert ids[:2] == ["specification-orders", "overview"], ids
    assert not [i for i in ids if "history" in i or "lovelace" in i], ids
    logged = [record.getMessage() for record in caplog.records]
    assert any("specs/parcels.md" in line and "[stale-date]" in line for line in logged), logged


def test_zensical_outside_a_repository_says_so_once(tmp_path, caplog) -> None:
    from zensical.config import parse_config
    from zensical.markdown.render import render

    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "S"\n[project.markdown_extensions.mkdocs_specs]\n', "utf-8"
    )
    (tmp_path / "docs" / "specs").mkdir(parents=True)
    for name in ("orders", "parcels"):
        (tmp_path / "docs" / "specs" / f"{name}.md").write_text(filled_spec(name.title()))
    parse_config(str(tmp_path / "zensical.toml"))
    with caplog.at_level(logging.INFO):
        for name in ("orders", "parcels"):
            render(filled_spec(name.title()), f"specs/{name}.md", f"specs/{name}/")
    assert [r.getMessage() for r in caplog.records if "Git" in r.getMessage()] == [
        "mkdocs_specs: Git rules skipped (review-overdue, stale-date): not in a git work tree"
    ]
