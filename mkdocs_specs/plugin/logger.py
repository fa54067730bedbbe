"""The one logger of the plugin and of the extension under Zensical: MkDocs' logger for
plugins, which prefixes each message with ``mkdocs_specs:``."""

from __future__ import annotations

import logging

from mkdocs.plugins import get_plugin_logger

from ..core.diagnostics import Diagnostic
from .config import EXTENSION_NAME

log = get_plugin_logger(EXTENSION_NAME)


def level_of(diagnostic: Diagnostic) -> int:
    """The log level a problem is told at: its severity."""
    return logging.ERROR if diagnostic.is_error else logging.WARNING


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """A problem in the log as one line, at its severity."""
    log.log(level_of(diagnostic), "%s", diagnostic.format())


class BuildNotices:
    """The plugin's notices of a build: a missing folder or baseline, git rules skipped, a
    page without its marker. Under serve, a rebuild tells only those the build before it
    did not: an unchanged site's rebuild says one line, not the same notices every time."""

    def __init__(self) -> None:
        self._told: set[str] = set()
        self._telling: set[str] = set()
        self._serving = False

    def next_build(self, serving: bool) -> None:
        self._told, self._telling, self._serving = self._telling, set(), serving

    def info(self, message: str, *args: object) -> None:
        self._tell(logging.INFO, message, args)

    def warning(self, message: str, *args: object) -> None:
        self._tell(logging.WARNING, message, args)

    def _tell(self, level: int, message: str, args: tuple[object, ...]) -> None:
        line = message % args
        self._telling.add(line)
        if not (self._serving and line in self._told):
            log.log(level, message, *args)
