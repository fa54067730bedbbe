"""Real specifications from public repositories, and fixtures of our own in their forms.

The real documents are read from `shared/realspecs/` beside the repository (never copied into
it); builds copy them into tmp_path at test time. Without the folder these tests fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import filled_spec, real_spec_paths
from htmltree import content, parse
from reference import reference_headings, scanner_headings

from mkdocs_specs.core.check import CheckedSpec, Source, check_sources, read_source
from mkdocs_specs.core.rules import RULES
from mkdocs_specs.core.scanner import scan, split_lines
from mkdocs_specs.core.template import load_template

_FORMAT = re.compile(
    r"(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?:error|warning) \[(?P<code>[a-z-]+)\] .+"
)


@pytest.fixture(scope="module")
def real_specs() -> list[Path]:
    return real_spec_paths()  # fails, saying so, when ../shared/realspecs is missing


@pytest.fixture(scope="module")
def report(real_specs):
    return check_sources([read_source(path, path.name) for path in real_specs], load_template())


def spec(report, name: str) -> CheckedSpec:
    found = next((s for s in report.specs if s.path.startswith(name)), None)
    assert found is not None, name
    return found


def codes(checked: CheckedSpec) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for diagnostic in checked.diagnostics:
        found.setdefault(diagnostic.code, []).append(diagnostic.line)
    return found


# -- Every document --------------------------------------------------------------------------


def test_scanner_headings_equal_markdown_it_on_every_real_spec(real_specs) -> None:
    for path in real_specs:
        text = path.read_text(encoding="utf-8")
        assert scanner_headings(scan(text)) == reference_headings(text), path.name


def test_check_gives_every_real_spec_sensible_diagnostics(real_specs, tmp_path: Path) -> None:
    from conftest import Site

    site = Site(tmp_path)
    folder = tmp_path / "specs"
    folder.mkdir()
    for path in real_specs:
        shutil.copy(path, folder / path.name)
    done = site.check("specs")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"Checked {len(real_specs)} specs" in done.stderr
    lines = {path.name: len(split_lines(path.read_text(encoding="utf-8"))) for path in real_specs}
    seen = set()
    for line in done.stdout.splitlines():
        match = _FORMAT.fullmatch(line)
        assert match, line
        name = Path(match["path"]).name
        seen.add(name)
        assert 1 <= int(match["line"]) <= lines[name], line
        assert match["code"] in RULES, line
        assert "(hint: " in line, line
    assert seen == set(lines)  # none of them is a spec of this template as it stands


def test_full_build_of_every_real_spec(real_specs, make_site) -> None:
    site = make_site(plugin={"fail_on": "never"})
    for path in real_specs:
        (site.docs / "specs").mkdir(exist_ok=True)
        shutil.copy(path, site.docs / "specs" / path.name)
    done = site.build()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for path in real_specs:
        page = content(parse(site.html(f"specs/{path.stem}/index.html")))
        assert page.find_all("span", cls="spec-badge"), path.name
    index = content(parse(site.html("specs/index.html")))
    linked = {a.attrs.get("href", "").strip("./") for a in index.find_all("a")}
    assert {path.stem for path in real_specs} <= linked


# -- Documents read as their authors meant ----------------------------------------------------


def test_ready_for_implementation_is_an_unknown_status_with_a_way_out(report) -> None:
    checked = spec(report, "audiophil-dev")
    assert checked.document.field_value("status") == "Ready for Implementation"
    assert checked.document.field_value("documenttype") == "Technical Specification"
    status = next(d for d in checked.diagnostics if d.code == "unknown-status")
    assert status.line == 6
    assert "Draft, Review, Approved, Implemented" in status.hint
    assert 'add "Ready for Implementation"' in status.hint
    # "6. Monitoring & Observability" is the template's section, numbered.
    sections = [d for d in checked.diagnostics if d.code == "missing-section"]
    assert not any('"Monitoring & Observability" is missing' in d.message for d in sections)
    assert any('under "6. Monitoring & Observability"' in d.message for d in sections)


def test_document_information_bullets_are_header_fields(report) -> None:
    checked = spec(report, "CarmenSoftware-organization__carmen__TS-vendor-portal")
    fields = checked.document.fields
    assert fields["status"].value == "Updated" and fields["status"].line == 8
    assert fields["version"].value == "3.0.0"
    assert fields["created"].value == "2025-01-23"
    assert fields["lastupdated"].value == "2025-11-26"
    found = codes(checked)
    assert found["unknown-status"] == [8]
    missing = {d.message for d in checked.diagnostics if d.code == "missing-field"}
    assert missing == {
        'Header field "Technical Lead" is missing',
        'Header field "Feature/Epic" is missing',
    }


def test_metadata_tables_are_header_fields(report) -> None:
    adr = spec(report, "WadzanaiMaparura__MerchOS.blueprint__ADR-002")
    assert adr.status == "Approved"
    blueprint = spec(report, "WadzanaiMaparura__MerchOS.blueprint__15")
    # The table sits under a subtitle heading ("## Volume 15 — API Specifications").
    assert blueprint.status == "Draft"
    assert blueprint.document.field_value("technicallead") == "Kiro AI"
    assert blueprint.document.fields["created"].line == 15
    assert "invalid-field" not in codes(blueprint) and "unknown-status" not in codes(blueprint)


def test_fields_under_a_subtitle_heading_are_header_fields(report) -> None:
    checked = spec(report, "AgentsLogic")
    assert checked.status == "Draft"
    assert checked.document.fields["version"].line == 4
    # A Draft: missing sections are warnings.
    assert {d.severity.value for d in checked.diagnostics if d.code == "missing-section"} == {
        "warning"
    }


def test_front_matter_is_read_with_its_lines(report) -> None:
    eip = spec(report, "ethereum__EIPs")
    assert eip.document.title.text == "Fee market change for ETH 1.0 chain"
    assert eip.document.title.line == 3
    assert eip.document.fields["created"].value == "2019-04-13"
    assert eip.document.fields["created"].line == 9
    assert codes(eip)["unknown-status"] == [6]
    madr = spec(report, "adr__madr")
    assert madr.document.field_value("status") == "on hold"
    assert codes(madr)["unknown-status"] == [4]


def test_colon_inside_bold_and_emoji_headings(report) -> None:
    kevin = spec(report, "kevinl1029")
    assert kevin.status == "Implemented"
    assert kevin.document.fields["created"].value == "2026-02-09"
    missing = {d.message for d in kevin.diagnostics if d.code == "missing-field"}
    assert missing == {
        'Header field "Technical Lead" is missing',
        'Header field "Feature/Epic" is missing',
        'Header field "Version" is missing',
    }
    blueprint = spec(report, "CarmenSoftware-organization__carmen__architecture-blueprint")
    titles = [heading.text for heading in blueprint.document.outline]
    assert "🎯 Executive Summary" in titles
    invalid = next(d for d in blueprint.diagnostics if d.code == "invalid-field")
    assert invalid.line == 5 and "August 22, 2025" in invalid.message


# -- Our own fixtures in the same forms --------------------------------------------------------

HEADER = filled_spec().split("\n## Overview", 1)
BODY = "\n## Overview" + HEADER[1]
TITLE = "# Specification: Orders\n"


def check_one(text: str) -> CheckedSpec:
    return check_sources([Source("specs/orders.md", text)], load_template()).specs[0]


def test_own_document_information_section_with_colon_inside_bold() -> None:
    text = (
        TITLE + "\n## Document Information\n\n"
        "- **Document Type:** Technical Specification\n"
        "- **Created:** 2026-01-10\n- **Last Updated:** 2026-02-01\n- **Status:** Review\n"
        "- **Technical Lead:** Grace Hopper\n- **Feature/Epic:** SHOP-7\n- **Version:** 2.1\n"
    ) + BODY
    checked = check_one(text)
    assert checked.status == "Review"
    assert checked.document.fields["technicallead"].value == "Grace Hopper"
    assert checked.document.fields["status"].line == 8
    assert not [d for d in checked.diagnostics if d.code in ("missing-field", "invalid-field")]


def test_own_metadata_table_under_a_subtitle() -> None:
    text = (
        TITLE + "\n## Design Document\n\n---\n\n| Field | Value |\n|:--|:--|\n"
        "| **Document Type** | Technical Specification |\n| **Created** | 2026-01-10 |\n"
        "| **Last Updated** | 2026-02-01 |\n| **Status** | implemented |\n"
        "| **Technical Lead** | Grace Hopper |\n| **Feature/Epic** | SHOP-7 |\n"
        "| **Version** | 3.0.1 |\n\n---\n"
    ) + BODY
    checked = check_one(text)
    assert checked.status == "Implemented"  # statuses match whatever their case
    assert checked.document.fields["version"].value == "3.0.1"
    assert checked.document.fields["created"].column == 5
    assert not [d for d in checked.diagnostics if d.is_error]


def test_own_numbered_and_emoji_headings_match_the_template() -> None:
    body = BODY
    for number, name in enumerate(["Overview", "System Architecture", "Data Models"], 1):
        body = body.replace(f"\n## {name}\n", f"\n## {number}. 📘 {name}\n", 1)
    body = body.replace("## Monitoring & Observability", "## 9) Monitoring and Observability ✅")
    body = body.replace("### Purpose", "### 1.1 Purpose:")
    checked = check_one(HEADER[0] + body)
    assert not [d for d in checked.diagnostics if d.code in ("missing-section", "section-order")]
    assert not [d for d in checked.diagnostics if d.is_error]


def test_own_front_matter_header() -> None:
    text = (
        "---\ntitle: Orders\ndocument_type: Technical Specification\ncreated: 2026-01-10\n"
        "last-updated: 2026-02-01\nstatus: Approved\ntechnical_lead: Grace Hopper\n"
        "feature/epic: SHOP-7\nversion: '1.4'\n---\n" + TITLE + BODY
    )
    checked = check_one(text)
    assert checked.status == "Approved"
    assert checked.document.fields["lastupdated"].line == 5
    assert checked.document.fields["created"].value == "2026-01-10"
    assert not [d for d in checked.diagnostics if d.is_error]


def test_own_statuses_of_a_teams_own() -> None:
    ready = check_one(filled_spec(status="Ready for Implementation"))
    status = next(d for d in ready.diagnostics if d.code == "unknown-status")
    assert status.hint == (
        "Use one of Draft, Review, Approved, Implemented, or add "
        '"Ready for Implementation" to the statuses of the template\'s Status field.'
    )
    remark = check_one(filled_spec(status="Approved (signed off 2026-02-01)"))
    assert remark.status == "Approved"
    assert "unknown-status" not in {d.code for d in remark.diagnostics}
