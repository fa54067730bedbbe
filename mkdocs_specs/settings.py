"""What the command line needs from a site: the plugin's settings and the specs a build checks.

``mkdocs.yml`` is read by MkDocs itself, so the plugin's options are validated exactly as in a
build, and the spec files are the ones MkDocs would collect (``exclude_docs`` included) and
the plugin would check. Without a ``mkdocs.yml``, the plugin's defaults apply.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import CatalogOptions
from .template import Template, TemplateError, load_template

DEFAULT_CONFIG = "mkdocs.yml"


class SettingsError(ValueError):
    """mkdocs.yml or the template cannot be used: one line, for a usage error."""


@dataclass(frozen=True)
class Settings:
    template: Template
    template_path: str | None  # None: the bundled template
    specs_root: Path | None = None  # docs_dir/specs_dir when a mkdocs.yml is read
    index: Path | None = None  # the generated index page, which is not a spec
    site_specs: tuple[Path, ...] = ()  # every spec a build of the site checks
    catalog_options: CatalogOptions | None = None
    warnings: tuple[str, ...] = field(default=())  # what MkDocs warned about in mkdocs.yml


def load_settings(config_file: str | None, template: str | None) -> Settings:
    """Settings from ``config_file`` (default ``./mkdocs.yml`` if present); ``template`` wins."""
    path = config_file or (DEFAULT_CONFIG if Path(DEFAULT_CONFIG).is_file() else None)
    if path is None:
        return Settings(_template(template), template)
    if not Path(path).is_file():
        raise SettingsError(f"config file not found: {path}")
    return _site_settings(path, template)


def _template(path: str | None) -> Template:
    try:
        return load_template(path)
    except TemplateError as exc:
        raise SettingsError(str(exc)) from exc


def _site_settings(config_file: str, template: str | None) -> Settings:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.structure.files import get_files

    from .links import catalog_options
    from .plugin import SpecsPlugin

    with _mkdocs_messages() as messages:
        try:
            config = load_config(config_file)
        except (ConfigurationError, OSError) as exc:
            raise SettingsError(f"{config_file}: {_one_line(str(exc))}") from exc
        except SystemExit as exc:  # MkDocs' Abort, after logging each invalid option
            errors = [m.getMessage() for m in messages if m.levelno >= logging.ERROR]
            reason = "; ".join(_one_line(e) for e in errors) or str(exc)
            raise SettingsError(f"{config_file}: {reason}") from exc
        plugin = next((p for p in config.plugins.values() if isinstance(p, SpecsPlugin)), None)
        if plugin is None:  # not enabled in this site: the plugin's defaults
            plugin = SpecsPlugin()
            plugin.load_config({}, config_file)
        files = get_files(config)
    options = plugin.config
    docs = Path(config.docs_dir)
    template_path = template or options.template
    return Settings(
        template=_template(template_path),
        template_path=template_path,
        specs_root=docs / options.specs_dir,
        index=docs / options.index if options.index else None,
        site_specs=tuple(
            Path(file.abs_src_path)
            for file in files.documentation_pages()
            if file.abs_src_path and plugin.is_spec(file)
        ),
        catalog_options=catalog_options(config, options.autolink),
        warnings=tuple(_one_line(m.getMessage()) for m in messages if m.levelno == logging.WARNING),
    )


@contextmanager
def _mkdocs_messages() -> Iterator[list[logging.LogRecord]]:
    """Collect what MkDocs logs while reading the config, instead of printing it loose."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shown_path(path: Path) -> str:
    """Paths under the working directory are shown relative to it, as people type them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class SpecFiles:
    """The specs to read (``path -> shown as``) and which of them to report on."""

    read: dict[Path, str]
    reported: frozenset[str]  # shown paths; the others only feed the entity catalogue


def spec_files(paths: tuple[str, ...], settings: Settings) -> SpecFiles:
    """PATHs (files or folders) narrow what is reported; the site's specs are always read,
    so that references to entities defined elsewhere resolve as in a build."""
    if not paths:
        if settings.specs_root is None:
            raise SettingsError("no PATH given and no mkdocs.yml here (use -f or name files)")
        if not settings.specs_root.is_dir():
            raise SettingsError(f"no such file or directory: {shown_path(settings.specs_root)}")
    excluded = settings.index.resolve() if settings.index else None
    named: dict[Path, str] = {}
    for given in paths:
        root = Path(given)
        if root.is_file():
            named.setdefault(root.resolve(), given)
        elif root.is_dir():
            for file in sorted(root.rglob("*.md")):
                if file.is_file():
                    named.setdefault(file.resolve(), os.path.join(given, file.relative_to(root)))
        else:
            raise SettingsError(f"no such file or directory: {given}")
    named = {path: shown for path, shown in named.items() if path != excluded}
    site = {path.resolve(): shown_path(path) for path in settings.site_specs}
    reported = named.values() if paths else site.values()
    return SpecFiles({**site, **named}, frozenset(reported))
