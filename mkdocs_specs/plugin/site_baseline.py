"""A site's baseline (the ``baseline:`` option), as the plugin and the extension apply it."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..core.baseline import read_baseline
from ..core.check import Report


class Notices(Protocol):
    def info(self, message: str, /, *args: object) -> None: ...
    def warning(self, message: str, /, *args: object) -> None: ...


def baselined(report: Report, path: str | None, log: Notices) -> Report:
    """The report with the baseline's problems marked; raises ``BaselineError`` when the
    file is no baseline. A file that does not exist yet baselines nothing."""
    if path is None:
        return report
    baseline = read_baseline(Path(path))
    if baseline is None:
        log.warning("Baseline %s not found: nothing is baselined", path)
        return report
    report = report.with_baseline(baseline)
    if known := sum(1 for d in report.diagnostics if d.baselined):
        log.info("%d baselined (%s)", known, path)
    return report
