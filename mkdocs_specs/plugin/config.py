"""The plugin's configuration, validated by MkDocs' own config system, and what it means."""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import Any, Protocol

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.entities import CatalogOptions
from ..core.lifecycle import parse_every
from ..core.statuses import CATEGORIES, words
from ..core.template import TemplateError, bundled_names, load_template


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
                close = difflib.get_close_matches(str(category), CATEGORIES, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise base.ValidationError(
                    f"Unknown category {category!r} for status {word!r} ({hint}"
                    f"known: {', '.join(CATEGORIES)})"
                )
        return dict(value)


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


class SpecsConfig(base.Config):
    specs_dir = SpecsDir()
    template = c.Optional(TemplateFile())
    # Other names a team writes for the template's sections and fields: {written: template's}.
    aliases = c.DictOfItems(c.Type(str), default={})
    index = InnerPath("specs/index.md", "docs_dir", suffix=".md")  # a page, as Markdown
    export = InnerPath("specs.json", "site_dir")
    fail_on = c.Choice(("error", "warning", "never"), default="error")
    show_diagnostics = c.Choice(("serve", "always", "never"), default="serve")
    # YAML reads `off`/`false` as False; both switch implicit links off.
    autolink = c.Choice(("code", False), default="code")
    # Material marks each spec in the navigation from meta.status: a mark for every spec on
    # every page, which a very large site may rather not pay for.
    nav_status = c.Type(bool, default=True)
    # What status words mean (draft, review, accepted, done, inactive), over the built-in list.
    statuses = StatusCategories()
    # A folder (relative to mkdocs.yml) whose templates replace the bundled ones of that name.
    templates_dir = c.Optional(c.Dir(exists=True))
    # Lifecycle from git: read the docs' history (once per build) for review-overdue and
    # stale-date; skipped, with an info line, where there is no work tree, git or full history.
    git = c.Type(bool, default=True)
    review_every = ReviewEvery()  # for specs whose Review Schedule names no cadence
    history = c.Type(bool, default=False)  # each spec's last commits at its end

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """A misspelt key is an error, not MkDocs' warning: it would silently do nothing."""
        failed, warnings = super().validate()
        known = sorted(self._schema_keys)
        unknown = sorted(set(self.keys()) - self._schema_keys)
        for key in unknown:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"
            failed.append((key, base.ValidationError(f"Unknown option '{key}'{hint}")))
        return failed, [(key, warning) for key, warning in warnings if key not in unknown]

    def is_spec(self, src_uri: str) -> bool:
        """Whether the page at ``src_uri`` (docs-relative) is a spec the plugin checks."""
        folder = self.specs_dir
        return (
            src_uri.endswith(".md")
            and (not folder or src_uri.startswith(folder + "/"))
            and src_uri != self.index
        )


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
