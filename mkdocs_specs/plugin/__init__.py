"""The MkDocs (and ProperDocs) adapter: the plugin, its options, and the Markdown extension
with its treeprocessors."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # The entry point names `mkdocs_specs.plugin:SpecsPlugin`; loaded only then, so that the
    # command line can read the plugin's options without loading MkDocs' plugin machinery,
    # Jinja and Python-Markdown.
    if name == "SpecsPlugin":
        from .plugin import SpecsPlugin

        return SpecsPlugin
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
