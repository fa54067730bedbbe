"""An override of a bundled template that fails is a build error of one line, not a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from mkdocs.exceptions import PluginError

from ..render.jinja import OverrideError
from .config import PLUGIN_NAME

P = ParamSpec("P")
R = TypeVar("R")


def override_error(problems: str) -> PluginError:
    """MkDocs' error for overrides in ``templates_dir`` that fail: it prints the one line."""
    return PluginError(f"Plugin '{PLUGIN_NAME}' option 'templates_dir': {problems}")


def one_line(render: Callable[P, R]) -> Callable[P, R]:
    """``render`` (a hook or a Markdown processor that renders templates), its overrides'
    failures told as ``override_error``."""

    @functools.wraps(render)
    def rendering(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return render(*args, **kwargs)
        except OverrideError as error:
            raise override_error(str(error)) from None

    return rendering
