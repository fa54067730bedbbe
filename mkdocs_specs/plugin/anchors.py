"""The ids Python-Markdown's ``toc`` extension gives a page's headings, predicted from source.

A link to an entity on another page must name its heading's id before that page is rendered,
so the ids are computed the way ``toc`` computes them: from the heading's text as rendered,
through the site's slugify function, made unique over all headings of the page in order, with
``attr_list`` ids (``{#id}``) kept as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from ..core.check import Report
from ..core.entities import CatalogOptions
from ..core.inline import HeadingText, heading_text
from ..core.memo import memoized
from ..core.scanner import Heading

Slugify = Callable[[str, str], str]


@dataclass(frozen=True)
class TocIds:
    """How the site's ``toc`` makes ids: its slugify function and separator."""

    slugify: Slugify = toc_slugify
    separator: str = "-"

    @classmethod
    def of(cls, mdx_configs: Mapping[str, Mapping[str, object]]) -> TocIds:
        toc = mdx_configs.get("toc", {})
        return cls(**{key: toc[key] for key in ("slugify", "separator") if key in toc})  # type: ignore[arg-type]

    def __call__(self, texts: Sequence[HeadingText]) -> list[str]:
        """The id of each heading read with ``heading_text`` (all of a page's, in order)."""
        given = [_given_id(text.attrs) for text in texts]
        # toc never changes an id that is already there, and avoids all of them.
        used = {id_ for id_ in given if id_}
        return [
            id_ or unique(_slug(self.slugify, text.text, self.separator), used)
            for text, id_ in zip(texts, given, strict=True)
        ]


@memoized(512)
def _given_id(attrs: str | None) -> str | None:
    """The id an attribute list gives, as attr_list reads it (the last one wins)."""
    if not attrs:
        return None
    pairs, _ = get_attrs_and_remainder(attrs)
    ids = [value for key, value in pairs if key in ("#", "id")]
    return ids[-1] if ids else None


@memoized(512)
def _slug(slugify: Slugify, text: str, separator: str) -> str:
    """Slugify functions are pure, and specs from one template share most headings."""
    return slugify(text, separator)


def heading_anchors(
    headings: Sequence[Heading], attr_list: bool, ids: Callable[[Sequence[HeadingText]], list[str]]
) -> tuple[tuple[int, str], ...]:
    """(line, id) of each of a page's headings, all of them in order, title included."""
    texts = [heading_text(heading.text, attr_list) for heading in headings]
    return tuple(zip((heading.line for heading in headings), ids(texts), strict=True))


def problem_anchors(
    report: Report, options: CatalogOptions
) -> dict[str, tuple[tuple[int, str], ...]]:
    """(line, id) of the headings of each spec with problems, for its box's jumps: only
    those specs have a box, and the others' headings are not worked out."""
    ids = options.heading_ids
    assert ids is not None  # page_catalog_options gives them
    return {
        spec.path: heading_anchors(spec.document.scan.headings, options.attr_list, ids)
        for spec in report.specs
        if spec.diagnostics
    }
