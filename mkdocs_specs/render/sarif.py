"""SARIF 2.1.0: diagnostics as a static-analysis log that code-scanning services read.

One run, one rule per rule code (from the catalogue in ``rules.RULES``, with its summary and
help text), one result per diagnostic with its file (relative to the source root), line and
column; suppressed ones carry ``suppressions``, and under a baseline each of the others says
whether it is new (``baselineState``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..core.diagnostics import Diagnostic, Severity
from ..core.rules import RULES, Rule
from .checkout_paths import from_checkout, located

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL_NAME = "mkdocs-specs"
# Relative URIs are relative to the checkout: what code-scanning uploaders expect.
SOURCE_ROOT = "%SRCROOT%"


def sarif_log(
    diagnostics: Sequence[Diagnostic], baseline: bool = False, root: Path | None = None
) -> dict[str, object]:
    """The log; with ``baseline`` (one was used), each result says whether it is new. Paths
    under ``root`` (the checkout's; else the working folder) are relative to it."""
    base = (root or Path.cwd()).resolve()
    rules = list(RULES.values())
    # A code missing from the catalogue still gets a rule, so every result has one.
    known = set(RULES)
    for code in sorted({d.code for d in diagnostics} - known):
        rules.append(Rule(code, Severity.ERROR, code, ""))
    index = {rule.code: position for position, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                # Our columns count characters, not UTF-16 units (SARIF's default).
                "columnKind": "unicodeCodePoints",
                # Where the relative URIs are, for readers that do not know the checkout.
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": _folder_uri(base)}},
                "results": [_result(d, index[d.code], baseline, base) for d in diagnostics],
            }
        ],
    }


def _folder_uri(folder: Path) -> str:
    """A folder's URI, ending with a slash as SARIF's base URIs must."""
    uri = folder.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "shortDescription": {"text": rule.when},
        "help": {"text": rule.hint},
    }


def _result(
    diagnostic: Diagnostic, rule_index: int, baseline: bool, root: Path
) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": diagnostic.severity.value,
        "message": {"text": diagnostic.explained},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(diagnostic.path, root),
                    "region": {"startLine": diagnostic.line, "startColumn": diagnostic.column},
                }
            }
        ],
    }
    if diagnostic.suppressed:  # by a comment in the spec itself
        result["suppressions"] = [{"kind": "inSource"}]
    elif baseline:
        # A suppressed one was never compared with the baseline (which leaves such out):
        # "new" would say what it is not.
        result["baselineState"] = "unchanged" if diagnostic.baselined else "new"
    return result


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """A path (relative to the working folder, or absolute) under ``root`` (resolved) as a URI
    relative to the source root; any other as a file URI."""
    relative = from_checkout(path, root)
    if relative is None:
        return {"uri": located(path).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SOURCE_ROOT}
