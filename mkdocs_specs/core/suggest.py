""" "Did you mean": the known names close to a misspelt one."""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Iterable, Sequence

from .names import NOT_WORD

# A piece shared by more names than this says little about closeness, and following it for
# every misspelt name would compare each with most of a large site's names.
_COMMON = 500
_CANDIDATES = 20  # the names sharing most pieces with a misspelt one, that difflib then ranks


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """The known word closest to a misspelt one, for a message: else all the known words.
    One that holds every part of it comes first (`disable-line`: `disable-next-line`)."""
    parts = _parts(word)
    holding = [name for name in known if parts <= _parts(name)]
    close = difflib.get_close_matches(word, holding or list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"


def _parts(name: str) -> set[str]:
    return set(NOT_WORD.split(name.casefold())) - {""}


def _pieces(folded: str) -> set[str]:
    padded = f" {folded} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


class NearNames:
    """Names close to a given one as ``difflib.get_close_matches`` judges them, compared
    only with the few names that share most three-letter pieces with it, and each given
    name worked out once."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = {name.casefold(): name for name in names}
        self._holders: dict[str, list[str]] = {}
        for folded in self._names:
            for piece in _pieces(folded):
                self._holders.setdefault(piece, []).append(folded)
        self._found: dict[str, list[str]] = {}

    def __call__(self, name: str) -> list[str]:
        folded = name.casefold()
        found = self._found.get(folded)
        if found is None:
            found = self._found[folded] = self._close(folded)
        return found

    def _close(self, folded: str) -> list[str]:
        shared: Counter[str] = Counter()
        for piece in _pieces(folded):
            holders = self._holders.get(piece, ())
            if len(holders) <= _COMMON:
                shared.update(holders)
        # Ties broken by name: the same sources give the same hint.
        candidates = heapq.nsmallest(_CANDIDATES, shared, key=lambda n: (-shared[n], n))
        matches = difflib.get_close_matches(folded, sorted(candidates), n=3, cutoff=0.6)
        return [self._names[match] for match in matches]
