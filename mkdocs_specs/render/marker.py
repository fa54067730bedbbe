"""Generated HTML put in place of a marker comment, once Markdown has run."""

from __future__ import annotations

import re


def fill_marker(html: str, marker: str, content: str) -> str:
    """``html`` with ``content`` in place of the first ``marker`` that is a block of its own.

    A marker in a code block or inside a paragraph is shown, not replaced: Python-Markdown
    escapes the first and keeps the second within its ``<p>``, never on a line of its own.
    """
    found = re.search(rf"^{re.escape(marker)}$", html, re.MULTILINE)
    if found is None:
        return html
    return f"{html[: found.start()]}{content}{html[found.end() :]}"
