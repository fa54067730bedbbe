"""The plugin's configuration, validated by MkDocs' own config system, and what it means."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c

from .anchors import AnchorStyle
from .catalog import CatalogOptions
from .template import TemplateError, load_template

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .site_config import SiteConfig


class PathOrFalse(base.BaseConfigOption[str | None]):
    """A docs- or site-relative path, or ``false`` to switch the feature off."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | None:
        if value is False or value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise base.ValidationError(f"Expected a path or false, got {value!r}")
        if value.startswith("/") or ".." in value.split("/"):
            raise base.ValidationError(f"Expected a relative path inside the site, got {value!r}")
        return value.strip()


class TemplateFile(c.File):
    """A Markdown template, relative to mkdocs.yml, that must yield a usable schema."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        try:
            load_template(path)
        except TemplateError as exc:
            raise base.ValidationError(str(exc)) from exc
        return path


class SpecsConfig(base.Config):
    specs_dir = c.Type(str, default="specs")
    template = c.Optional(TemplateFile())
    index = PathOrFalse("specs/index.md")
    export = PathOrFalse("specs.json")
    fail_on = c.Choice(("error", "warning", "never"), default="error")
    show_diagnostics = c.Choice(("serve", "always", "never"), default="serve")
    # YAML reads `off`/`false` as False; both switch implicit links off.
    autolink = c.Choice(("code", False), default="code")
    # Material marks each spec in the navigation from meta.status: a mark for every spec on
    # every page, which a very large site may rather not pay for.
    nav_status = c.Type(bool, default=True)
    # A folder (relative to mkdocs.yml) whose templates replace the bundled ones of that name.
    templates_dir = c.Optional(c.Dir(exists=True))

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
        folder = self.specs_dir.strip("/")
        return (
            src_uri.endswith(".md")
            and (not folder or src_uri.startswith(folder + "/"))
            and src_uri != self.index
        )


def catalog_options(config: MkDocsConfig | SiteConfig, autolink: str | bool) -> CatalogOptions:
    """Anchors as this site's ``toc`` makes them, and whether code spans link."""
    toc = config.mdx_configs.get("toc", {})
    extensions = {name for name in config.markdown_extensions if isinstance(name, str)}
    style = AnchorStyle(
        **{key: toc[key] for key in ("slugify", "separator") if key in toc},
        attr_list=bool(extensions & {"attr_list", "markdown.extensions.attr_list"}),
    )
    return CatalogOptions(style, autolink_code=autolink == "code")
