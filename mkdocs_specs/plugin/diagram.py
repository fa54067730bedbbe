"""The entity diagram on a spec page, drawn by the site's Mermaid fence where it has one."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig

from ..core.entities import Catalog, EntityKind
from ..render.diagram import entity_diagram
from .tree import stashed_block


@dataclass(frozen=True)
class MermaidFence:
    """The site's ``mermaid`` custom fence of pymdownx.superfences."""

    format: Callable[..., str]
    class_name: str

    def render(self, source: str, md: Markdown) -> str:
        """The HTML a ```` ```mermaid ```` fence with ``source`` gets on this site."""
        return self.format(
            source, "mermaid", self.class_name, {}, md, classes=[], id_value="", attrs={}
        )


def mermaid_fence(config: MkDocsConfig) -> MermaidFence | None:
    """The site's Mermaid fence, when it has one (as Material's docs set it up)."""
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    fence = next((f for f in fences if f.get("name") == "mermaid" and f.get("class")), None)
    if fence is None:
        return None
    if "format" in fence:
        return MermaidFence(fence["format"], fence["class"])
    # superfences' own default; imported only here, as pymdownx is there only then.
    # (pymdownx ships no type hints.)
    from pymdownx.superfences import fence_code_format  # type: ignore[import-untyped]

    return MermaidFence(fence_code_format, fence["class"])


def add_diagram(
    md: Markdown,
    headings: Mapping[str, tuple[etree.Element, etree.Element]],
    catalog: Catalog,
    mermaid: MermaidFence,
    path: str,
) -> None:
    """The diagram of the entities the spec at ``path`` defines, before the heading of its
    first data model or table (else its first entity); ``headings`` maps each heading's id
    to (its parent, the heading)."""
    source = entity_diagram(catalog, path)
    entities = catalog.defined_in(path)
    models = [e for e in entities if e.kind in (EntityKind.MODEL, EntityKind.TABLE)]
    place = headings.get((models or entities)[0].anchor) if source else None
    if place is None or source is None:
        return
    parent, heading = place
    holder = stashed_block(md, mermaid.render(source, md))
    holder.tail = "\n"
    parent.insert(list(parent).index(heading), holder)
