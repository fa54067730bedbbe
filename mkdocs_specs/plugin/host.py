"""What the plugin learns from a Markdown host that runs no MkDocs plugins (Zensical).

The one place that touches Zensical's internals: its rendering context (the page being
converted) and its loaded configuration. Where they are missing, the extension falls back to
what it can see for itself: a site of ``docs/`` in the working folder, with the defaults,
and the page told from its source (see ``standalone``). ``tests/test_zensical.py`` fails
loudly when Zensical changes what is used here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown


@dataclass(frozen=True)
class HostPage:
    path: str  # docs-relative source path, `/`-separated
    url: str  # site-relative URL


@dataclass(frozen=True)
class HostSite:
    root: Path  # the folder of the configuration file
    docs_dir: Path
    use_directory_urls: bool = True
    markdown_extensions: list[Any] = field(default_factory=list)
    mdx_configs: dict[str, Any] = field(default_factory=dict)
    # What the host re-renders every page for when it changes (its `watch:`); None where it
    # re-renders them all anyway.
    watch: tuple[Path, ...] | None = None
    # MkDocs' patterns of docs left out (Zensical keeps them, as text)
    exclude_docs: str | None = None
    draft_docs: str | None = None

    def watches(self, path: Path) -> bool:
        return self.watch is None or any(path.is_relative_to(w) for w in self.watch)


def page_of(md: Markdown) -> HostPage | None:
    """The page Zensical is converting with ``md``, from its rendering context."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    context = ContextPreprocessor.from_markdown(md)
    if context is None:
        return None
    return HostPage(str(context.page.path).replace("\\", "/"), str(context.page.url))


def site() -> HostSite | None:
    """The site Zensical has loaded, or None outside Zensical."""
    try:
        from zensical.config import get_config
    except ImportError:
        return None
    config = get_config()
    if not isinstance(config, dict) or "root_dir" not in config:
        return None
    root = Path(config["root_dir"]).resolve()
    return HostSite(
        root,
        root / config.get("docs_dir", "docs"),
        bool(config.get("use_directory_urls", True)),
        list(config.get("markdown_extensions", [])),
        dict(config.get("mdx_configs", {})),
        tuple((root / watched).resolve() for watched in config.get("watch", [])),
        config.get("exclude_docs"),
        config.get("draft_docs"),
    )


def site_here() -> HostSite:
    """The fallback: ``docs/`` in the working folder, with the defaults."""
    root = Path.cwd().resolve()
    return HostSite(root, root / "docs")
