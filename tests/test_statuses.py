"""Status categories: every status, whatever the template calls it, means one of five."""

from __future__ import annotations

import pytest

from mkdocs_specs.core.statuses import CATEGORIES, status_category, words
from mkdocs_specs.core.template import load_template, parse_template
from mkdocs_specs.plugin.config import SpecsConfig

# Statuses as real templates and documents write them (../shared/corpora and conventions
# such as PEPs, KEPs and Swift Evolution), with what they mean.
SEEN = {
    "Draft": "draft",
    "WIP": "draft",
    "Work in progress": "draft",
    "proposed": "review",
    "In Review": "review",
    "provisional": "review",
    "Active review": "review",  # "active" alone is a PEP in force; the phrase wins
    "Returned for revision": "review",
    "accepted": "accepted",
    "Approved": "accepted",
    "implementable": "accepted",
    "Accepted with revisions": "accepted",
    "Implemented": "done",
    "Implemented (Swift 5.4)": "done",
    "Final": "done",
    "stable": "done",
    "rejected": "inactive",
    "deprecated": "inactive",
    "on hold": "inactive",
    "superseded by ADR-0123": "inactive",
    "Superseded by [3. Foo](0003-foo.md)": "inactive",
    "Not accepted": "inactive",  # the longer phrase before the word in it
    "Won't do": "inactive",
}


@pytest.mark.parametrize("status", sorted(SEEN))
def test_statuses_of_real_templates_have_their_category(status: str) -> None:
    assert status_category(status) == SEEN[status]


def test_the_bundled_statuses_are_draft_review_accepted_done() -> None:
    statuses = load_template().statuses
    assert [status_category(status) for status in statuses] == list(CATEGORIES[:4])


@pytest.mark.parametrize("status", ["Frobbed", "", "   ", "—", None, "ADR-0123"])
def test_a_status_of_no_known_word_has_no_category(status: str | None) -> None:
    assert status_category(status) is None


def test_the_sites_own_words_win_over_the_built_in_list() -> None:
    own = {"Approved": "done", "parked": "inactive", "Final Comment Period": "review"}
    assert status_category("approved", own) == "done"
    assert status_category("Parked (until Q3)", own) == "inactive"
    assert status_category("final comment period", own) == "review"
    # Anywhere in the status: its own word before a built-in one ahead of it.
    assert status_category("Accepted, parked", own) == "inactive"
    assert status_category("Accepted", own) == "accepted"  # the rest as built in


def test_words_ignore_case_punctuation_and_apostrophes() -> None:
    assert words("Superseded by [3. Foo](0003-foo.md)") == (
        "superseded",
        "by",
        "3",
        "foo",
        "0003",
        "foo",
        "md",
    )
    assert words("Won\u2019t do") == ("wont", "do")


def validated(statuses: object) -> tuple[list[str], object]:
    config = SpecsConfig()
    config.load_dict({"statuses": statuses})
    failed, _ = config.validate()
    return [str(error) for _, error in failed], config.get("statuses")


def test_the_statuses_option_takes_words_and_categories() -> None:
    assert validated({"parked": "inactive", "In QA": "review"}) == (
        [],
        {"parked": "inactive", "In QA": "review"},
    )
    assert validated(None) == ([], {})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"parked": "inactve"}, "Unknown category 'inactve' for status 'parked' (did you mean"),
        ({"parked": "frozen"}, "known: draft, review, accepted, done, inactive"),
        ({True: "done"}, "Expected a status word, got True (quote it in YAML"),
        ({"--": "done"}, "Expected a status word"),
        (["parked"], "Expected a mapping of status words to categories"),
    ],
)
def test_a_bad_statuses_option_is_a_config_error(value: object, message: str) -> None:
    errors, _ = validated(value)
    assert len(errors) == 1 and message in errors[0], errors


@pytest.mark.parametrize(
    ("template", "written", "status"),
    [
        ("nygard", "Amended by [3. Use queues](0003-use-queues.md)", "Amended by"),
        ("nygard", "Superseded by [4. B](0004-b.md)", "Superseded by"),
        ("madr", "amended by ADR-0003", "amended by"),
        ("madr", "superseded by: ADR-0003", "superseded by"),
        ("nygard", "On hold until the audit", "On hold until the audit"),
    ],
)
def test_an_open_status_that_is_a_relation_is_its_words(
    template: str, written: str, status: str
) -> None:
    # The target is the doc's relation, shown in its card: the badge and the index group
    # read the relation's words alone, as they do a listed "superseded by".
    assert load_template(template).canonical_status(written) == status


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Superseded by: ADR-0002", "Superseded by"),
        ("Superseded by:", None),  # a colon and no doc after it: no relation
        ("Superseded by:ADR-0002", None),
    ],
)
def test_a_listed_relation_takes_a_colon_only_before_its_target(
    written: str, status: str | None
) -> None:
    template = parse_template(
        "# [T]\n\n**Status**: [Proposed | Accepted | Superseded by ADR-0001]\n\n## A\n", "t.md"
    )
    assert template.canonical_status(written) == status
