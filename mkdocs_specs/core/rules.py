"""The rule catalogue: every rule code, its default severity, when it applies and its hint.

The one source of these facts: the checks make their diagnostics from it, SARIF lists it, and
the README's rule table is checked against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity
from .scanner import MAX_NESTING


@dataclass(frozen=True)
class Rule:
    code: str  # kebab-case, stable
    severity: Severity  # by default
    when: str  # when it applies, as the rule table says it
    hint: str  # what to do; a diagnostic may say it more precisely for its case
    relaxed_in_draft: bool = False  # a warning while the doc has the template's first status
    # Whether its line holds what is wrong; what is missing is put where it would go instead,
    # and a baseline does not key it by that line's text.
    on_its_line: bool = True
    # What its messages say that changes while the problem stays the same (another doc's
    # place, a commit's date): a baseline's fingerprint leaves it out.
    moving: re.Pattern[str] | None = None

    def steady(self, message: str) -> str:
        """``message`` without what moves in it, as a baseline's fingerprint has it."""
        return self.moving.sub("", message) if self.moving else message

    def at(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        hint: str | None = None,
        *,
        draft: bool = False,
    ) -> Diagnostic:
        """A diagnostic of this rule at ``path:line:column``."""
        severity = Severity.WARNING if draft and self.relaxed_in_draft else self.severity
        return Diagnostic(
            path, line, column, self.code, severity, message, self.hint if hint is None else hint
        )


INVALID_FRONT_MATTER = Rule(
    "invalid-front-matter",
    Severity.ERROR,
    "YAML front matter does not parse (MkDocs silently ignores it), or repeats values "
    "through aliases far beyond its own size",
    "Fix the YAML between the '---' lines; MkDocs ignores front matter it cannot read.",
)
MISSING_TITLE = Rule(
    "missing-title",
    Severity.ERROR,
    "no H1",
    "Start the spec with a '# ' title that follows the template's title pattern.",
    on_its_line=False,
)
TITLE_MISMATCH = Rule(
    "title-mismatch",
    Severity.ERROR,
    "the H1 does not fit the template's title pattern",
    "Write the title as the template does, with its placeholder filled in.",
)
MISSING_FIELD = Rule(
    "missing-field",
    Severity.ERROR,
    "a header field of the template is absent",
    "Add the field to the header, as '**Key**: value'.",
    on_its_line=False,
)
INVALID_FIELD = Rule(
    "invalid-field",
    Severity.ERROR,
    "a value is not of its kind (bad date, bad version, wrong literal, a mapping)",
    "Write dates as YYYY-MM-DD, versions as 1.2 or 1.2.0, choices as listed.",
)
UNKNOWN_STATUS = Rule(
    "unknown-status",
    Severity.ERROR,
    "status not among the template's statuses",
    "Use one of the statuses the template lists.",
)
PLACEHOLDER = Rule(
    "placeholder",
    Severity.ERROR,
    "a template placeholder left unfilled",
    "Replace it with real content.",
    relaxed_in_draft=True,
)
MISSING_SECTION = Rule(
    "missing-section",
    Severity.ERROR,
    "a required section or subsection is absent",
    "Add the section, or keep it with 'N/A' if it does not apply.",
    relaxed_in_draft=True,
    on_its_line=False,
)
EMPTY_SECTION = Rule(
    "empty-section",
    Severity.WARNING,
    "a section with no content (neither text nor N/A)",
    'Write it, or put "N/A" in it if it does not apply.',
)
SECTION_ORDER = Rule(
    "section-order",
    Severity.WARNING,
    "template sections out of the template's order",
    "Move the section to where the template puts it.",
)
DATE_ORDER = Rule(
    "date-order",
    Severity.ERROR,
    "Last Updated before Created, or a date in the future",
    "Check the header dates.",
)
DUPLICATE_ENTITY = Rule(
    "duplicate-entity",
    Severity.ERROR,
    "an entity name defined in two places",
    "Rename one of the definitions, or refer to the other with [[Name]].",
    moving=re.compile(r"(?<= already defined) at .*\Z", re.DOTALL),  # where the first one is
)
UNRESOLVED_REFERENCE = Rule(
    "unresolved-reference",
    Severity.ERROR,
    "`[[Name]]` or a Relationships entry naming no known entity; a relation (`superseded by "
    "X`) naming no doc, several, or its own",
    "Name an entity that some spec defines (a data model, table, endpoint or event).",
    moving=re.compile(r"(?<= docs): .*\Z", re.DOTALL),  # the docs a relation names, listed
)
# The hint of a relation naming no doc: the rule's own is for entities.
UNRESOLVED_RELATION_HINT = "Name the doc by its id (ADR-0005), its title, or a link to it."
UNREADABLE_FILE = Rule(
    "unreadable-file",
    Severity.ERROR,
    "the file cannot be read, or is not UTF-8 text",
    "Make it a file that can be read (not a link to nothing), saved as UTF-8 text.",
)
NESTING_TOO_DEEP = Rule(
    "nesting-too-deep",
    Severity.ERROR,
    f"lists or block quotes nest more than {MAX_NESTING} levels (Python-Markdown cannot "
    "render that); "
    "the page shows the spec as plain text",
    "Flatten the nesting; until then the page shows the spec as plain text.",
)
UNUSED_SUPPRESSION = Rule(
    "unused-suppression",
    Severity.WARNING,
    "a `specs-disable` comment that suppresses nothing",
    "Remove the comment: the problem it was for is gone.",
)
INVALID_SUPPRESSION = Rule(
    "invalid-suppression",
    Severity.ERROR,
    "a `specs-disable` comment naming an unknown rule code, or none",
    "Name rule codes as the rule table lists them, e.g. <!-- specs-disable placeholder -->.",
)

REVIEW_OVERDUE = Rule(
    "review-overdue",
    Severity.WARNING,
    "the Review Schedule (`weekly`, `monthly`, `quarterly`, `yearly`, `every N days`, "
    "`weeks`, `months` or `years`) or `review_every:`, counted from Last Updated (else the "
    "last commit), has passed; needs git",
    "Review the spec, then set Last Updated to the day of the review.",
)
STALE_DATE = Rule(
    "stale-date",
    Severity.WARNING,
    "Last Updated more than a day before the file's last commit, or Created after its first "
    "commit; needs git",
    "Set the date to the commit's date.",
    moving=re.compile(r" \(\d{4}-\d\d-\d\d\)\Z"),  # the commit's date, which the next one moves
)
STATUS_TRANSITION = Rule(
    "status-transition",
    Severity.ERROR,
    "with `check --since REF`: the status moved backwards in the template's order (or out of "
    "an inactive status) since REF while the Version stayed the same",
    "Bump the Version along with the status, or restore the status.",
)
UNVERSIONED_CHANGE = Rule(
    "unversioned-change",
    Severity.WARNING,
    "with `check --since REF`: an accepted or done spec whose text changed since REF while "
    "its Version stayed the same",
    "Bump the Version (and add an entry to the template's change log, if it has one).",
)

# Rules that read git history: skipped where there is none to read.
GIT_RULES = (REVIEW_OVERDUE, STALE_DATE)
# Rules that compare with the texts at a REF (`check --since`): skipped without one.
SINCE_RULES = (STATUS_TRANSITION, UNVERSIONED_CHANGE)

# Every rule, by code, in the order the rule table lists them.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        INVALID_FRONT_MATTER,
        MISSING_TITLE,
        TITLE_MISMATCH,
        MISSING_FIELD,
        INVALID_FIELD,
        UNKNOWN_STATUS,
        PLACEHOLDER,
        MISSING_SECTION,
        EMPTY_SECTION,
        SECTION_ORDER,
        DATE_ORDER,
        DUPLICATE_ENTITY,
        UNRESOLVED_REFERENCE,
        UNREADABLE_FILE,
        NESTING_TOO_DEEP,
        UNUSED_SUPPRESSION,
        INVALID_SUPPRESSION,
        REVIEW_OVERDUE,
        STALE_DATE,
        STATUS_TRANSITION,
        UNVERSIONED_CHANGE,
    )
}
