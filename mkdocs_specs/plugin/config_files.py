"""The configuration files of a site, looked for as its host looks for them."""

from __future__ import annotations

from pathlib import Path

MKDOCS_CONFIGS = ("mkdocs.yml", "mkdocs.yaml")  # in MkDocs' order
PROPERDOCS_CONFIGS = ("properdocs.yml", "properdocs.yaml")  # ProperDocs' own names
ZENSICAL_CONFIG = "zensical.toml"


def mkdocs_config(folder: Path) -> Path | None:
    """The folder's ``mkdocs.yml``, else its ``mkdocs.yaml``, as MkDocs finds its own."""
    return next((folder / name for name in MKDOCS_CONFIGS if (folder / name).is_file()), None)
