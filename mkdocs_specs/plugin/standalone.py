"""The extension on its own, for hosts that run Python-Markdown extensions but no MkDocs
plugins (Zensical): ``markdown_extensions: [mkdocs_specs]``, with the plugin's options; listed
without options in a ``mkdocs.yml`` that has the plugin, it takes the plugin's.

The host makes a Markdown instance, and so this extension, for every page. What the plugin
does once per build is done here once per process instead, and again when a spec changes:
the site's specs are checked, every diagnostic is logged once, and each page then gets its
badge, card, links, index and problem box from the same core and treeprocessors.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..core.baseline import BaselineError
from ..core.check import Lifecycle, Report, Source, SpecCache
from ..core.scanner import scan
from ..core.template import Template, TemplateError
from ..render.index import MARKER, render_index
from ..render.jinja import render
from ..render.marker import fill_marker
from ..vcs.git import SKIPPED, Unavailable, lifecycle
from . import host
from .anchors import problem_anchors
from .config import SpecsConfig, load_options
from .config_files import MKDOCS_CONFIGS, mkdocs_config
from .extension import SpecsExtension
from .logger import level_of, log
from .override_errors import one_line
from .page import LinkSettings, PageContext, code_block, page_context, shown_as_code
from .site_baseline import baselined
from .site_check import check_site, doc_templates, page_catalog_options
from .site_config import DocsConfig, InvalidConfig, host_docs, load_site_config, site_pages
from .tree import stashed_block

# Pages are converted in a burst: the specs' files are looked at again at most this often,
# but for the pages that tell (``_Site.outdated``).
_RESCAN_SECONDS = 0.5


_Stamps = tuple[tuple[str, int, int], ...]  # (path, modified, size) of each file read


@dataclass
class _Site:
    """A site's checked specs, kept across the pages of a process."""

    options: SpecsConfig
    host: host.HostSite
    docs: DocsConfig  # which files of the host's docs_dir are pages
    templates: dict[str, Template]  # by type (its folder)
    cache: SpecCache = field(default_factory=SpecCache)
    docs_read: _Stamps | None = None  # the docs' files at the last look
    others_read: _Stamps | None = None  # the templates' and the baseline's
    scanned_at: float = float("-inf")
    report: Report | None = None
    links: LinkSettings | None = None
    urls: dict[str, str] = field(default_factory=dict)  # spec path -> site-relative URL
    by_body: dict[str, str] = field(default_factory=dict)  # digest of a spec's body -> path
    # (line, id) of the headings of specs with problems, for their boxes' jumps
    anchors: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    logged: set[str] = field(default_factory=set)  # what was logged, so each is logged once

    def refresh(self, page: str | None, digest: str) -> None:
        """Check the specs again if any of their files changed since the last look, before
        the page at ``page`` (whose body has ``digest``) is converted."""
        now = time.monotonic()
        if now - self.scanned_at < _RESCAN_SECONDS and not self.outdated(page, digest):
            return
        self.scanned_at = now
        files = self._spec_files()
        docs_read = _stamps(file.abs_src_path or "" for file, _ in files)
        # The team's templates and the baseline are read too: an edit to them is an edit to
        # every doc, as `mkdocs serve` has it.
        others_read = _stamps(self.options.files_read())
        if (docs_read, others_read) == (self.docs_read, self.others_read):
            return
        if others_read != self.others_read and self.others_read is not None:
            try:
                self.templates = doc_templates(self.options)
            except TemplateError as exc:  # told once; the last good ones stay
                log.error("%s", exc)
        self.docs_read, self.others_read = docs_read, others_read
        options = page_catalog_options(self.host, self.options.autolink)
        sources = [
            Source.from_bytes(file.src_uri, Path(file.abs_src_path or "").read_bytes(), kind)
            for file, kind in files
        ]
        report = check_site(
            self.options,
            sources,
            self.templates,
            options,
            cache=self.cache,
            lifecycle=self._lifecycle(files),
        )
        try:
            self.report = baselined(report, self.options.baseline, log)
        except BaselineError as exc:
            log.error("option 'baseline': %s", exc)
            self.report = report
        self.links = LinkSettings(self.report.catalog, options.autolink_code, None)
        self.anchors = problem_anchors(self.report, options)
        self.urls = {file.src_uri: file.url for file, _ in files}
        self.by_body = {_body_digest(s.text): s.path for s in sources if s.text is not None}
        for diagnostic in self.report.diagnostics:
            if diagnostic.active:
                self._log_once(level_of(diagnostic), diagnostic.format())

    def _lifecycle(self, files: list[tuple[File, str]]) -> Lifecycle | None:
        """The docs' history, from one read of git per check of the site, as the plugin
        reads it; None where the options switch it off or there is none to read."""
        if not self.options.git:
            return None
        found = lifecycle(
            self.host.docs_dir,
            {file.src_uri: Path(file.abs_src_path or "") for file, _ in files},
            self.options.review_every,
            self.options.history,
            self.options.statuses,
        )
        if isinstance(found, Unavailable):
            self._log_once(logging.INFO, f"Git rules skipped ({SKIPPED}): {found.reason}")
            return None
        return found

    def _log_once(self, level: int, line: str) -> None:
        if line not in self.logged:
            self.logged.add(line)
            log.log(level, "%s", line)

    def outdated(self, page: str | None, digest: str) -> bool:
        """Whether the page shows that the last look is out of date, however recent: a doc
        whose text is not the one checked (saved again since, or new), or an index page,
        which shows every doc."""
        if page is None:
            return False
        if self.options.doc_type(page, os.path.join(self.host.docs_dir, page)) is not None:
            return self.by_body.get(digest) != page
        return any(kind.is_index(page) for kind in self.options.doc_types())

    def _spec_files(self) -> list[tuple[File, str]]:
        """Each doc a build of the site renders, with its type (under serve too: see
        ``page``)."""
        return [
            (file, kind.dir)
            for file in site_pages(self.docs, serving=False)
            if (kind := self.options.doc_type(file.src_uri, file.abs_src_path)) is not None
        ]

    def linker(self, path: str | None, url: str, hosted: bool) -> Callable[[str], str]:
        """How the page at ``path`` (built at ``url``) links a doc by its path. A host
        rewrites the links of raw HTML as it does Markdown's (Zensical): it takes the doc's
        source path, relative to the page's; plain Python-Markdown rewrites nothing, so the
        link is the doc's URL, relative to the page's."""
        if hosted and path is not None:
            # Encoded as MkDocs' own URLs are: a file name may hold a space, `#` or `%`.
            return lambda target: quote(get_relative_url(target, path))
        return lambda target: get_relative_url(self.urls.get(target, target), url)

    def page(self, path: str | None, href: Callable[[str], str]) -> PageContext | None:
        spec = self.report.spec(path) if self.report and path else None
        if spec is None or self.report is None:
            return None
        # As in a build, under `zensical serve` too: Zensical keeps a page's HTML across serve
        # and build, keyed on its text, URL and config only, so whatever serve alone showed
        # (the box by default, drafts, editor links) would be published by the next build.
        show = self.options.shows_diagnostics(serving=False)
        return page_context(
            spec,
            self.report,
            self.options,
            show=show,
            links=self.links,
            href=href,
            anchors=self.anchors,
        )


def _stamps(paths: Iterable[str]) -> _Stamps:
    """What tells each file's change, cheaply: its modification time and size."""
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:  # gone, or not made yet (a baseline)
            found.append((path, -1, -1))
        else:
            found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)


_SITES: dict[tuple[str, ...], _Site] = {}
_TOLD: dict[tuple[str, ...], list[tuple[int, str]]] = {}  # what the log was told of each
_LOCK = threading.Lock()  # a host may convert pages on several threads


def _site(
    options: dict[str, Any], where: host.HostSite, page: str | None, digest: str
) -> _Site | None:
    """The site's checked docs, up to date for the page at ``page`` (``digest``: its body's)."""
    config_file = mkdocs_config(where.root)
    # Without options of its own, the plugin's are read from the file: a change to it makes
    # another site.
    try:
        written = 0 if options or config_file is None else config_file.stat().st_mtime_ns
    except OSError:  # gone since: the defaults
        written = 0
    pages = (where.docs_dir, where.use_directory_urls, where.exclude_docs, where.draft_docs)
    key = (str(where.root), repr(pages), repr(sorted(options.items())), str(written))
    with _LOCK:
        site = _SITES.get(key)
        if site is None:
            said: list[tuple[int, str]] = []
            config = _options(options, config_file if written else None, where.root, said)
            docs = _docs(where, said)
            # Each page asks again while the options are invalid (a template they name may be
            # fixed meanwhile): what is wrong is told once, and again when it changes.
            if _TOLD.get(key) != said:
                _TOLD[key] = said
                for level, message in said:
                    log.log(level, "%s", message)
            if config is None or docs is None:
                return None
            site = _SITES[key] = _Site(config, where, docs, doc_templates(config))
            say_what_to_watch(config, where)
        site.refresh(page, digest)
        return site


def say_what_to_watch(config: SpecsConfig, where: host.HostSite) -> None:
    """Zensical renders a page again only when its own source changes (across builds too,
    from its cache), while a doc's page shows the others' (index, links, relations): they
    stay as they were unless the docs and templates are in its `watch:`."""
    read = [where.docs_dir / kind.dir for kind in config.doc_types()]
    read += [Path(path) for path in config.files_read()]
    unwatched = [path for path in read if not where.watches(path.resolve())]
    if unwatched:
        listed = ", ".join(repr(os.path.relpath(path, where.root)) for path in unwatched)
        log.warning(
            "add %s to watch: in the site's config, so that an edit to one doc "
            "updates the pages that show it (the index, links and relations)",
            listed,
        )


def _options(
    given: dict[str, Any], config_file: Path | None, root: Path, said: list[tuple[int, str]]
) -> SpecsConfig | None:
    """The extension's options, else the ``specs`` plugin's in ``config_file`` (when one is
    to be read): a site that lists both configures them once. What is wrong with them goes
    to ``said``; None when they are invalid."""
    if config_file is not None:
        try:
            site, read_warnings = load_site_config(str(config_file))
        except InvalidConfig as invalid:
            said += [(logging.ERROR, f"{config_file.name}: {line}") for line in invalid.errors]
            return None
        except (ConfigurationError, OSError, RecursionError) as exc:
            said.append((logging.ERROR, f"{config_file.name}: {exc}"))
            return None
        said += [(logging.WARNING, f"{config_file.name}: {line}") for line in read_warnings]
        if site.plugins is not None:
            return site.plugins
    # Paths in them are relative to the site's folder, where its config file is.
    config, errors, warnings = load_options(dict(given), str(root / MKDOCS_CONFIGS[0]))
    said += [(logging.WARNING, f"option '{name}': {warning}") for name, warning in warnings]
    said += [(logging.ERROR, f"option '{name}': {error}") for name, error in errors]
    return None if errors else config


def _docs(where: host.HostSite, said: list[tuple[int, str]]) -> DocsConfig | None:
    """Which files of the host's docs folder are pages, as the host's settings say; None
    when they are invalid, with what is wrong in ``said``."""
    settings = {
        "docs_dir": str(where.docs_dir),
        "use_directory_urls": where.use_directory_urls,
        "exclude_docs": where.exclude_docs,
        "draft_docs": where.draft_docs,
    }
    try:
        return host_docs(where.root, settings)
    except InvalidConfig as invalid:
        said += [(logging.ERROR, line) for line in invalid.errors]
        return None


def _body_digest(text: str) -> str:
    """A spec's text without its front matter, as a host hands it to Markdown."""
    lines = text.split("\n")
    body = "\n".join(lines[scan(text).front_matter_end :])
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


class _PageFinder(Preprocessor):
    """Finds which spec the page is, and sets it for the treeprocessors."""

    def __init__(self, md: Markdown, extension: StandaloneExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        page = host.page_of(self.md)
        digest = _body_digest("\n".join(lines))
        where = host.site() or host.site_here()
        site = _site(extension.options, where, page.path if page else None, digest)
        if site is None:
            return lines
        path = page.path if page else site.by_body.get(digest)
        url = page.url if page else site.urls.get(path or "", "")
        href = site.linker(path, url, hosted=page is not None)
        extension.context = site.page(path, href)
        kind = next((k for k in site.options.doc_types() if path and k.is_index(path)), None)
        extension.index = (site, kind.dir, href) if kind is not None else None
        spec = extension.context.spec if extension.context else None
        if spec and shown_as_code(spec):
            # Python-Markdown would exhaust the stack on it: show the source instead.
            return code_block("\n".join(lines)).split("\n")
        return lines


class _IndexFiller(Postprocessor):
    """Puts the index in place of its marker, on the index page."""

    def __init__(self, md: Markdown, extension: StandaloneExtension) -> None:
        super().__init__(md)
        self.extension = extension

    @one_line
    def run(self, text: str) -> str:
        if self.extension.index is None or MARKER not in text:
            return text
        site, doc_type, href = self.extension.index
        if site.report is None:
            return text
        index = render_index(
            site.report.of_type(doc_type),
            href,
            site.options.templates_dir,
            site.options.statuses,
        )
        return fill_marker(text, MARKER, index)


class _History(Treeprocessor):
    """Each doc's last commits at its end, with ``history: true``, as the plugin adds them.
    In the tree, not in a postprocessor: ``toc`` runs the postprocessors on each heading's
    text too, for its id and its entry."""

    def __init__(self, md: Markdown, extension: StandaloneExtension) -> None:
        super().__init__(md)
        self.extension = extension

    @one_line
    def run(self, root: etree.Element) -> None:
        page = self.extension.context
        if page is not None and page.spec.commits:
            html = render("history.html", page.templates_dir, commits=page.spec.commits)
            root.append(stashed_block(self.md, html))


class StandaloneExtension(Extension):
    """``mkdocs_specs`` as a Markdown extension; its options are the plugin's."""

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self.options = options
        self.context: PageContext | None = None
        # (site, the type, how the page links a doc) on a type's index page
        self.index: tuple[_Site, str, Callable[[str], str]] | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # First of all preprocessors: it may replace a page too deep to render.
        md.preprocessors.register(_PageFinder(md, self), "specs-page", 100)
        SpecsExtension(lambda: self.context).extendMarkdown(md)
        # After the raw HTML is put back (30), where the marker comment is whole again.
        md.postprocessors.register(_IndexFiller(md, self), "specs-index", 5)
        md.treeprocessors.register(_History(md, self), "specs-history", 4)

    def reset(self) -> None:
        self.context = self.index = None
