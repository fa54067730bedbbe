"""The one logger of the plugin and of the extension under Zensical: MkDocs' logger for
plugins, which prefixes each message with ``mkdocs_specs:``."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from ..core.diagnostics import Diagnostic
from .config import EXTENSION_NAME

log = get_plugin_logger(EXTENSION_NAME)


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """A problem in the log as one line, at its severity."""
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
