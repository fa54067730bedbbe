"""Links that open a spec in the author's editor at a problem's line (only under serve)."""

from __future__ import annotations

import string
from pathlib import Path
from urllib.parse import quote

from ..core.diagnostics import Diagnostic

ENV = "MKDOCS_SPECS_EDITOR"
FIELDS = ("path", "line", "column")
# {path} is the absolute path as a URL path: `/home/me/x.md`, or `/C:/x.md` on Windows.
EDITORS = {
    "vscode": "vscode://file{path}:{line}:{column}",
    "vscodium": "vscodium://file{path}:{line}:{column}",
    "idea": "idea://open?file={path}&line={line}&column={column}",
    "sublime": "subl://open?url=file://{path}&line={line}&column={column}",
}


def editor_pattern(value: str) -> str:
    """The URL pattern an ``editor`` setting names; ``ValueError`` with the reason if none."""
    text = value.strip()
    if text in EDITORS:
        return EDITORS[text]
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"Expected an editor or a URL pattern, got {value!r}: {exc}") from exc
    unknown = names - set(FIELDS)
    if "path" not in names or unknown:
        raise ValueError(
            f"Expected one of {', '.join(EDITORS)}, or a URL pattern with {{path}} (and "
            f"optionally {{line}} and {{column}}), got {value!r}"
        )
    return text


def edit_url(pattern: str, file: str, diagnostic: Diagnostic) -> str:
    """The URL that opens ``file`` (an absolute path) at the problem's line and column."""
    path = Path(file).resolve().as_posix()
    path = path if path.startswith("/") else "/" + path  # a drive: `/C:/…`, as in file URLs
    return pattern.format(
        path=quote(path, safe="/:"), line=diagnostic.line, column=diagnostic.column
    )
