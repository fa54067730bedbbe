"""Spec text never becomes markup in what the plugin generates.

Titles, statuses, field values and entity names carry `<script>`, `"><img onerror>` and Mermaid
directives. The only live markup from a spec may be what its author wrote into the page's own
content (here, the H1); the badge, card, problem box, links, backlinks, index, specs.json and
the entity diagram show it all as text.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import Site, filled_spec
from htmltree import Node, content, parse

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
EVIL_TITLE = f"Specification: Evil {ATTRIBUTE} {SCRIPT}"
EVIL_STATUS = f"Approved{ATTRIBUTE}"
EVIL_LEAD = f"Eve {SCRIPT}"
EVIL_VERSION = f"1.0{SCRIPT}"
# Entity names as headings: no tags (a heading's tags are the author's own markup) and no
# brackets (placeholders), but the characters Mermaid and HTML attributes treat specially.
ENTITY = 'Evil" click e0 call alert() %%{init: {"theme":"dark"}}%%'
TARGET = "Target}%%{init}%%"
REFS_TITLE = f"Specification: Refs {SCRIPT}"
# A title is its H1 as readers see it: the author's tags render, so they are not its text.
SHOWN_TITLE = 'Specification: Evil "> alert(1)'
SHOWN_REFS_TITLE = "Specification: Refs alert(1)"

EVIL = (
    filled_spec("Evil")
    .replace("# Specification: Evil", f"# {EVIL_TITLE}", 1)
    .replace("**Status**: Approved", f"**Status**: {EVIL_STATUS}", 1)
    .replace("**Technical Lead**: Ada Lovelace", f"**Technical Lead**: {EVIL_LEAD}", 1)
    .replace("**Version**: 1.0", f"**Version**: {EVIL_VERSION}", 1)
    .replace("### EvilRecord", f"### {ENTITY}", 1)
    .replace(
        "- **EvilRecord**: Relationship type and description",
        f'- **{TARGET}**: has many"] click e1 call alert()\n  %%{{init: {{}}}}%%',
        1,
    )
    .replace("### Database Schema", f"### {TARGET}\n\nThe target.\n\n### Database Schema", 1)
)
REFS = filled_spec("Refs").replace("# Specification: Refs", f"# {REFS_TITLE}", 1) + (
    f"\n## Notes\n\nSee [[{TARGET}]], `{TARGET}`, [[{SCRIPT}]] and [[{ATTRIBUTE}]].\n"
)

MERMAID = """
markdown_extensions:
  - attr_list
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("escaping"))
    for relative, text in {
        "index.md": "# Home\n",
        "specs/evil.md": EVIL,
        "specs/refs.md": REFS,
    }.items():
        site.write(relative, text)
    config = {
        "site_name": "Specs",
        "theme": {"name": "material"},
        "plugins": ["search", {"specs": {"fail_on": "never", "show_diagnostics": "always"}}],
    }
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(config) + MERMAID, encoding="utf-8")
    site.build_in_process()  # an exception from the plugin would fail here
    return site


def injected(root: Node) -> list[Node]:
    """Live markup from the payloads: scripts and event-handler attributes, outside the H1."""
    found = [
        node
        for node in root.iter()
        if node.tag == "script" or any(name.startswith("on") for name in node.attrs)
    ]
    return [node for node in found if not _inside(node, "h1")]


def _inside(node: Node, tag: str) -> bool:
    while node.parent is not None:
        node = node.parent
        if node.tag == tag:
            return True
    return False


def page(site: Site, relative: str) -> Node:
    return content(parse(site.html(relative)))


def test_the_authors_own_heading_is_the_only_live_markup(site) -> None:
    evil = page(site, "specs/evil/index.html")
    # The payload in the H1 is the author's own raw HTML, rendered by Markdown as written
    # (that is how the probe below proves the payload is live markup where not escaped).
    h1 = evil.find("h1")
    assert h1.find_all("img") and h1.find_all("script")
    assert injected(evil) == []
    assert injected(page(site, "specs/refs/index.html")) == []


def test_badge_and_card_show_spec_text_as_text(site) -> None:
    evil = page(site, "specs/evil/index.html")
    badge = evil.find("span", cls="spec-badge")
    assert badge.attrs["data-spec-status"] == EVIL_STATUS
    assert badge.classes == ["spec-badge", "spec-badge--unknown"]
    card = evil.find("dl", cls="spec-card")
    assert card.find("dd", data_spec_field="technicallead").text == EVIL_LEAD
    assert card.find("dd", data_spec_field="status").text == EVIL_STATUS
    assert card.find("dd", data_spec_field="version").text == EVIL_VERSION


def test_problem_box_shows_spec_text_as_text(site) -> None:
    evil = page(site, "specs/evil/index.html")
    box = evil.find(cls="spec-diagnostics")
    messages = [item.text for item in box.find_all("li")]
    assert any(f'"{EVIL_STATUS}"' in text for text in messages)
    assert any(f'"{EVIL_VERSION}"' in text for text in messages)
    refs = page(site, "specs/refs/index.html").find(cls="spec-diagnostics")
    unresolved = refs.find_all("li", data_code="unresolved-reference")
    assert {SCRIPT, ATTRIBUTE} <= {
        name for item in unresolved for name in (SCRIPT, ATTRIBUTE) if f"[[{name}]]" in item.text
    }


def test_links_and_backlinks_keep_titles_and_names_as_text(site) -> None:
    refs = page(site, "specs/refs/index.html")
    links = [a for a in refs.find_all("a", cls="spec-ref")]
    titles = {a.attrs["title"] for a in links}
    assert f"{TARGET} (model, {SHOWN_TITLE})" in titles
    unresolved = refs.find_all("span", cls="spec-ref--unresolved")
    assert {span.attrs["title"] for span in unresolved} >= {
        f"No entity is named {SCRIPT}",
        f"No entity is named {ATTRIBUTE}",
    }
    assert {span.text for span in unresolved} >= {SCRIPT, ATTRIBUTE}
    evil = page(site, "specs/evil/index.html")
    backlinks = evil.find("p", cls="spec-backlinks")
    assert backlinks.find("a").text == SHOWN_REFS_TITLE


def test_index_shows_spec_text_as_text(site) -> None:
    index = page(site, "specs/index.html")
    assert injected(index) == []
    assert not index.find_all("img")
    text = index.text
    for value in (SHOWN_TITLE, EVIL_STATUS, EVIL_LEAD, EVIL_VERSION, SHOWN_REFS_TITLE):
        assert value in text, value


def test_specs_json_keeps_spec_text_exactly(site) -> None:
    data = json.loads((site.site_dir / "specs.json").read_text(encoding="utf-8"))
    evil = next(spec for spec in data["specs"] if spec["path"] == "specs/evil.md")
    assert evil["title"] == SHOWN_TITLE
    assert evil["fields"]["Status"] == EVIL_STATUS
    assert evil["fields"]["Technical Lead"] == EVIL_LEAD
    assert {entity["name"] for entity in evil["entities"]} >= {TARGET, ENTITY}
    assert TARGET in data["entities"]


# The only statements the diagram may have; labels are quoted or after " : ".
_DIAGRAM_LINE = re.compile(
    r'classDiagram|    direction LR|    class e\d+\["[^"\]\n]*"\]|    <<\w+>> e\d+'
    r"|    e\d+ --> e\d+(?: : [\w ./-]*)?"
)


def test_entity_diagram_cannot_be_steered_by_entity_names(site) -> None:
    evil = page(site, "specs/evil/index.html")
    source = evil.find("pre", cls="mermaid").text
    lines = source.strip("\n").split("\n")
    assert lines[0] == "classDiagram" and len(lines) >= 5  # two entities and an edge
    for line in lines:
        assert _DIAGRAM_LINE.fullmatch(line), line
    assert "%%" not in source and "{" not in source and "}" not in source
    assert any(" --> " in line for line in lines)
