"""``mkdocs.yml`` as ``mkdocs-specs check`` and the extension under Zensical read it: what
decides which specs a build checks, and the plugin's options. The docs a site renders are
MkDocs' own walk and exclusions, whichever host's file names them (``site_pages``).

The options are MkDocs' own, read with MkDocs' YAML loader (``!ENV``, ``INHERIT``,
``!relative``) and validated by MkDocs' config classes. The theme, the other plugins and the
code of the Markdown extensions are not loaded, though: neither renders with them, and a
build reports any problem there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files
from mkdocs.utils import reduce_list
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from .config import PLUGIN_NAME, SpecsConfig, load_options


class SpecsEntry(base.BaseConfigOption[SpecsConfig | None]):
    """``plugins``, down to this plugin's options, validated as MkDocs' ``Plugins`` does.

    None when the plugin is not listed, or listed with ``enabled: false``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.default = []
        self.config_file_path: str | None = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self.config_file_path = config.config_file_path

    def run_validation(self, value: object) -> SpecsConfig | None:
        if value is None:  # `plugins:` left empty: MkDocs' default, `search` alone
            return None
        if not isinstance(value, list | tuple | dict):
            raise base.ValidationError("Invalid Plugins configuration. Expected a list or dict.")
        # Read as MkDocs reads the list or mapping; "/specs" skips a theme's plugin so named.
        entries = value.items() if isinstance(value, dict) else map(_plugin_entry, value)
        found = [cfg for name, cfg in entries if str(name).lstrip("/") == PLUGIN_NAME]
        if not found:
            return None
        options = found[0] or {}  # `- specs`, or `- specs:` with nothing under it
        if not isinstance(options, dict):
            raise base.ValidationError(f"Invalid config options for the '{PLUGIN_NAME}' plugin.")
        enabled = options.pop("enabled", True)  # MkDocs' switch, as the plugin has none
        if not isinstance(enabled, bool):
            raise base.ValidationError(
                f"Plugin '{PLUGIN_NAME}' option 'enabled': "
                f"Expected boolean but received: {type(enabled)}"
            )
        if not enabled:
            return None
        config, errors, warnings = load_options(options, self.config_file_path)
        self.warnings.extend(f"Plugin '{PLUGIN_NAME}' option '{k}': {w}" for k, w in warnings)
        if errors:
            raise base.ValidationError(
                "\n".join(f"Plugin '{PLUGIN_NAME}' option '{k}': {e}" for k, e in errors)
            )
        return config


class ExtensionNames(c.MarkdownExtensions):
    """``markdown_extensions`` read as MkDocs does, without importing each extension."""

    def run_validation(self, value: object) -> list[str]:
        self.configdata = {}
        if isinstance(value, dict):
            entries = list(value.items())
        elif isinstance(value, list | tuple):
            entries = [_entry(item, "Invalid Markdown Extensions configuration") for item in value]
        else:
            raise base.ValidationError("Invalid Markdown Extensions configuration")
        for name, options in entries:
            self.validate_ext_cfg(name, options)
        return reduce_list(self.builtins + [name for name, _ in entries])


def _entry(item: object, invalid: str) -> tuple[object, object]:
    """``name`` or ``{name: options}``, an item of the ``plugins`` or ``markdown_extensions``
    list; ``invalid`` says what MkDocs says of anything else."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    raise base.ValidationError(invalid)


def _plugin_entry(item: object) -> tuple[object, object]:
    return _entry(item, "Invalid Plugins configuration")


class DocsConfig(base.Config):
    """MkDocs' options that decide which files of ``docs_dir`` are pages, as any host's
    configuration gives them (Zensical keeps MkDocs' names and patterns)."""

    exclude_docs = MkDocsConfig.exclude_docs
    draft_docs = MkDocsConfig.draft_docs
    not_in_nav = MkDocsConfig.not_in_nav
    # Checked as the host checks them: Zensical accepts folders MkDocs would refuse.
    docs_dir = c.Dir(default="docs", exists=True)
    site_dir = c.Type(str, default="site")
    use_directory_urls = MkDocsConfig.use_directory_urls


class _DocsToWrite(DocsConfig):
    """``DocsConfig`` of a site whose docs folder need not exist yet."""

    docs_dir = c.Dir(default="docs", exists=False)


def host_docs(root: Path, values: Mapping[str, Any], docs_required: bool = True) -> DocsConfig:
    """``DocsConfig`` from a host's settings, whose ``docs_dir`` is relative to ``root`` (and
    must exist, with ``docs_required``); raises ``InvalidConfig``."""
    config = DocsConfig() if docs_required else _DocsToWrite()
    given = {key: values[key] for key, _ in config._schema if values.get(key) is not None}
    config.load_dict({**given, "docs_dir": str(root / str(given.get("docs_dir", "docs")))})
    errors, _ = config.validate()
    if errors:
        raise InvalidConfig([f"Config value '{key}': {error}" for key, error in errors])
    return config


def site_pages(config: DocsConfig, serving: bool) -> list[File]:
    """The pages a host renders, found as MkDocs finds them: its walk of ``docs_dir``, less
    ``exclude_docs`` and its defaults (dotfiles, ``/templates/``), and less ``draft_docs``
    but under serve, which shows drafts."""
    # Typed for MkDocs' own config: it reads only the options DocsConfig has.
    files = get_files(cast(MkDocsConfig, config))
    return list(files.documentation_pages(inclusion=rendered(serving)))


def rendered(serving: bool) -> Callable[[InclusionLevel], bool]:
    """Which pages a host renders: drafts too under serve, which shows them."""
    return InclusionLevel.is_in_serve if serving else InclusionLevel.is_included


class SiteConfig(DocsConfig):
    """The options of ``MkDocsConfig`` that ``check`` uses, in MkDocs' order of validation."""

    docs_dir = MkDocsConfig.docs_dir
    site_dir = MkDocsConfig.site_dir
    markdown_extensions = ExtensionNames(
        # Read on the class, MkDocs types an option as a plain BaseConfigOption.
        builtins=cast(c.MarkdownExtensions, MkDocsConfig.markdown_extensions).builtins,
        configkey="mdx_configs",
    )
    mdx_configs = MkDocsConfig.mdx_configs
    plugins = SpecsEntry()

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        # MkDocs' options that check does not read are not unknown: a build validates them.
        mkdocs_options = MkDocsConfig().keys()
        return failed, [
            (key, warning)
            for key, warning in warnings
            if key in self._schema_keys or key not in mkdocs_options
        ]


class _SiteToWrite(SiteConfig):
    """``SiteConfig`` of a site whose docs folder need not exist yet."""

    docs_dir = c.DocsDir(default="docs", exists=False)


class InvalidConfig(Exception):
    """Options of mkdocs.yml that MkDocs would reject, one "Config value ..." message each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def load_site_config(config_file: str, docs_required: bool = True) -> tuple[SiteConfig, list[str]]:
    """``config_file`` read and validated, with MkDocs' warnings about it; without
    ``docs_required``, its docs folder need not exist yet (a site its first doc is written
    for).

    Raises ``ConfigurationError`` when the YAML cannot be read (worded by MkDocs) and
    ``InvalidConfig`` when options are invalid.
    """
    # Absolute, as MkDocs makes it: relative paths in the config are relative to its folder.
    schema = SiteConfig if docs_required else _SiteToWrite
    config = schema(config_file_path=os.path.abspath(config_file))
    with open(config.config_file_path, "rb") as file:
        # Typed for MkDocs' own config: the `!relative` tags keep it, to read its paths.
        loader = get_yaml_loader(config=cast(MkDocsConfig, config))
        config.load_dict(yaml_load(file, loader))
    errors, warnings = config.validate()
    if errors:
        raise InvalidConfig([f"Config value '{key}': {error}" for key, error in errors])
    return config, [f"Config value '{key}': {warning}" for key, warning in warnings]
