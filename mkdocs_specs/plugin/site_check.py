"""A site's docs checked the same way under either host: the MkDocs plugin builds and serves,
Zensical runs the extension on its own (``standalone``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..core.check import Lifecycle, Report, Source, SpecCache, check_sources
from ..core.entities import CatalogOptions
from ..core.rule_levels import RuleLevels
from ..core.template import Template
from .anchors import TocIds
from .config import MarkdownSettings, SpecsConfig, catalog_options


def doc_templates(config: SpecsConfig) -> dict[str, Template]:
    """Each type's template, by its folder (the site's default first), with its aliases."""
    return {kind.dir: kind.loaded() for kind in config.doc_types()}


def page_catalog_options(markdown: MarkdownSettings, autolink: str | bool) -> CatalogOptions:
    """The catalogue's options where pages are rendered: with the ids ``toc`` gives headings,
    so that a link names its entity's heading."""
    options = catalog_options(markdown, autolink)
    return replace(options, heading_ids=TocIds.of(markdown.mdx_configs))


def check_site(
    config: SpecsConfig,
    sources: Iterable[Source],
    templates: dict[str, Template],
    options: CatalogOptions,
    *,
    cache: SpecCache | None = None,
    lifecycle: Lifecycle | None = None,
) -> Report:
    """``check_sources`` with the site's rule levels (and each type's), and the lines of
    problems digested only where a baseline is read."""
    return check_sources(
        sources,
        templates,
        catalog_options=options,
        cache=cache,
        rules=RuleLevels(config.rules),
        type_rules={kind.dir: kind.rules for kind in config.doc_types()},
        type_names={kind.dir: kind.name for kind in config.doc_types()},
        lifecycle=lifecycle,
        fingerprints=config.baseline is not None,
    )
