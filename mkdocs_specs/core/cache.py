"""Results worked out from one file's content, kept for as long as the content is the same.

Under ``mkdocs serve`` the plugin lives across rebuilds; with this cache a rebuild after an
edit reads again only the specs whose text changed. Entries are keyed by path and checked
against a key of their inputs (a digest of the text and whatever else they depend on), and a
pass over the current files drops the entries of files that are gone, so the cache never
holds more than one entry per file of the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class CacheStats:
    computed: int = 0  # entries worked out afresh (a file new, changed, or its inputs changed)
    reused: int = 0  # entries taken as they were


def digest(text: str | None) -> bytes:
    """A short fingerprint of a file's text (None for an unreadable file)."""
    if text is None:
        return b""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ContentCache(Generic[T]):
    def __init__(self) -> None:
        self._entries: dict[str, tuple[Hashable, T]] = {}
        self.stats = CacheStats()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, path: str, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``path`` computed from inputs ``key``, worked out only if they changed."""
        entry = self._entries.get(path)
        if entry is not None and entry[0] == key:
            self.stats.reused += 1
            return entry[1]
        value = compute()
        self._entries[path] = (key, value)
        self.stats.computed += 1
        return value

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget every file not in ``paths`` (deleted or renamed since)."""
        current = set(paths)
        for path in [path for path in self._entries if path not in current]:
            del self._entries[path]
