"""The baseline: problems recorded as known, which no longer fail anything.

An entry is a fingerprint of a problem: the spec's path (docs-relative), the rule code, the
message (less what moves in it, ``Rule.moving``) and a digest of the offending line's text,
not its number, so that an entry still matches after lines above it move. What is missing (a
section, a field, the title) has no line of its own: its entry matches wherever the doc's lines
go. The file is sorted JSON, so that its diffs review well.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .rules import RULES

FORMAT = "mkdocs-specs baseline"
VERSION = 1
DEFAULT_NAME = ".specs-baseline.json"  # beside mkdocs.yml
# The template a message names goes with its file's name, which a team may change.
_TEMPLATE = re.compile(r" \(template: .*\)$")


class BaselineError(ValueError):
    """The file is not a baseline this version can read: one line."""


def line_digest(text: str) -> str:
    """A short digest of a line as it reads, whatever its indentation."""
    data = text.strip().encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass(frozen=True, order=True)
class Fingerprint:
    path: str
    code: str
    message: str
    line: str  # line_digest of the offending line


def fingerprint(diagnostic: Diagnostic, path: str, line: str) -> Fingerprint:
    return _keyed(path, diagnostic.code, diagnostic.message, line)


def _keyed(path: str, code: str, message: str, line: str) -> Fingerprint:
    """The fingerprint, without the template's name or what moves in the message, nor the
    line's digest where the rule's line is only a place; entries read from a file go through
    it too, so that a file that kept them still matches."""
    rule = RULES.get(code)
    message = _TEMPLATE.sub("", message)
    if rule is None:
        return Fingerprint(path, code, message, line)
    return Fingerprint(path, code, rule.steady(message), line if rule.on_its_line else "")


@dataclass(frozen=True)
class Baseline:
    entries: Counter[Fingerprint] = field(default_factory=Counter)

    @classmethod
    def of(cls, fingerprints: Iterable[Fingerprint]) -> Baseline:
        return cls(Counter(fingerprints))

    def __len__(self) -> int:
        return sum(self.entries.values())

    def without(self, stale: Counter[Fingerprint]) -> Baseline:
        return Baseline(self.entries - stale)

    def stale(self, found: Iterable[Fingerprint], skipped: Container[str]) -> Counter[Fingerprint]:
        """The entries (with how many of each) that ``found`` no longer has, but those of the
        rules that were ``skipped``: whether their problems still occur is not known."""
        known = Counter({f: n for f, n in self.entries.items() if f.code not in skipped})
        return known - Counter(found)

    def of_rules(self, codes: Container[str]) -> Baseline:
        """The entries of the rules ``codes`` names."""
        return Baseline(Counter({f: n for f, n in self.entries.items() if f.code in codes}))

    def __add__(self, other: Baseline) -> Baseline:
        return Baseline(self.entries + other.entries)

    def dumps(self) -> str:
        entries = [
            {"path": f.path, "code": f.code, "message": f.message, "line": f.line, "count": n}
            for f, n in sorted(self.entries.items())
        ]
        document = {"format": FORMAT, "version": VERSION, "entries": entries}
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def loads(text: str, name: str) -> Baseline:
    """The baseline in ``text`` (read from ``name``); raises ``BaselineError``."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise BaselineError(f"{name} is not a baseline: not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BaselineError(f'{name} is not a mkdocs-specs baseline (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise BaselineError(
            f"{name} is a baseline of version {document.get('version')!r}; "
            f"this mkdocs-specs reads version {VERSION}"
        )
    entries: Counter[Fingerprint] = Counter()
    listed = document.get("entries")
    if not isinstance(listed, list):
        raise BaselineError(f'{name} is not a mkdocs-specs baseline ("entries" is not a list)')
    for number, entry in enumerate(listed, 1):
        entries[_entry(entry, f"{name}: entry {number}")] += _count(
            entry, f"{name}: entry {number}"
        )
    return Baseline(entries)


def _entry(entry: object, where: str) -> Fingerprint:
    keys = ("path", "code", "message", "line")
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in keys):
        raise BaselineError(f"{where} is not an entry (path, code, message, line, count)")
    return _keyed(*(str(entry[k]) for k in keys))


def _count(entry: Mapping[str, object], where: str) -> int:
    found = entry.get("count", 1)
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise BaselineError(f"{where} has a count that is not a positive whole number")
    return found


def read_baseline(path: Path) -> Baseline | None:
    """The baseline at ``path``; None when there is no such file. Raises ``BaselineError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BaselineError(f"{path} cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BaselineError(f"{path} is not a baseline: not UTF-8 text") from None
    return loads(text, str(path))
