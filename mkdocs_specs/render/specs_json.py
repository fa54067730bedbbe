"""``specs.json``: the machine-readable catalogue of a site's specs.

Stable by construction: specs by path, keys sorted, no timestamps, so two builds of the same
sources write the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..core.check import CheckedSpec, Report
from ..core.entities import Catalog
from ..core.statuses import status_category
from .header import Categories, header_fields

FORMAT_VERSION = 1


def lines(
    report: Report, urls: Mapping[str, str], categories: Categories | None = None
) -> Iterator[str]:
    """The file's text, an entity or a spec a line; ``urls`` maps a spec's docs-relative path
    to its site-relative URL; ``categories`` is the ``statuses:`` option.

    Each spec is made and encoded (by json's C encoder) only when its turn comes, so a large
    site's catalogue is never held whole, as objects or as text.
    """

    def url(path: str) -> str:
        return urls.get(path, "")

    yield '{"entities": {'
    for number, (name, entity) in enumerate(entities(report.catalog, url).items()):
        yield f"{',' if number else ''}\n{_encode(name)}: {_encode(entity)}"
    yield '\n}, "specs": ['
    for number, spec in enumerate(report.specs):
        yield f"{',' if number else ''}\n{_encode(_spec(report, spec, url, categories))}"
    yield f'\n], "version": {FORMAT_VERSION}}}\n'


def _spec(
    report: Report,
    spec: CheckedSpec,
    url: Callable[[str], str],
    categories: Categories | None,
) -> dict[str, object]:
    fields = header_fields(spec, report.template_of(spec.doc_type)).values()
    return {
        "title": report.catalog.title(spec.path),
        "path": spec.path,
        "type": spec.doc_type,
        "url": url(spec.path),
        "status": spec.status,
        "category": status_category(spec.status, categories),
        "fields": {field.label: field.value for field in fields},
        "sections": [
            {"title": heading.text, "level": heading.level, "line": heading.line}
            for heading in spec.document.outline
        ],
        **catalogued(report.catalog, spec.path, url),
        "relations": [
            {"relation": relation.kind, "path": relation.path, "url": url(relation.path)}
            for relation in report.relations.get(spec.path, ())
        ],
        "diagnostics": [diagnostic.to_dict() for diagnostic in spec.diagnostics],
        # When the next review falls due (from git and the Review Schedule), else null.
        "review_due": spec.review_due.isoformat() if spec.review_due else None,
    }


def entities(catalog: Catalog, url: Callable[[str], str]) -> dict[str, dict[str, object]]:
    """The ``entities`` map; ``url`` gives a spec's site URL from its path."""
    return {
        entity.name: {
            "spec": entity.path,
            "url": f"{url(entity.path)}#{entity.anchor}",
            "referenced_by": catalog.referrers(entity),
        }
        for entity in sorted(catalog.entities, key=lambda e: e.name)
    }


def catalogued(
    catalog: Catalog, path: str, url: Callable[[str], str]
) -> dict[str, list[dict[str, object]]]:
    """A spec's ``entities`` and ``references``, in source order."""
    return {
        "entities": [
            {"name": e.name, "kind": e.kind.value, "url": f"{url(e.path)}#{e.anchor}"}
            for e in catalog.defined_in(path)
        ],
        "references": [
            {"name": r.name, "entity": r.target, "line": r.line, "column": r.column}
            for r in catalog.references_from(path)
        ],
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _encode(value: object) -> str:
    """``value`` as JSON, with ``<``, ``>`` and ``&`` as escapes: the file can go in a
    <script> element as it is."""
    text = _ENCODER.encode(value)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def write(
    report: Report, urls: Mapping[str, str], path: Path, categories: Categories | None = None
) -> None:
    """``specs.json`` into the file at ``path``, written as it is made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        file.writelines(lines(report, urls, categories))
