"""The problem box at the top of a spec page, and the site's problems page (under serve).

Each problem links to the nearest heading at or above its line (the page's own anchors,
worked out by the caller) and, when the caller says how, to the file in an editor.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.diagnostics import Diagnostic, count, plural
from .jinja import render

BOX_TEMPLATE = "diagnostics.html"
PAGE_TEMPLATE = "problems.html"
BOX_ID = "spec-problems"  # the box's id: where the problems page links to
MARKER = "<!-- specs:problems -->"  # where the problems page's list goes, once Markdown has run
PAGE = f"# Problems\n\n{MARKER}\n"  # the generated problems page, as Markdown

Anchors = Sequence[tuple[int, str]]  # (line, heading id) of a page's headings, in order
EditUrl = Callable[[Diagnostic], str]


@dataclass(frozen=True)
class Problem:
    diagnostic: Diagnostic
    jump: str | None  # the nearest heading's id at or above the line; None when none is
    edit: str | None  # the editor's URL for the line; None unless serving with `editor:`


def problems(
    diagnostics: Sequence[Diagnostic], anchors: Anchors, edit: EditUrl | None = None
) -> list[Problem]:
    lines = [line for line, _ in anchors]
    found = []
    for diagnostic in diagnostics:
        # The last heading that starts at or before the problem's line: the one it is under.
        at = bisect.bisect_right(lines, diagnostic.line) - 1
        jump = anchors[at][1] if at >= 0 else None
        found.append(Problem(diagnostic, jump, edit(diagnostic) if edit else None))
    return found


def title(diagnostics: Sequence[Diagnostic]) -> str:
    """ "2 errors and 1 warning": errors and warnings counted apart."""
    errors, warnings = count(diagnostics)
    parts = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return " and ".join(parts)


def render_box(
    diagnostics: Sequence[Diagnostic],
    anchors: Anchors,
    edit: EditUrl | None,
    templates_dir: str | None,
    noun: str,
) -> str:
    errors, warnings = count(diagnostics)
    return render(
        BOX_TEMPLATE,
        templates_dir,
        id=BOX_ID,
        kind="failure" if errors else "warning",
        title=title(diagnostics),
        noun=noun,
        errors=errors,
        warnings=warnings,
        problems=problems(diagnostics, anchors, edit),
    )


@dataclass(frozen=True)
class DocProblems:
    title: str
    path: str  # docs-relative, as the terminal names it
    href: str  # the document's page, relative to the problems page
    problems: list[Problem]
    errors: int
    warnings: int


def render_page(
    docs: Sequence[DocProblems], summary: str, noun: str, templates_dir: str | None = None
) -> str:
    """The problems page's list: every document with problems, each with a link to its box;
    ``summary`` is the site's problems in one line, ``noun`` what it calls its docs."""
    return render(PAGE_TEMPLATE, templates_dir, docs=docs, summary=summary, noun=noun, box=BOX_ID)
