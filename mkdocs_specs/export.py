"""``specs.json``: the machine-readable catalogue of a site's specs.

Stable by construction: specs by path, keys sorted, no timestamps, so two builds of the same
sources write the same bytes.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from .document import walk
from .header import header_fields
from .project import CheckedSpec, Report

FORMAT_VERSION = 1


def export_data(report: Report, urls: Mapping[str, str]) -> dict[str, object]:
    """The catalogue; ``urls`` maps a spec's docs-relative path to its site-relative URL."""

    def url(path: str) -> str:
        return urls.get(path, "")

    return {
        "version": FORMAT_VERSION,
        "specs": [_spec(report, spec, url) for spec in report.specs],
        "entities": report.catalog.entities_json(url),
    }


def _spec(report: Report, spec: CheckedSpec, url: Callable[[str], str]) -> dict[str, object]:
    fields = header_fields(spec, report.template).values()
    return {
        "title": report.catalog.title(spec.path),
        "path": spec.path,
        "url": url(spec.path),
        "status": spec.status,
        "fields": {field.label: field.value for field in fields},
        "sections": [
            {"title": section.title, "level": section.heading.level, "line": section.heading.line}
            for section in walk(spec.document.sections)
        ],
        # Entities it defines and references it makes, from the entity catalogue.
        **report.catalog.spec_json(spec.path, url),
        "diagnostics": [diagnostic.to_dict() for diagnostic in spec.diagnostics],
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)


def _blocks(data: Mapping[str, object], size: int = 8192) -> Iterator[str]:
    """The file's text in blocks of ``size`` pieces: a large site's text is never held whole.

    (With ``indent``, json encodes in Python, piece by piece; joining a million pieces at once
    costs several times the size of the text.)
    """
    pieces = _ENCODER.iterencode(data)
    while block := list(itertools.islice(pieces, size)):
        yield _html_safe("".join(block))
    yield "\n"


def _html_safe(text: str) -> str:
    """``<``, ``>`` and ``&`` as JSON escapes: the file can go in a <script> element as it is."""
    # str.replace, not str.translate with a table: many times faster on long text.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def dumps(data: Mapping[str, object]) -> str:
    return "".join(_blocks(data))


def write(data: Mapping[str, object], path: Path) -> None:
    """``dumps(data)`` into the file at ``path``, written as it is encoded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        file.writelines(_blocks(data))
