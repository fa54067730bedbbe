"""The plugin's configuration, validated by MkDocs' own config system, and what it means."""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.check import FAIL_ON
from ..core.document import MARKDOWN_SUFFIXES
from ..core.entities import CatalogOptions
from ..core.lifecycle import parse_every
from ..core.rule_levels import Level, parse_levels
from ..core.statuses import CATEGORIES, words
from ..core.suggest import did_you_mean
from ..core.template import Template, TemplateError, bundled_names, load_template
from ..render.problems import MARKER as PROBLEMS_MARKER
from .editor import editor_pattern

PLUGIN_NAME = "specs"  # its entry point (pyproject.toml), as mkdocs.yml lists it
EXTENSION_NAME = "mkdocs_specs"  # the package, as a Markdown extension (Zensical's)


def inner_path(value: str, folder: str) -> str:
    """``value`` as a normalised ``/``-separated path that stays inside ``folder`` ("." for
    the folder itself); raises ``ValueError`` with the reason otherwise.

    Checked after normalising, so that no spelling (a leading space, ``a/../..``, a backslash)
    can name a place outside the folder.
    """
    text = value.strip().replace("\\", "/")
    if not text:
        raise ValueError("Expected a path, got an empty string")
    if any(ord(char) < 32 for char in text):
        raise ValueError(f"Expected a path without control characters, got {value!r}")
    if text.startswith("/") or _DRIVE.match(text):
        raise ValueError(f"Expected a path inside {folder}, got the absolute path {value!r}")
    normal = posixpath.normpath(text)
    if normal == ".." or normal.startswith("../"):
        raise ValueError(f"Expected a path inside {folder}, got {value!r}, which leads out of it")
    return normal


_DRIVE = re.compile(r"[A-Za-z]:")


class InnerPath(base.BaseConfigOption[str | None]):
    """A path inside ``docs_dir`` or ``site_dir`` naming a file, or ``false`` for none."""

    def __init__(self, default: str, folder: str, suffix: str = "") -> None:
        super().__init__()
        self.default = default
        self.folder = folder
        self.suffix = suffix  # what the file name must end with, when it must

    def run_validation(self, value: object) -> str | None:
        if value is False or value is None:
            return None
        if not isinstance(value, str):
            raise base.ValidationError(f"Expected a path or false, got {value!r}")
        try:
            path = inner_path(value, self.folder)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from exc
        if path == "." or value.rstrip().endswith(("/", "\\")):
            raise base.ValidationError(f"Expected the path of a file, got the folder {value!r}")
        if self.suffix and not path.endswith(self.suffix):
            raise base.ValidationError(
                f"Expected a file name ending in {self.suffix}, got {value!r}"
            )
        return path


class SpecsDir(base.BaseConfigOption[str]):
    """The folder of specs inside ``docs_dir``; ``""`` (or ``.``) is the whole of it."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "specs"

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise base.ValidationError(f"Expected a folder inside docs_dir, got {value!r}")
        if not value.strip():
            return ""
        try:
            path = inner_path(value, "docs_dir")
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from exc
        return "" if path == "." else path


class TemplateFile(c.File):
    """A bundled template's name, or a Markdown template relative to mkdocs.yml; either must
    yield a usable schema."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def run_validation(self, value: object) -> str:
        names = bundled_names()
        if isinstance(value, str) and value in names:
            path = value
        else:
            try:
                path = super().run_validation(value)
            except base.ValidationError as exc:
                message = str(exc).rstrip(".")
                raise base.ValidationError(
                    f"{message}, nor a bundled template ({', '.join(names)})."
                ) from exc
        try:
            load_template(path)
        except TemplateError as exc:
            raise base.ValidationError(str(exc)) from exc
        return path


class StatusCategories(base.BaseConfigOption[dict[str, str]]):
    """``{word: category}``: what a template's status words mean, over the built-in list."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, str] = {}

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(
                f"Expected a mapping of status words to categories, got {value!r}"
            )
        for word, category in value.items():
            # YAML reads a bare `on`, `no` or `1` as something else than a word.
            if not isinstance(word, str) or not words(word):
                raise base.ValidationError(
                    f"Expected a status word, got {word!r} (quote it in YAML if it is one)"
                )
            if category not in CATEGORIES:
                hint = did_you_mean(str(category), CATEGORIES)
                raise base.ValidationError(
                    f"Unknown category {category!r} for status {word!r} ({hint})"
                )
        return dict(value)


class RuleLevelsOption(base.BaseConfigOption[dict[str, Level]]):
    """``{code: error | warning | off}``: the level of each rule code set, site-wide."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, Level] = {}

    def run_validation(self, value: object) -> dict[str, Level]:
        try:
            return parse_levels(value)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from exc


class ProblemsPage(InnerPath):
    """The problems page: unset is ``<specs_dir>/problems.md`` (""), ``false`` is none."""

    def __init__(self) -> None:
        super().__init__("", "docs_dir", suffix=".md")

    def run_validation(self, value: object) -> str | None:
        return "" if value is None or value == "" else super().run_validation(value)


class Editor(base.BaseConfigOption[str | None]):
    """An editor by name, or a URL pattern with ``{path}``, ``{line}`` and ``{column}``."""

    def run_validation(self, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise base.ValidationError(f"Expected an editor or a URL pattern, got {value!r}")
        try:
            editor_pattern(value)
        except ValueError as exc:
            raise base.ValidationError(str(exc)) from exc
        return value.strip()


class _StrictKeys(base.Config):
    """A misspelt key is an error, not MkDocs' warning: it would silently do nothing."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        known = sorted(self._schema_keys)
        unknown = sorted(set(self.keys()) - self._schema_keys)
        for key in unknown:
            hint = did_you_mean(key, known)
            failed.append((key, base.ValidationError(f"Unknown option '{key}' ({hint})")))
        return failed, [(key, warning) for key, warning in warnings if key not in unknown]


class ReviewEvery(base.BaseConfigOption[str | None]):
    """A review cadence for specs without their own: ``180d``, ``6w``, ``3m``, ``1y``,
    ``quarterly``, ``every 6 months``; null for none."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None

    def run_validation(self, value: object) -> str | None:
        if value is None or value is False:
            return None
        if not isinstance(value, str) or parse_every(value) is None:
            raise base.ValidationError(
                f"Expected a cadence such as 180d, 6w, 3m, 1y, quarterly or 'every 6 months', "
                f"got {value!r}"
            )
        return value


class TypeIndex(base.BaseConfigOption[str | bool | None]):
    """An index page: a path, ``false`` for none, or (left out) ``index.md`` in its type's
    folder."""

    def __init__(self) -> None:
        super().__init__()
        self.default = True  # the type's own default, once its folder is known

    def run_validation(self, value: object) -> str | bool | None:
        if value is True:
            return True
        return InnerPath("", "docs_dir", suffix=".md").run_validation(value)


class DocTypeConfig(_StrictKeys):
    """One of ``types:``: a folder of docs written from one template."""

    dir = SpecsDir()
    template = c.Optional(TemplateFile())
    # Shown on its index; default: a bundled template's name for its docs, else the folder's.
    name = c.Optional(c.Type(str))
    index = TypeIndex()
    aliases = c.DictOfItems(c.Type(str), default={})
    rules = RuleLevelsOption()  # this type's levels, over the site's


@dataclass(frozen=True)
class DocType:
    """A kind of document of the site (specs, decisions, RFCs), as its options say."""

    dir: str  # docs-relative folder, "" for the whole of docs_dir; what names the type
    template: str | None  # bundled name or path; None for the default
    name: str | None
    index: str | None  # the index page, docs-relative; None for none
    aliases: dict[str, str] = field(default_factory=dict)
    rules: dict[str, Level] = field(default_factory=dict)  # this type's levels, over the site's

    def loaded(self) -> Template:
        """Its template, reading the names of its aliases."""
        return load_template(self.template).with_aliases(self.aliases)

    def holds(self, src_uri: str) -> bool:
        return (
            src_uri.endswith(MARKDOWN_SUFFIXES)
            and (not self.dir or src_uri.startswith(self.dir + "/"))
            and not self.is_index(src_uri)
        )

    def is_index(self, src_uri: str) -> bool:
        """Whether the page at ``src_uri`` is this type's index: also the folder's README
        (`.md`, `.markdown`, ...), which MkDocs makes its index page where an index.md is not."""
        if src_uri == self.index:
            return True
        if "README" not in src_uri:  # every page asks: most are no README
            return False
        folder, name = posixpath.split(self.index or "")
        stem, suffix = posixpath.splitext(posixpath.basename(src_uri))
        return (
            name == "index.md"
            and stem == "README"
            and suffix in MARKDOWN_SUFFIXES
            and posixpath.dirname(src_uri) == folder
        )


class SpecsConfig(_StrictKeys):
    specs_dir = SpecsDir()
    template = c.Optional(TemplateFile())
    # Other names a team writes for the template's sections and fields: {written: template's}.
    aliases = c.DictOfItems(c.Type(str), default={})
    index = TypeIndex()  # a page, as Markdown; left out, <specs_dir>/index.md
    # Several kinds of docs, each in its folder with its template; instead of the three above.
    types = c.ListOfItems(c.SubConfig(DocTypeConfig), default=[])
    export = InnerPath("specs.json", "site_dir")
    fail_on = c.Choice(FAIL_ON, default="error")
    show_diagnostics = c.Choice(("serve", "always", "never"), default="serve")
    # The page of all problems, made wherever the problem box shows.
    problems = ProblemsPage()
    # Links from each problem to the file in the editor: under serve only (no local paths in a
    # published site). MKDOCS_SPECS_EDITOR overrides it: the editor is the author's own.
    editor = Editor()
    # YAML reads `off`/`false` as False; both switch implicit links off.
    autolink = c.Choice(("code", False), default="code")
    # Material marks each spec in the navigation from meta.status: a mark for every spec on
    # every page, which a very large site may rather not pay for.
    nav_status = c.Type(bool, default=True)
    # What status words mean (draft, review, accepted, done, inactive), over the built-in list.
    statuses = StatusCategories()
    # A folder (relative to mkdocs.yml) whose templates replace the bundled ones of that name.
    templates_dir = c.Optional(c.Dir(exists=True))
    # The level of rule codes, site-wide: {code: error | warning | off}.
    rules = RuleLevelsOption()
    # Problems recorded as known (relative to mkdocs.yml); written by `check --write-baseline`,
    # so it may not exist yet.
    baseline = c.Optional(c.File(exists=False))
    # Lifecycle from git: read the docs' history (once per build) for review-overdue and
    # stale-date; skipped, with an info line, where there is no work tree, git or full history.
    git = c.Type(bool, default=True)
    review_every = ReviewEvery()  # for specs whose Review Schedule names no cadence
    history = c.Type(bool, default=False)  # each spec's last commits at its end

    _ONE_TYPE = ("specs_dir", "template", "index", "aliases")  # the shorthand of one type

    def load_dict(self, patch: dict[str, Any]) -> None:
        super().load_dict(patch)
        self._given = set(patch)  # what the user wrote, apart from the defaults

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if failed:
            return failed, warnings
        for kind in self.doc_types():
            option = "aliases" if not self.types else f"types: {kind.dir}: aliases"
            warnings += [(option, line) for line in kind.loaded().aliases_to_nothing()]
        if not self.types:
            return failed, warnings
        shorthand = [key for key in self._ONE_TYPE if key in getattr(self, "_given", ())]
        if shorthand:
            message = f"Give either 'types' or {', '.join(repr(k) for k in shorthand)}, not both"
            failed.append(("types", base.ValidationError(message)))
        folders = [t.dir for t in self.doc_types()]
        for index, folder in enumerate(folders):
            for other in folders[index + 1 :]:
                if folder == other:
                    problem = f"Two types in one folder, {folder or 'docs_dir'!r}"
                elif _within(folder, other) or _within(other, folder):
                    problem = f"Types in nested folders, {folder!r} and {other!r}"
                else:
                    continue
                failed.append(("types", base.ValidationError(problem)))
        indexes = [t.index for t in self.doc_types() if t.index is not None]
        for page in sorted({page for page in indexes if indexes.count(page) > 1}):
            problem = f"Two types' indexes on one page, {page!r}: give each its own 'index'"
            failed.append(("types", base.ValidationError(problem)))
        return failed, warnings

    @functools.cached_property
    def _doc_types(self) -> list[DocType]:
        # Once per validated config: every file and page asks for its type.
        return self._read_doc_types()

    def doc_types(self) -> list[DocType]:
        """The site's types of docs: ``types``, or the one that ``specs_dir`` gives."""
        return self._doc_types

    def _read_doc_types(self) -> list[DocType]:
        if not self.types:
            index = _index_page(self.specs_dir, self.index)
            name = _type_name(self.specs_dir, self.template)
            return [DocType(self.specs_dir, self.template, name, index, dict(self.aliases))]
        return [
            DocType(
                t.dir,
                t.template,
                t.name or _type_name(t.dir, t.template),
                _index_page(t.dir, t.index),
                dict(t.aliases),
                dict(t.rules),
            )
            for t in self.types
        ]

    @functools.cached_property
    def template_files(self) -> frozenset[str]:
        """The team's templates, as absolute paths (the bundled ones by name aside)."""
        names = bundled_names()
        return frozenset(t for kind in self.doc_types() if (t := kind.template) and t not in names)

    def files_read(self) -> list[str]:
        """What the check reads besides the docs: the team's templates, the folder of
        templates that replace the bundled ones, and the baseline."""
        found = {*self.template_files}
        found.update(path for path in (self.templates_dir, self.baseline) if path)
        return sorted(found)

    def doc_type(self, src_uri: str, path: str | None) -> DocType | None:
        """The type of the page at ``src_uri`` (docs-relative, its file at ``path``), if it is
        a doc the plugin checks: not a template of the site's, which a team may keep beside
        its docs (as MADR's layout does). At the problems page's path, a page of the author's
        holding the problems marker is that page; any other page there is a doc like the rest."""
        kind = next((t for t in self.doc_types() if t.holds(src_uri)), None)
        if kind is None or (path is not None and os.path.abspath(path) in self.template_files):
            return None
        if src_uri == self.problems_page and PROBLEMS_MARKER in read_text(path):
            return None
        return kind

    def shows_diagnostics(self, serving: bool) -> bool:
        """Whether pages get the problem box, and the site a problems page."""
        return self.show_diagnostics == "always" or (self.show_diagnostics == "serve" and serving)

    @property
    def problems_page(self) -> str | None:
        """The problems page's docs-relative path, None when switched off."""
        if self.problems != "":
            return self.problems
        return posixpath.join(self.doc_types()[0].dir, "problems.md")


def read_text(path: str | None) -> str:
    """A page's text as far as it can be read, for what only its words tell (the problems
    page's marker): a file the check reports as unreadable must not stop this."""
    try:
        return Path(path).read_bytes().decode("utf-8", "replace") if path else ""
    except OSError:
        return ""


def load_options(
    options: dict[str, Any], config_file: str | None
) -> tuple[SpecsConfig, base.ConfigErrors, base.ConfigWarnings]:
    """The plugin's options (or the extension's, which are the same) validated as MkDocs
    validates a plugin's; paths are relative to ``config_file``'s folder."""
    config = SpecsConfig(config_file_path=config_file)
    config.load_dict(options)
    errors, warnings = config.validate()
    return config, errors, warnings


def _type_name(folder: str, template: str | None) -> str | None:
    """What a type's docs are called by default: as its bundled template calls them, else
    as its folder is named (a team's own ADR template in `decisions/`: "Decisions")."""
    words = posixpath.basename(folder).replace("-", " ").replace("_", " ").split()
    # Capitalised where the folder writes a word in lower case: `ADR` and `RFCs` stay so.
    named = " ".join(word[:1].upper() + word[1:] if word.islower() else word for word in words)
    return load_template(template).docs_name or named or None


def missing_folders(types: Iterable[DocType], docs_dir: Path) -> list[Path]:
    """The types' folders not made yet: they have no docs, as on a new site (and as with a
    misnamed folder, so they are said)."""
    return [docs_dir / kind.dir for kind in types if not (docs_dir / kind.dir).is_dir()]


def _index_page(folder: str, index: str | bool | None) -> str | None:
    """A type's index page: as given, or by default ``index.md`` in its folder."""
    if index is True:
        return posixpath.join(folder, "index.md")
    return index or None


def _within(inner: str, outer: str) -> bool:
    """Whether folder ``inner`` lies inside folder ``outer`` ("" is docs_dir itself)."""
    return not outer or inner.startswith(outer + "/")


class MarkdownSettings(Protocol):
    """What of a site's config says how Markdown is read: MkDocs', ``check``'s or a host's."""

    @property
    def markdown_extensions(self) -> list[Any]: ...

    @property
    def mdx_configs(self) -> dict[str, Any]: ...


def catalog_options(config: MarkdownSettings, autolink: str | bool) -> CatalogOptions:
    """How this site's headings read (``attr_list``), and whether code spans link."""
    extensions = {name for name in config.markdown_extensions if isinstance(name, str)}
    return CatalogOptions(
        attr_list=bool(extensions & {"attr_list", "markdown.extensions.attr_list"}),
        autolink_code=autolink == "code",
    )
