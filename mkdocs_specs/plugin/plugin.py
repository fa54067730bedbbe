"""The MkDocs plugin: a thin adapter from MkDocs' build events to the framework-free core."""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..core.check import CheckedSpec, Report, Source, SpecCache, check_sources
from ..core.diagnostics import Diagnostic
from ..core.names import slug
from ..core.rules import NESTING_TOO_DEEP
from ..core.template import Template, load_template
from ..render.header import status_slug
from ..render.index import PAGE, fill_marker, render_index
from ..render.jinja import code_block, render
from ..render.specs_json import write
from ..vcs.git import SKIPPED, Unavailable, lifecycle
from .anchors import TocIds
from .config import SpecsConfig, catalog_options
from .extension import SpecsExtension
from .links import mermaid_fence
from .page import LinkSettings, PageContext

log = get_plugin_logger("mkdocs_specs")

EXTENSION_NAME = "mkdocs_specs"  # the package, as a Markdown extension (`makeExtension`)
STYLESHEET = "assets/stylesheets/mkdocs-specs.css"  # in the built site
_STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "specs.css"


@dataclass
class Build:
    """What one build knows: made anew by each build, and by each rebuild under serve."""

    template: Template
    report: Report | None = None  # the checked specs, from on_files until on_env
    links: LinkSettings | None = None  # what pages need to link entities, as long
    urls: dict[str, str] = field(default_factory=dict)  # spec path -> site-relative URL
    page: PageContext | None = None  # the spec page being converted, for the extension
    index_html: str | None = None  # made with the index page, put in it after search
    failure: str | None = None  # why the build fails, once the specs are let go


class SpecsPlugin(BasePlugin[SpecsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # These live as long as the plugin, across `mkdocs serve` rebuilds: whether it serves,
        # and the specs read so far, so that a rebuild reads only the changed ones.
        self.serving = False
        self.cache = SpecCache()
        self.build: Build | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        template = load_template(self.config.template).with_aliases(self.config.aliases)
        build = self.build = Build(template)
        # The plugin does under MkDocs what `markdown_extensions: [mkdocs_specs]` does under
        # Zensical: a site may list both, for both hosts, and gets each feature once.
        config.markdown_extensions[:] = [
            name for name in config.markdown_extensions if name != EXTENSION_NAME
        ]
        config.mdx_configs.pop(EXTENSION_NAME, None)
        # The build's own: the extension never sees a page of another build.
        config.markdown_extensions.append(SpecsExtension(lambda: build.page))  # type: ignore[arg-type]
        # First, so that the user's own extra_css overrides it.
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        # Material marks a page in the navigation from meta.status, titled by extra.status.
        if not self.config.nav_status:
            return config
        labels = config.extra.get("status")
        if labels is None:
            labels = config.extra["status"] = {}
        if isinstance(labels, dict):
            for status in build.template.statuses:
                # Escaped here: Material prints these labels into its pages as they are.
                labels.setdefault(slug(status), html.escape(status))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        build = self.build
        specs = [file for file in files.documentation_pages() if self.config.is_spec(file.src_uri)]
        options = replace(
            catalog_options(config, self.config.autolink), heading_ids=TocIds.of(config.mdx_configs)
        )
        history = None
        if self.config.git:
            # One read of the docs folder's history for the whole site, never one per file.
            found = lifecycle(
                Path(config.docs_dir),
                {f.src_uri: Path(f.abs_src_path) for f in specs if f.abs_src_path},
                self.config.review_every,
                self.config.history,
            )
            if isinstance(found, Unavailable):
                log.info("Git rules skipped (%s): %s", SKIPPED, found.reason)
            else:
                history = found
        report = check_sources(
            (Source.read(file.src_uri, functools.partial(_content, file)) for file in specs),
            build.template,
            catalog_options=options,
            # A plain build never rebuilds: hashing and keeping every spec would be waste.
            cache=self.cache if self.serving else None,
            lifecycle=history,
        )
        build.links = LinkSettings(report.catalog, options.autolink_code, mermaid_fence(config))
        for diagnostic in report.diagnostics:
            _log(diagnostic)
        build.urls = {file.src_uri: file.url for file in specs}
        files.append(
            File.generated(config, STYLESHEET, content=_STYLESHEET_SOURCE.read_text("utf-8"))
        )
        index = self.config.index
        if index and files.get_file_from_path(index) is None:
            files.append(File.generated(config, index, content=PAGE))
        if self.config.export:  # now, so that the pages need not keep each spec's outline
            target = _export_target(self.config.export, files, config)
            write(report, build.urls, target, self.config.statuses)
        build.report = report.header_only()
        return files

    def _spec(self, page: Page) -> CheckedSpec | None:
        report = self.build.report if self.build else None
        return report.spec(page.file.src_uri) if report else None

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # A spec that cannot be read already has its diagnostic; render what there is of it
        # instead of crashing.
        spec = self._spec(page)
        if spec is not None and not spec.readable:
            try:
                return _content(page.file).decode("utf-8", errors="replace")
            except OSError:
                return ""
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        assert self.build is not None
        build, spec = self.build, self._spec(page)
        build.page = None
        if spec is None or build.report is None:
            return markdown
        show = self.config.show_diagnostics == "always" or (
            self.config.show_diagnostics == "serve" and self.serving
        )
        build.page = PageContext(
            spec,
            show,
            templates_dir=self.config.templates_dir,
            links=build.links,
            template=build.template,
            statuses=self.config.statuses,
        )
        # Never raw text from the spec: Material puts it in a class name.
        page.meta.pop("status", None)
        if self.config.nav_status and (status := status_slug(spec, build.template)) is not None:
            page.meta["status"] = status
        if any(d.code == NESTING_TOO_DEEP.code for d in spec.diagnostics):
            # Python-Markdown would exhaust the stack on it: show the source, not a traceback.
            return code_block(markdown)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        assert self.build is not None
        build = self.build
        build.page = None
        if build.report is not None and page.file.src_uri == self.config.index:
            build.index_html = render_index(
                build.report,
                lambda path: get_relative_url(build.urls[path], page.url),
                self.config.templates_dir,
                self.config.statuses,
            )
        spec = self._spec(page)
        if spec is not None and spec.commits:  # only with `history: true`
            html += render("history.html", self.config.templates_dir, commits=spec.commits)
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page is read and converted: all that is left to do with the checked specs is
        # the verdict. Let them go before the theme renders the pages, which is when a build
        # needs the most memory.
        assert self.build is not None
        build = self.build
        report, build.report, build.links = build.report, None, None
        if report is not None and not self.serving and report.reaches(self.config.fail_on):
            build.failure = report.summary()
        return env

    # Last, after the search plugins have read the page: the index would make every spec and
    # entity a hit on the index page too, and parsing its tables would cost them a good while.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        build = self.build
        if (
            build is not None
            and build.index_html is not None
            and page.content
            and page.file.src_uri == self.config.index
        ):
            # Once in the page, not twice in memory: the index grows with the site.
            page.content, build.index_html = fill_marker(page.content, build.index_html), None
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        failure = self.build.failure if self.build else None
        if failure is not None:
            log.error("%s (fail_on: %s)", failure, self.config.fail_on)
            raise Abort(f"Aborted with {failure}.")


def _content(file: File) -> bytes:
    return file.content_bytes


def _export_target(export: str, files: Files, config: MkDocsConfig) -> Path:
    """Where ``specs.json`` goes: a file of ``site_dir`` that no other file of the site is,
    or is inside of, and that is not a folder already there."""
    site = Path(config.site_dir).resolve()
    target = (site / export).resolve()
    taken = next(
        (f.dest_uri for f in files if f.dest_uri == export or f.dest_uri.startswith(export + "/")),
        None,
    )
    if taken is not None:
        what = "is a file of the site" if taken == export else f"is a folder of the site ({taken})"
        raise PluginError(f"Plugin 'specs' option 'export': {export!r} {what}; name another file")
    if target.is_dir() or not target.is_relative_to(site):
        raise PluginError(
            f"Plugin 'specs' option 'export': {export!r} is a folder or leads out of site_dir "
            "through a link; name another file"
        )
    return target


def _log(diagnostic: Diagnostic) -> None:
    (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
