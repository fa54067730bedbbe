"""The example site (`example_site/`): its content, and how it builds.

The site is the showcase and the project's documentation, so it holds one deliberate Draft,
`specs/returns.md`, whose leftover template placeholders the plugin reports as warnings.
That decides how it builds:

- `mkdocs build` (what `mkdocs serve` runs) exits 0, and its only warnings are exactly those
  placeholder warnings;
- `mkdocs build --strict` fails on them, as it should; once they are filled in, the same site
  builds with `--strict`, MkDocs' link and anchor validation included.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, SCRIPT, run, specs
from htmltree import Node, content, parse

from mkdocs_specs.core.rules import RULES
from mkdocs_specs.plugin.config import SpecsConfig

EXAMPLE = REPO / "example_site"
STATUSES = ("Draft", "Review", "Approved", "Implemented")

# The Draft's unfilled placeholders: what a newcomer sees in the build log, and in the index.
DRAFT_PLACEHOLDERS = {
    "[Name]": "Mara Okafor",
    "[Purpose and responsibilities]": "Renders return labels through the parcels service.",
    "[Performance testing scenarios]": "A January return wave: 5 000 return requests an hour.",
    "[Growth testing]": "Twice the January peak, with label rendering as the limit.",
    "[Technical approval sign-off]": "Pending",
}
DRAFT_WARNINGS = [
    "specs/returns.md:11:21: warning [placeholder] Placeholder [Name] is not filled in",
    "specs/returns.md:48:30: warning [placeholder] "
    "Placeholder [Purpose and responsibilities] is not filled in",
    "specs/returns.md:341:23: warning [placeholder] "
    "Placeholder [Performance testing scenarios] is not filled in",
    "specs/returns.md:343:26: warning [placeholder] Placeholder [Growth testing] is not filled in",
    "specs/returns.md:395:15: warning [placeholder] "
    "Placeholder [Technical approval sign-off] is not filled in",
]
LOG_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$", re.MULTILINE)


def build(root: Path, site_dir: Path, *args: str):
    return run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *args,
        ],
        cwd=root,
    )


def problems(output: str) -> list[str]:
    """Every WARNING/ERROR log line, without the logger prefix and the hint."""
    lines = []
    for _, message in LOG_LINE.findall(output):
        message = message.removeprefix("mkdocs_specs: ")
        lines.append(message.split(" (hint: ")[0])
    return lines


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    site_dir = tmp_path_factory.mktemp("example") / "site"
    result = build(EXAMPLE, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir, result.stderr


@pytest.fixture(scope="module")
def catalogue(built) -> dict:
    return json.loads((built[0] / "specs.json").read_text(encoding="utf-8"))


def test_build_exits_0_and_warns_only_about_the_drafts_placeholders(built) -> None:
    assert problems(built[1]) == DRAFT_WARNINGS


def test_strict_build_fails_on_the_drafts_placeholders(tmp_path) -> None:
    result = build(EXAMPLE, tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert problems(result.stderr)[: len(DRAFT_WARNINGS)] == DRAFT_WARNINGS


def test_strict_build_is_green_once_the_draft_is_filled_in(tmp_path) -> None:
    copy = tmp_path / "example_site"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("site", "screenshots"))
    draft = copy / "docs" / "specs" / "returns.md"
    text = draft.read_text(encoding="utf-8")
    for placeholder, filled in DRAFT_PLACEHOLDERS.items():
        assert placeholder in text
        text = text.replace(placeholder, filled)
    draft.write_text(text, encoding="utf-8")

    result = build(copy, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert problems(result.stderr) == []


def test_check_reports_the_same_warnings_and_no_errors() -> None:
    # The console script that `pip install` puts beside this interpreter, as users run it.
    command = [SCRIPT, "check", "-f", "mkdocs.yml"]
    result = run(command, cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert [line.split(" (hint: ")[0] for line in lines if line.startswith("docs/")] == [
        "docs/" + warning for warning in DRAFT_WARNINGS
    ]
    assert specs(EXAMPLE, *command[1:], "--strict").returncode == 1


def test_eight_complete_specs_two_per_status_and_one_draft_with_placeholders(catalogue) -> None:
    complete = Counter(spec["status"] for spec in catalogue["specs"] if not spec["diagnostics"])
    assert all(complete[status] >= 2 for status in STATUSES), complete
    assert sum(complete.values()) >= 8
    unfinished = [spec for spec in catalogue["specs"] if spec["diagnostics"]]
    assert [spec["path"] for spec in unfinished] == ["specs/returns.md"]
    assert unfinished[0]["status"] == "Draft"
    assert {d["code"] for d in unfinished[0]["diagnostics"]} == {"placeholder"}


def test_every_kind_of_entity_is_referenced_across_specs(catalogue) -> None:
    kinds = {
        entity["name"]: entity["kind"] for spec in catalogue["specs"] for entity in spec["entities"]
    }
    across = Counter(
        kinds[name]
        for name, entity in catalogue["entities"].items()
        if set(entity["referenced_by"]) - {entity["spec"]}
    )
    assert set(across) == {"model", "table", "endpoint", "event"}, across
    # Every spec uses another spec's entities: the product hangs together.
    for spec in catalogue["specs"]:
        others = {
            catalogue["entities"][reference["entity"]]["spec"]
            for reference in spec["references"]
            if reference["entity"] in catalogue["entities"]
        } - {spec["path"]}
        assert others, spec["path"]


def test_a_code_span_naming_an_entity_links_to_it(built) -> None:
    # The site lists pymdownx.inlinehilite, which keeps code spans' text aside.
    page = parse((built[0] / "decisions/0001-store-orders-in-mysql/index.html").read_text("utf-8"))
    linked = [a.attrs["href"] for a in page.find_all("a", cls="spec-ref") if a.find_all("code")]
    assert linked == ["../../specs/orders/#order"], linked


@pytest.fixture(scope="module")
def home(built) -> Node:
    return content(parse((built[0] / "index.html").read_text(encoding="utf-8")))


def test_home_page_documents_every_rule_code_and_config_key(home) -> None:
    codes = {node.text for node in home.find_all("code")}
    assert set(RULES) <= codes, set(RULES) - codes
    assert set(SpecsConfig()) <= codes, set(SpecsConfig()) - codes


def test_home_page_documents_install_and_the_command_line(home) -> None:
    headings = [node.text.rstrip("¶") for node in home.find_all("h2")]
    assert {"Install", "Configuration", "Rules", "Command line"} <= set(headings)
    assert "pip install mkdocs-specs" in home.text
    assert "mkdocs-specs check [PATH ...]" in home.text


GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_spec_pages(built, tmp_path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.6, loads the plugin from its own entry
    point (`properdocs.plugins`): the spec pages are the MkDocs build's, but for the name of
    the generator."""
    site_dir = tmp_path / "site"
    command = [sys.executable, "-m", "properdocs", "build", "-q", "-f", "mkdocs.yml"]
    done = run([*command, "-d", str(site_dir)], cwd=EXAMPLE)
    assert done.returncode == 0, done.stderr
    pages = sorted(path.relative_to(built[0]) for path in (built[0] / "specs").rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        ours, theirs = (
            GENERATOR.sub("", (root / page).read_text("utf-8")) for root in (built[0], site_dir)
        )
        assert ours == theirs, page
    assert (site_dir / "specs.json").read_bytes() == (built[0] / "specs.json").read_bytes()
