"""How ``mkdocs-specs check`` prints diagnostics: text, JSON, GitHub annotations or SARIF."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from ..core.diagnostics import Diagnostic
from .checkout_paths import from_checkout
from .sarif import sarif_log

# Text and annotations are for people: they show what counts. JSON and SARIF are for tools:
# they carry every problem, flagged `suppressed` or `baselined`.


def text(diagnostics: Sequence[Diagnostic]) -> str:
    """One ``path:line:col: severity [code] message (hint: ...)`` line per active problem."""
    return "\n".join(diagnostic.format() for diagnostic in diagnostics if diagnostic.active)


def json_list(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([diagnostic.to_dict() for diagnostic in diagnostics], indent=2)


def github(diagnostics: Sequence[Diagnostic], root: Path | None = None) -> str:
    """GitHub Actions workflow commands, which show as annotations on the changed lines.
    GitHub names files from the checkout: paths under ``root`` (its root; else the working
    folder) are relative to it."""
    base = (root or Path.cwd()).resolve()
    return "\n".join(annotation(d, base) for d in diagnostics if d.active)


def annotation(diagnostic: Diagnostic, root: Path) -> str:
    path = from_checkout(diagnostic.path, root) or diagnostic.path.replace("\\", "/")
    properties = {
        "file": path,
        "line": str(diagnostic.line),
        "col": str(diagnostic.column),
        "title": f"[{diagnostic.code}]",
    }
    listed = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{diagnostic.severity.value} {listed}::{_escape_data(diagnostic.explained)}"


# The escapes of GitHub's own toolkit (@actions/core): data, then property values.
def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def sarif(
    diagnostics: Sequence[Diagnostic], baseline: bool = False, root: Path | None = None
) -> str:
    """With ``baseline`` (one was used), SARIF tells new results from baselined ones; paths
    are relative to ``root``, the checkout's."""
    return json.dumps(sarif_log(diagnostics, baseline, root), indent=2, ensure_ascii=False)


_RENDERERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": text,
    "json": json_list,
}
FORMATS = (*_RENDERERS, "github", "sarif")


def render(
    diagnostics: Sequence[Diagnostic],
    output_format: str,
    baseline: bool = False,
    root: Callable[[], Path] | None = None,
) -> str:
    """The diagnostics in one of ``FORMATS``; empty text when there is nothing to say.
    ``root()`` is the checkout's folder, which annotations and SARIF name files from, looked
    for only for them."""
    if output_format == "sarif":
        return sarif(diagnostics, baseline, root() if root else None)
    if output_format == "github":
        return github(diagnostics, root() if root else None)
    return _RENDERERS[output_format](diagnostics)
