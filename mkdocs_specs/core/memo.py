"""Bounded caches of pure functions over the text of docs, which a build can empty at once.

Docs written from one template repeat its headings, keys and labels: each is worked out once
per process. Once a build has read and converted every page, what the caches hold is of no
more use, and the build needs the most memory after that point (the theme renders every page
and the search plugin writes its index): ``forget`` empties them all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []  # functools' cache wrappers, each with `cache_clear`


def memoized(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, one of the caches ``forget`` empties."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _CACHES.append(cached)
        return cast("F", cached)

    return decorate


def forget() -> None:
    """Empty every cache made by ``memoized``."""
    for cached in _CACHES:
        cached.cache_clear()
