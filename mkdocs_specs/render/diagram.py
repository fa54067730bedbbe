"""A Mermaid class diagram of the entities a spec defines and what they refer to."""

from __future__ import annotations

import re

from ..core.entities import Catalog, ReferenceKind

# Names come from specs: keep only characters that cannot end a label or start a statement.
_UNSAFE_NAME = re.compile(r"[^\w .:/-]+")
_UNSAFE_LABEL = re.compile(r"[^\w ./-]+")


def _clean(text: str, unsafe: re.Pattern[str], limit: int) -> str:
    text = " ".join(unsafe.sub("", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_diagram(catalog: Catalog, path: str) -> str | None:
    """Mermaid ``classDiagram`` source for the spec at ``path``; None if it defines nothing."""
    own = catalog.defined_in(path)
    if not own:
        return None
    own_names = {entity.name for entity in own}
    edges: dict[tuple[str, str], str] = {}
    for reference in catalog.references_from(path):
        source, target = reference.source, reference.target
        if source in own_names and target and target != source:
            label = reference.text if reference.kind is ReferenceKind.RELATIONSHIP else ""
            edges.setdefault((source, target), _clean(label, _UNSAFE_LABEL, 40))
    others = [target for _, target in edges if target not in own_names]
    names = [entity.name for entity in own] + list(dict.fromkeys(others))
    ids = {name: f"e{index}" for index, name in enumerate(names)}
    # Left to right: a spec defines many entities, and top to bottom Mermaid lays them out in
    # one row that Material shrinks to the page width until the labels cannot be read.
    lines = ["classDiagram", "    direction LR"]
    for name in names:
        entity = catalog.named(name)
        kind = entity.kind.value if entity else "entity"
        lines.append(f'    class {ids[name]}["{_clean(name, _UNSAFE_NAME, 60) or "?"}"]')
        lines.append(f"    <<{kind}>> {ids[name]}")
    for (source, target), label in edges.items():
        lines.append(f"    {ids[source]} --> {ids[target]}" + (f" : {label}" if label else ""))
    return "\n".join(lines) + "\n"
