"""What the command line needs from a site: the plugin's settings and the specs a build checks.

``mkdocs.yml`` is read with MkDocs' own loader and config classes (``plugin.site_config``), so
the plugin's options are validated exactly as in a build, and the spec files are the ones MkDocs
would collect (``exclude_docs`` included) and the plugin would check. ``zensical.toml`` is
read for its docs folder and the options of its ``mkdocs_specs`` Markdown extension. Without
either, the plugin's defaults apply.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.document import MARKDOWN_SUFFIXES
from ..core.entities import CatalogOptions
from ..core.rule_levels import RuleLevels
from ..core.template import Template, TemplateError, bundled_names, load_template
from ..plugin.config_files import MKDOCS_CONFIGS, PROPERDOCS_CONFIGS, ZENSICAL_CONFIG

if TYPE_CHECKING:
    from ..plugin.config import DocType, MarkdownSettings, SpecsConfig
    from ..plugin.site_config import InvalidConfig

# Looked for in the working folder, in this order: MkDocs', ProperDocs' (the plugin's
# hosts), then Zensical's.
DEFAULT_CONFIGS = (*MKDOCS_CONFIGS, *PROPERDOCS_CONFIGS, ZENSICAL_CONFIG)


# Where a site keeps the options, for what to add to them: the plugin's, else the extension's.
PLUGIN_OPTION = '"{key}: {value}" to the specs plugin\'s options'
EXTENSION_OPTION = '"{key}: {value}" to the mkdocs_specs extension\'s options'
TOML_OPTION = "'{key} = \"{value}\"' to [project.markdown_extensions.mkdocs_specs] in zensical.toml"


class SettingsError(ValueError):
    """mkdocs.yml or the template cannot be used: one line, for a usage error."""


@dataclass(frozen=True)
class Settings:
    template: Template
    template_path: str | None  # None: the bundled template
    specs_root: Path | None = None  # docs_dir/specs_dir when a mkdocs.yml is read
    docs_dir: Path | None = None  # absolute, as MkDocs makes it
    # every doc a build of the site checks (docs-relative) -> the folder of its type
    site_specs: dict[str, str] = field(default_factory=dict)
    catalog_options: CatalogOptions | None = None
    warnings: tuple[str, ...] = field(default=())  # what MkDocs warned about in mkdocs.yml
    statuses: dict[str, str] = field(default_factory=dict)  # the `statuses:` option
    templates: dict[str, Template] = field(default_factory=dict)  # by type, where several
    types: tuple[DocType, ...] = ()  # the site's types of docs
    rules: RuleLevels = field(default_factory=RuleLevels)  # the `rules:` option
    baseline: Path | None = None  # the `baseline:` option, absolute
    config_dir: Path | None = None  # the folder of mkdocs.yml, when one is read
    git: bool = True  # the `git:` option: read history for the lifecycle rules
    review_every: str | None = None  # the `review_every:` option
    # How one of the options is set where the site keeps them: `{key}` and `{value}` filled.
    option_line: str = PLUGIN_OPTION
    # The team's templates (the site's, and one given with -t), resolved: named, no spec.
    template_files: frozenset[Path] = frozenset()

    def missing_folders(self) -> list[Path]:
        from ..plugin.config import missing_folders

        return missing_folders(self.types, self.docs_dir) if self.docs_dir else []

    def of_type(self, name: str) -> DocType:
        """The type whose folder is ``name``, else the one so named (in any case). Names may
        repeat (two bundled ADR templates both call their docs Decisions); folders never do."""
        wanted = name.casefold().strip("/")
        found = [kind for kind in self.types if kind.dir.casefold() == wanted] or [
            kind for kind in self.types if (kind.name or "").casefold() == wanted
        ]
        if len(found) == 1:
            return found[0]
        if found:
            folders = ", ".join(kind.dir for kind in found)
            raise SettingsError(
                f"{len(found)} types of docs are named {name!r} (folders {folders}): "
                "give its folder"
            )
        known = ", ".join(kind.name or kind.dir for kind in self.types) or "none"
        raise SettingsError(f"no type of docs named {name!r} (the site's: {known})")


def load_settings(
    config_file: str | None, template: str | None, docs_required: bool = True
) -> Settings:
    """Settings from ``config_file`` (default: the first of ``DEFAULT_CONFIGS`` present);
    ``template`` wins. Without ``docs_required``, the docs folder need not exist yet."""
    path = config_file or next((name for name in DEFAULT_CONFIGS if Path(name).is_file()), None)
    if path is None:
        return Settings(_template(template), template, template_files=_files(template))
    if not Path(path).is_file():
        raise SettingsError(f"config file not found: {path}")
    if path.endswith(".toml"):
        return _zensical_settings(path, template, docs_required)
    return _site_settings(path, template, docs_required)


def _files(*templates: str | None) -> frozenset[Path]:
    """The templates that are files (not bundled ones, by name), resolved."""
    names = bundled_names()
    return frozenset(Path(t).resolve() for t in templates if t and t not in names)


def _template(path: str | None) -> Template:
    try:
        return load_template(path)
    except TemplateError as exc:
        raise SettingsError(str(exc)) from exc


def _site_settings(config_file: str, template: str | None, docs_required: bool) -> Settings:
    # Imported here: checking named files without a mkdocs.yml needs none of MkDocs.
    from mkdocs.exceptions import ConfigurationError

    from ..plugin.config import EXTENSION_NAME
    from ..plugin.site_config import InvalidConfig, load_site_config, site_pages

    with _mkdocs_messages() as messages:
        try:
            config, warnings = load_site_config(config_file, docs_required)
        except InvalidConfig as exc:
            raise _invalid(config_file, exc) from exc
        except (ConfigurationError, OSError) as exc:
            raise SettingsError(f"{config_file}: {_one_line(str(exc))}") from exc
        except RecursionError as exc:  # MkDocs follows INHERIT without looking for loops
            raise SettingsError(
                f"{config_file}: INHERIT leads back to a file it came from"
            ) from exc
        options, option_line = config.plugins, PLUGIN_OPTION
        if options is None:  # no plugin: the extension's options (a site for Zensical)
            option_line = EXTENSION_OPTION
            listed = EXTENSION_NAME in config.markdown_extensions
            given = config.mdx_configs.get(EXTENSION_NAME) if listed else None
            options, said = _extension_options(config.config_file_path, given or {})
            warnings += said
        pages = [file.src_uri for file in site_pages(config, serving=False)]
    warnings += [m.getMessage() for m in messages if m.levelno == logging.WARNING]
    docs = Path(config.docs_dir)
    return _settings(options, docs, pages, config, template, warnings, option_line)


def _zensical_settings(config_file: str, template: str | None, docs_required: bool) -> Settings:
    """``zensical.toml``: its docs folder, and the options of ``mkdocs_specs`` among its
    Markdown extensions (Zensical runs no MkDocs plugins)."""
    from ..plugin.config import EXTENSION_NAME
    from ..plugin.site_config import InvalidConfig, host_docs, site_pages

    # Here, not at the top: most sites have a mkdocs.yml, and `check` starts often.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the same library, before it joined the standard library
        import tomli as tomllib

    try:
        with open(config_file, "rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{config_file}: {_one_line(str(exc))}") from exc
    project = data.get("project", data)
    extensions = project.get("markdown_extensions", {})
    if isinstance(extensions, list):  # a list of names, or of {name: options}
        extensions = {k: v for item in extensions for k, v in _named(item).items()}
    root = Path(config_file).resolve().parent
    given = extensions.get(EXTENSION_NAME) or {}
    options, warnings = _extension_options(str(root / Path(config_file).name), given)
    # The pages Zensical builds: MkDocs' walk and exclusions, which Zensical keeps.
    with _mkdocs_messages() as messages:
        try:
            docs_config = host_docs(root, project, docs_required)
        except InvalidConfig as exc:
            raise _invalid(config_file, exc) from exc
        pages = [file.src_uri for file in site_pages(docs_config, serving=False)]
    warnings += [m.getMessage() for m in messages if m.levelno == logging.WARNING]
    markdown = _Markdown(list(extensions), {k: v or {} for k, v in extensions.items()})
    docs = Path(docs_config.docs_dir)
    return _settings(options, docs, pages, markdown, template, warnings, TOML_OPTION)


def _extension_options(config_file: str, given: dict[str, Any]) -> tuple[SpecsConfig, list[str]]:
    """The ``mkdocs_specs`` extension's options (the plugin's defaults for none), validated,
    and what is to be said of them."""
    from ..plugin.config import EXTENSION_NAME, load_options

    options, errors, warnings = load_options(dict(given), config_file)
    if errors:
        reason = "; ".join(f"option '{key}': {_one_line(str(e))}" for key, e in errors)
        raise SettingsError(f"{config_file}: {EXTENSION_NAME} {reason}")
    return options, [f"{EXTENSION_NAME} option '{key}': {text}" for key, text in warnings]


@dataclass(frozen=True)
class _Markdown:
    """How a Zensical site reads Markdown, as ``catalog_options`` asks."""

    markdown_extensions: list[Any]
    mdx_configs: dict[str, Any]


def _named(item: object) -> dict[str, Any]:
    if isinstance(item, str):
        return {item: {}}
    return dict(item) if isinstance(item, dict) else {}


def _settings(
    options: SpecsConfig,
    docs: Path,
    pages: list[str],
    markdown: MarkdownSettings,
    template: str | None,
    warnings: list[str],
    option_line: str,
) -> Settings:
    """What a site's configuration says, whoever's format it came in."""
    from ..plugin.config import catalog_options

    kinds = tuple(options.doc_types())
    # A template named on the command line stands for every type's.
    templates = {
        kind.dir: _template(template or kind.template).with_aliases(kind.aliases) for kind in kinds
    }
    template_path = template or kinds[0].template
    return Settings(
        template=templates[kinds[0].dir],
        template_path=template_path,
        specs_root=docs / kinds[0].dir,
        docs_dir=docs,
        site_specs={
            page: kind.dir
            for page in pages
            if (kind := options.doc_type(page, os.path.join(docs, page))) is not None
        },
        catalog_options=catalog_options(markdown, options.autolink),
        warnings=tuple(_one_line(warning) for warning in warnings),
        statuses=dict(options.statuses),
        templates=templates,
        types=kinds,
        rules=RuleLevels(options.rules),
        baseline=Path(options.baseline) if options.baseline else None,
        config_dir=Path(options.config_file_path).parent if options.config_file_path else None,
        git=options.git,
        review_every=options.review_every,
        option_line=option_line,
        template_files=_files(template, *options.template_files),
    )


class _Collector(logging.Handler):
    """Keeps the warnings it is given."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_messages() -> Iterator[list[logging.LogRecord]]:
    """Collect what MkDocs logs (e.g. a README.md left out for an index.md), instead of
    printing it loose."""
    records: list[logging.LogRecord] = []
    handler = _Collector(records)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


def _invalid(config_file: str, invalid: InvalidConfig) -> SettingsError:
    return SettingsError(f"{config_file}: {'; '.join(_one_line(e) for e in invalid.errors)}")


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
    # shown path -> the name a baseline gives it: docs-relative inside docs_dir, as in a build
    keys: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # shown path -> its type, if a site's

    def key(self, shown: str) -> str:
        return self.keys.get(shown, shown)

    def doc_type(self, shown: str) -> str:
        return self.types.get(shown, "")


def spec_files(paths: tuple[str, ...], settings: Settings) -> SpecFiles:
    """PATHs (files or folders) narrow what is reported; the site's specs are always read,
    so that references to entities defined elsewhere resolve as in a build.

    Inside ``docs_dir``, only what a build checks is a spec: excluded files, the index and
    pages outside the specs folder are left out, however they are named.
    """
    if not paths:
        if settings.specs_root is None:
            raise SettingsError(
                f"no PATH given and none of {', '.join(DEFAULT_CONFIGS)} here "
                "(use -f or name files)"
            )
        # Nothing to match the site's specs with: no path needs resolving but the docs folder.
        site = _site_specs(settings)
        return _spec_files(site, {path: shown for path, (shown, _) in site.items()}, settings)
    # Real paths, so that a named file is read once even when named through a symlink.
    site = {path.resolve(): entry for path, entry in _site_specs(settings).items()}
    docs = settings.docs_dir.resolve() if settings.docs_dir else None
    named: dict[Path, str] = {}
    for given in paths:
        root = Path(given)
        if root.is_file():
            found = [(root.resolve(), given)]
        elif root.is_dir():
            found = [
                (file.resolve(), os.path.join(given, file.relative_to(root)))
                for file in sorted(root.rglob("*"))
                if file.suffix in MARKDOWN_SUFFIXES and file.is_file()
            ]
        else:
            raise SettingsError(f"no such file or directory: {given}")
        for path, shown in found:
            if path in settings.template_files:
                continue
            if docs is None or path in site or not path.is_relative_to(docs):
                named.setdefault(path, shown)
    return _spec_files(site, named, settings)


def _spec_files(
    site: dict[Path, tuple[str, str]], named: dict[Path, str], settings: Settings
) -> SpecFiles:
    """Every doc of the site (``path -> (shown as, docs-relative path)``) and the files
    ``named`` (``path -> shown as``), which are reported on, under names any output can carry.
    A site's doc is named as a build names it, whichever way it was given."""
    read: dict[Path, str] = {}
    keys: dict[str, str] = {}
    types: dict[str, str] = {}
    for path, (site_shown, uri) in site.items():
        read[path] = shown = printable(named.get(path, site_shown))
        keys[shown] = printable(uri)
        types[shown] = settings.site_specs[uri]
    for path, shown in named.items():
        read.setdefault(path, printable(shown))
    return SpecFiles(read, frozenset(read[path] for path in named), keys, types)


def printable(path: str) -> str:
    """A file name as text: bytes of it that are not UTF-8 become U+FFFD, so that no output
    format fails on them, and none reads a backslash in them as a folder."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _site_specs(settings: Settings) -> dict[Path, tuple[str, str]]:
    """The site's docs, ``path -> (shown as, docs-relative path)``, shown under the docs
    folder as people type it."""
    if settings.docs_dir is None:
        return {}
    shown_docs = Path(shown_path(settings.docs_dir))
    return {settings.docs_dir / uri: (str(shown_docs / uri), uri) for uri in settings.site_specs}
