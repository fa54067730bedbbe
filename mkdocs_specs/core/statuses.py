"""Status categories: what any template's statuses mean, so that badges can be coloured by it.

Templates name their statuses freely (MADR's "proposed", a KEP's "implementable", Swift's
"Implemented (Swift 5.4)", adr-tools' "Superseded by [3. Foo](0003-foo.md)"). Each maps to
one of five categories by the words it is made of: a built-in list of words and phrases, and
the site's own (the ``statuses:`` option), which win over it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .memo import memoized
from .names import NOT_WORD, fold

CATEGORIES = ("draft", "review", "accepted", "done", "inactive")
DRAFT, REVIEW, ACCEPTED, DONE, INACTIVE = CATEGORIES

_BUILT_IN: dict[str, tuple[str, ...]] = {
    DRAFT: (
        "draft", "drafting", "wip", "work in progress", "idea", "sketch", "brainstorm",
        "exploring", "exploration", "prototype", "new", "todo", "to do", "pre review",
    ),
    REVIEW: (
        "review", "in review", "under review", "reviewing", "needs review", "ready for review",
        "awaiting review", "scheduled for review", "active review", "proposed", "proposal",
        "provisional", "discussion", "in discussion", "under discussion", "discussing",
        "pending", "submitted", "candidate", "consideration", "under consideration",
        "request for comments", "rfc", "call for comments", "final comment period", "fcp",
        "last call", "returned for revision", "revision", "previewing", "open",
    ),
    ACCEPTED: (
        "accepted", "approved", "implementable", "agreed", "adopted", "decided", "ratified",
        "endorsed", "signed off", "planned", "scheduled", "active", "in progress",
        "in development", "implementing", "being implemented", "partially implemented",
    ),
    DONE: (
        "implemented", "done", "completed", "complete", "released", "final", "stable",
        "shipped", "delivered", "landed", "merged", "finished", "published", "live",
        "in production", "standard", "proposed standard",
    ),
    INACTIVE: (
        "rejected", "deprecated", "superseded", "withdrawn", "obsolete", "obsoleted",
        "postponed", "abandoned", "declined", "replaced", "retired", "archived", "deferred",
        "dormant", "cancelled", "canceled", "dropped", "inactive", "historic", "historical",
        "on hold", "paused", "expired", "reverted", "removed", "closed", "wont do", "wontfix",
        "not accepted", "not approved", "not planned", "no longer", "april fool",
    ),
}  # fmt: skip

_APOSTROPHES = re.compile(r"['\u2019]")  # "won't" is one word, as "wont"


def words(text: str) -> tuple[str, ...]:
    """``text`` as lowercase words: ``Superseded by [3. Foo](0003-foo.md)`` reads
    ``superseded by 3 foo 0003 foo md``."""
    return tuple(word for word in NOT_WORD.split(_APOSTROPHES.sub("", fold(text))) if word)


def _phrases(table: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    return {found: category for phrase, category in table.items() if (found := words(phrase))}


_BUILT_IN_PHRASES = _phrases(
    {phrase: category for category, phrases in _BUILT_IN.items() for phrase in phrases}
)


def _first(found: tuple[str, ...], phrases: Mapping[tuple[str, ...], str]) -> str | None:
    """The category of the first phrase in ``found``, the longest one where several start at
    the same word: "not accepted" before "accepted", "superseded" before the target named
    after it."""
    longest = max((len(phrase) for phrase in phrases), default=0)
    for start in range(len(found)):
        for length in range(min(longest, len(found) - start), 0, -1):
            category = phrases.get(found[start : start + length])
            if category is not None:
                return category
    return None


@memoized(256)
def _category(status: str, overrides: tuple[tuple[str, str], ...]) -> str | None:
    found = words(status)
    if not found:
        return None
    own = _first(found, _phrases(dict(overrides))) if overrides else None
    return own or _first(found, _BUILT_IN_PHRASES)


def status_category(status: str | None, overrides: Mapping[str, str] | None = None) -> str | None:
    """The category (one of ``CATEGORIES``) of ``status``, from its words, case-insensitively;
    None when no word of it is known.

    ``overrides`` (``{word or phrase: category}``, the ``statuses:`` option) are looked for
    first, anywhere in the status; then the built-in list.
    """
    if not status:
        return None
    # A tuple, so that the few statuses of a site are each worked out once.
    return _category(status, tuple(sorted((overrides or {}).items())))
