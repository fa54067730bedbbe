"""The MkDocs plugin: a thin adapter from MkDocs' build events to the framework-free core."""

from __future__ import annotations

import contextlib
import functools
import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..core.baseline import BaselineError
from ..core.check import CheckedSpec, Report, Source, SpecCache
from ..core.diagnostics import Diagnostic, count
from ..core.entities import CatalogOptions
from ..core.memo import forget
from ..core.names import slug
from ..core.template import Template
from ..render import problems as problem_page
from ..render.header import status_slug
from ..render.index import MARKER, index_page, render_index
from ..render.jinja import broken_overrides, environment, render
from ..render.marker import fill_marker
from ..render.specs_json import write
from ..vcs.git import SKIPPED, Unavailable, lifecycle
from .anchors import problem_anchors
from .config import EXTENSION_NAME, PLUGIN_NAME, SpecsConfig, missing_folders
from .diagram import mermaid_fence
from .editor import ENV, edit_url, editor_pattern
from .extension import SpecsExtension
from .logger import BuildNotices, log, log_diagnostic
from .override_errors import one_line, override_error
from .page import LinkSettings, PageContext, code_block, page_context, shown_as_code
from .site_baseline import baselined
from .site_check import check_site, doc_templates, page_catalog_options
from .site_config import rendered

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.livereload import LiveReloadServer


STYLESHEET = "assets/stylesheets/mkdocs-specs.css"  # in the built site
EMPTY_DOC = "<!-- an empty doc -->\n"
HAS_ERRORS = "spec-errors"  # the navigation mark of a spec with errors, where the box shows
_STYLESHEET_SOURCE = Path(__file__).parent / "assets" / "specs.css"
SCRIPT = "assets/javascripts/mkdocs-specs-index.js"  # the index's filter box and sorting
_SCRIPT_SOURCE = Path(__file__).parent / "assets" / "specs-index.js"


@dataclass
class Build:
    """What one build knows: made anew by each build, and by each rebuild under serve."""

    templates: dict[str, Template]  # by type (its folder); the first is the site's default
    show: bool = False  # whether the problem box and the problems page are made
    editor: str | None = None  # the editor's URL pattern: under serve only, never in a build
    report: Report | None = None  # the checked specs, from on_files until on_env
    links: LinkSettings | None = None  # what pages need to link entities, while pages are made
    urls: dict[str, str] = field(default_factory=dict)  # spec path -> site-relative URL
    page: PageContext | None = None  # the spec page being converted, for the extension
    # Made with each index page, put in it after search: page path -> its HTML.
    index_html: dict[str, str] = field(default_factory=dict)
    # An index page's content without its index, given back once the page is written.
    unfilled: dict[str, str] = field(default_factory=dict)
    failure: str | None = None  # why the build fails, once the specs are let go
    # Of the specs with problems only: (line, id) of their headings, for the box's jumps.
    anchors: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # spec path -> absolute, for the editor
    problems_page: str | None = None  # the problems page's path, when there is one
    problems_html: str | None = None  # its list, put in it after Markdown
    problems_href: str | None = None  # its URL, for the index


class SpecsPlugin(BasePlugin[SpecsConfig]):
    def __init__(self) -> None:
        # These live as long as the plugin, across `mkdocs serve` rebuilds: whether it serves,
        # and the specs read so far, so that a rebuild reads only the changed ones.
        self.serving = False
        self.dirty = False  # --dirty: only the pages whose file changed are built again
        self.cache = SpecCache()
        self.build: Build | None = None
        # What the terminal was last told of each spec: told again only once it changes.
        self.logged: dict[str, tuple[Diagnostic, ...]] | None = None  # None: nothing yet
        self.notices = BuildNotices()
        self.server: LiveReloadServer | None = None  # under serve, to watch what it reads
        self.watched: set[str] = set()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        self.server = server
        self._watch()
        return server

    def _watch(self) -> None:
        """Under serve, what the check reads besides the docs: an edit to a template is an
        edit to every doc written from it, and the server watches only the docs and
        mkdocs.yml of itself. A file named in mkdocs.yml while serving, or made since (the
        baseline of `check --write-baseline`), is watched from the rebuild that reads it:
        the server can watch only what exists, and a watch on its folder would rebuild at
        every write there (a log written beside mkdocs.yml, forever)."""
        if self.server is None:
            return
        for path in self.config.files_read():
            if path not in self.watched and os.path.exists(path):
                self.watched.add(path)
                self.server.watch(path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.notices.next_build(self.serving)
        self._watch()
        if self.serving:
            # Jinja keeps a template it compiled while its file stands: an override added to
            # templates_dir since would never win over the bundled one.
            environment.cache_clear()
        if broken := broken_overrides(self.config.templates_dir):
            raise override_error("; ".join(broken))
        templates = doc_templates(self.config)
        show = self.config.shows_diagnostics(self.serving)
        build = self.build = Build(templates, show, self._editor())
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
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        # Material marks a page in the navigation from meta.status, titled by extra.status.
        if not self.config.nav_status:
            return config
        labels = config.extra.get("status")
        if labels is None:
            labels = config.extra["status"] = {}
        if isinstance(labels, dict):
            for status in (s for t in templates.values() for s in t.statuses):
                # Escaped here: Material prints these labels into its pages as they are.
                labels.setdefault(slug(status), html.escape(status))
            if show:
                labels.setdefault(HAS_ERRORS, "Has errors")
        return config

    def _editor(self) -> str | None:
        """The editor's URL pattern under serve; a build never gets one, whatever is set."""
        if not self.serving:
            return None
        from_env = os.environ.get(ENV, "").strip()
        if not from_env:
            return editor_pattern(self.config.editor) if self.config.editor else None
        try:
            return editor_pattern(from_env)
        except ValueError as exc:
            raise PluginError(f"{ENV}: {exc}") from exc

    @one_line
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        build = self.build
        specs = {
            file: kind.dir
            for file in files.documentation_pages(inclusion=rendered(self.serving))
            if (kind := self.config.doc_type(file.src_uri, file.abs_src_path)) is not None
        }
        for folder in missing_folders(self.config.doc_types(), Path(config.docs_dir)):
            self.notices.info("%s does not exist yet: no docs in it", os.path.relpath(folder))
        options = page_catalog_options(config, self.config.autolink)
        report = self._check(specs, options, config)
        build.links = LinkSettings(report.catalog, options.autolink_code, mermaid_fence(config))
        build.urls = {file.src_uri: file.url for file in specs}
        if build.show:
            build.anchors = problem_anchors(report, options)
            if build.editor is not None:
                build.files = {
                    file.src_uri: file.abs_src_path
                    for file in specs
                    if file.abs_src_path and report.spec(file.src_uri)
                }
            self._problems_page(report, files, config)
        files.append(
            File.generated(config, STYLESHEET, content=_STYLESHEET_SOURCE.read_text("utf-8"))
        )
        files.append(File.generated(config, SCRIPT, content=_SCRIPT_SOURCE.read_text("utf-8")))
        self._index_pages(files, config)
        if self.config.export:  # now, so that the pages need not keep each spec's outline
            target = _export_target(self.config.export, files, config)
            write(report, build.urls, target, self.config.statuses)
        build.report = report.header_only()
        return files

    def _check(
        self, specs: dict[File, str], options: CatalogOptions, config: MkDocsConfig
    ) -> Report:
        """The site's docs (each with its type) checked, baselined and logged."""
        assert self.build is not None
        computed = self.cache.stats.computed
        history = None
        if self.config.git:
            # One read of the docs folder's history for the whole site, never one per file.
            found = lifecycle(
                Path(config.docs_dir),
                {f.src_uri: Path(f.abs_src_path) for f in specs if f.abs_src_path},
                self.config.review_every,
                self.config.history,
                self.config.statuses,
            )
            if isinstance(found, Unavailable):
                self.notices.info("Git rules skipped (%s): %s", SKIPPED, found.reason)
            else:
                history = found
        report = check_site(
            self.config,
            (
                Source.read(file.src_uri, functools.partial(_content, file), doc_type)
                for file, doc_type in specs.items()
            ),
            self.build.templates,
            options,
            # A plain build never rebuilds: hashing and keeping every spec would be waste.
            cache=self.cache if self.serving else None,
            lifecycle=history,
        )
        try:
            report = baselined(report, self.config.baseline, self.notices)
        except BaselineError as exc:
            raise PluginError(f"Plugin '{PLUGIN_NAME}' option 'baseline': {exc}") from None
        if self.serving:
            self._log_rebuild(report, self.cache.stats.computed - computed)
        else:
            for diagnostic in report.diagnostics:
                if diagnostic.active:  # suppressed and baselined problems are known already
                    log_diagnostic(diagnostic)
        return report

    def _index_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Each type's index page, generated where the site has none of its own."""
        for kind in self.config.doc_types():
            if not kind.index:
                continue
            written = files.get_file_from_path(kind.index) or next(
                (file for file in files.documentation_pages() if kind.is_index(file.src_uri)),
                None,
            )
            if written is None:
                files.append(File.generated(config, kind.index, content=index_page(kind.name)))
            else:
                self._built_again(written)

    def _built_again(self, page: File) -> None:
        """An author's page that shows the other docs (an index, the problems page), built
        again by a `--dirty` rebuild too: it builds again only the pages whose file changed,
        by their written page's age."""
        if self.dirty:
            with contextlib.suppress(FileNotFoundError):
                os.remove(page.abs_dest_path)

    def _log_rebuild(self, report: Report, changed: int) -> None:
        """Under serve: each spec's problems once per change, and a line on the whole site."""
        told, self.logged = self.logged, {s.path: s.diagnostics for s in report.specs}
        for spec in report.specs:
            if (told or {}).get(spec.path, ()) != spec.diagnostics:
                for diagnostic in spec.diagnostics:
                    if diagnostic.active:
                        log_diagnostic(diagnostic)
        if told is None:  # the first build: nothing to compare with
            log.info("Checked %s", report.tally())
            return
        changed += len(told.keys() - self.logged.keys())  # removed or renamed specs changed too
        log.info("%s; %d changed since the last build", report.summary(), changed)

    def _problems_page(self, report: Report, files: Files, config: MkDocsConfig) -> None:
        """The page of every problem of the site, by document, each linking to its box."""
        assert self.build is not None
        build, path = self.build, self.config.problems_page
        if path is None:
            return
        page = files.get_file_from_path(path)
        if page is not None and report.spec(path) is not None:
            self.notices.warning(
                "%s is a doc: no problems page is made; set the problems option to a free path",
                path,
            )
            return
        if page is None:
            # An explicit nav cannot list a page only serve makes: it is reached from the index.
            inclusion = InclusionLevel.NOT_IN_NAV if config.nav else InclusionLevel.UNDEFINED
            page = File.generated(config, path, content=problem_page.PAGE, inclusion=inclusion)
            files.append(page)
        else:
            self._built_again(page)
        edit = build.editor
        # What counts only, as in each page's box: suppressed and baselined problems are known.
        shown = {spec.path: [d for d in spec.diagnostics if d.active] for spec in report.specs}
        docs = [
            problem_page.DocProblems(
                report.catalog.title(spec.path),
                spec.path,
                get_relative_url(build.urls[spec.path], page.url),
                problem_page.problems(
                    shown[spec.path],
                    build.anchors.get(spec.path, ()),
                    functools.partial(edit_url, edit, build.files[spec.path])
                    if edit and spec.path in build.files
                    else None,
                ),
                *count(shown[spec.path]),
            )
            for spec in report.specs
            if shown[spec.path]
        ]
        build.problems_page = path
        build.problems_html = problem_page.render_page(
            docs, report.summary(), report.noun, self.config.templates_dir
        )
        build.problems_href = page.url

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
        template = build.report.template_of(spec.doc_type)
        as_code = shown_as_code(spec)
        file = build.files.get(spec.path)
        build.page = page_context(
            spec,
            build.report,
            self.config,
            show=build.show,
            links=build.links,
            href=lambda path: get_relative_url(build.urls.get(path, path), page.url),
            anchors=build.anchors,
            edit=functools.partial(edit_url, build.editor, file) if build.editor and file else None,
            markdown=lambda: page.markdown or "",
        )
        # Never raw text from the spec: Material puts it in a class name.
        page.meta.pop("status", None)
        if self.config.nav_status and (status := status_slug(spec, template)) is not None:
            page.meta["status"] = status
        if self.config.nav_status and build.show and spec.errors:
            page.meta["status"] = HAS_ERRORS  # while writing, what is broken matters most
        if as_code:
            # Python-Markdown would exhaust the stack on it: show the source, not a traceback.
            return code_block(markdown)
        if not markdown or markdown.isspace():
            # Python-Markdown makes nothing of a blank page, extensions unasked: a comment is
            # something, and an empty doc (a new file) gets its badge and problems.
            return EMPTY_DOC
        return markdown

    @one_line
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        assert self.build is not None
        build = self.build
        build.page = None
        kind = next((k for k in self.config.doc_types() if k.is_index(page.file.src_uri)), None)
        if build.report is not None and kind is not None:
            problems = build.problems_href
            build.index_html[page.file.src_uri] = render_index(
                build.report.of_type(kind.dir),
                lambda path: get_relative_url(build.urls[path], page.url),
                self.config.templates_dir,
                self.config.statuses,
                problems_href=get_relative_url(problems, page.url) if problems else None,
            )
        if build.problems_html is not None and page.file.src_uri == build.problems_page:
            filled = fill_marker(html, problem_page.MARKER, build.problems_html)
            if filled == html:
                self._no_marker(
                    page.file.src_uri, "the problems page", problem_page.MARKER, "the list"
                )
            html, build.problems_html = filled, None
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
        forget()  # and what the docs' headings, keys and labels were worked out to be
        if report is not None and not self.serving and report.reaches(self.config.fail_on):
            build.failure = report.summary()
        return env

    # Last, after the search plugins have read the page: the index would make every spec and
    # entity a hit on the index page too.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        build = self.build
        if build is None:
            return context
        index = build.index_html.pop(page.file.src_uri, None)
        if index is not None and page.content:
            # Once in the page, not twice in memory: the index grows with the site.
            build.unfilled[page.file.src_uri] = page.content
            page.content = fill_marker(page.content, MARKER, index)
            if page.content == build.unfilled[page.file.src_uri]:
                self._no_marker(page.file.src_uri, "an index page", MARKER, "the index")
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # Written out, an index page's content goes back to what it was: MkDocs keeps every
        # page's content to the end of the build, when memory peaks, and the index grows with
        # the site (and the entity catalogue is on each type's index).
        build = self.build
        if build is not None and (content := build.unfilled.pop(page.file.src_uri, None)):
            page.content = content
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        failure = self.build.failure if self.build else None
        if failure is not None:
            log.error("%s (fail_on: %s)", failure, self.config.fail_on)
            raise Abort(f"Aborted with {failure}.")

    def _no_marker(self, path: str, page: str, marker: str, shown: str) -> None:
        """An author's page of the plugin's that leaves no place for what it would show."""
        self.notices.warning(
            "%s: %s with no %s line of its own: %s is not shown; put the marker where it goes",
            path,
            page,
            marker,
            shown,
        )


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
    option = f"Plugin '{PLUGIN_NAME}' option 'export': {export!r}"
    if taken is not None:
        what = "is a file of the site" if taken == export else f"is a folder of the site ({taken})"
        raise PluginError(f"{option} {what}; name another file")
    if target.is_dir() or not target.is_relative_to(site):
        raise PluginError(
            f"{option} is a folder or leads out of site_dir through a link; name another file"
        )
    return target
