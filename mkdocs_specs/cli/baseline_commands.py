"""``check``'s baseline options: the baseline in use, writing today's, pruning what is gone.

Errors are ``SettingsError`` or ``BaselineError``, one line each, for a usage error: a file
that is not a baseline is never written over.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..core.baseline import DEFAULT_NAME, Baseline, read_baseline
from ..core.check import Report
from ..core.diagnostics import plural
from .settings import Settings, SettingsError, shown_path


def default_path(settings: Settings) -> Path:
    """The plugin's ``baseline:``, else the default name beside mkdocs.yml."""
    return settings.baseline or (settings.config_dir or Path.cwd()) / DEFAULT_NAME


def baseline_in_use(settings: Settings, given: str | None) -> Baseline | None:
    """``--baseline FILE`` (which must exist), else the plugin's ``baseline:`` if any."""
    if given is not None:
        found = read_baseline(Path(given))
        if found is None:
            raise SettingsError(f"baseline not found: {given}")
        return found
    if settings.baseline is None:
        return None
    found = read_baseline(settings.baseline)
    if found is None:
        where = shown_path(settings.baseline)
        click.echo(f"Warning: baseline {where} not found: nothing is baselined", err=True)
    return found


def write_baseline(report: Report, settings: Settings, target: str) -> None:
    """Record the report's problems (less the suppressed) as the baseline at ``target``, and
    keep the entries it had of the rules that did not run: they are not known to be gone."""
    path = Path(target) if target else default_path(settings)
    # Raises for a file there that is not a baseline.
    kept = (read_baseline(path) or Baseline()).of_rules(report.skipped)
    baseline = Baseline.of(report.fingerprints()) + kept
    try:
        path.write_text(baseline.dumps(), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise SettingsError(f"cannot write {shown_path(path)}: {exc.strerror or exc}") from exc
    written = f"Wrote {plural(len(baseline) - len(kept), 'problem')} to {shown_path(path)}"
    click.echo(f"{written}{_kept(kept)}.", err=True)
    if settings.baseline is None or settings.baseline.resolve() != path.resolve():
        click.echo(_how_to_use(path, settings), err=True)


def _how_to_use(path: Path, settings: Settings) -> str:
    """What makes a baseline written elsewhere than the plugin's ``baseline:`` count: until
    then, check and build fail on its problems as before."""
    base = (settings.config_dir or Path.cwd()).resolve()
    option = Path(os.path.relpath(path.resolve(), base)).as_posix()
    setting = settings.option_line.format(key="baseline", value=option)
    return (
        f"To baseline them in check and build, add {setting} "
        f"(or give check --baseline {shown_path(path)})."
    )


def _kept(kept: Baseline) -> str:
    """What is said of the entries kept for the rules that did not run, if any."""
    if not kept:
        return ""
    codes = ", ".join(sorted({entry.code for entry in kept.entries}))
    entries = plural(len(kept), "entry", "entries")
    return f", and kept {entries} of rules that did not run ({codes})"


def prune_baseline(report: Report, settings: Settings, given: str | None, write: bool) -> bool:
    """List the entries that no longer occur, and with ``write`` remove them from the file.

    Whether entries are left to remove (a problem, so that CI can keep the baseline tight).
    """
    path = Path(given) if given else default_path(settings)
    baseline = read_baseline(path)
    if baseline is None:
        raise SettingsError(f"baseline not found: {shown_path(path)}")
    stale = baseline.stale(report.fingerprints(), report.skipped)
    if kept := baseline.of_rules(report.skipped):
        click.echo(f"Info: {_kept(kept).removeprefix(', and ')}.", err=True)
    for entry, times in sorted(stale.items()):
        repeated = f" ({times} times)" if times > 1 else ""
        click.echo(f"{entry.path}: [{entry.code}] {entry.message}{repeated}")
    where, count = shown_path(path), sum(stale.values())
    gone = plural(count, "entry", "entries")
    if not stale:
        click.echo(f"Every entry of {where} still occurs.", err=True)
        return False
    if not write:
        verb = "occurs" if count == 1 else "occur"
        click.echo(f"{gone} of {where} no longer {verb}; --write removes them.", err=True)
        return True
    try:
        path.write_text(baseline.without(stale).dumps(), encoding="utf-8", newline="\n")
    except OSError as exc:
        raise SettingsError(f"cannot write {where}: {exc.strerror or exc}") from exc
    click.echo(f"Removed {gone} from {where}.", err=True)
    return False
