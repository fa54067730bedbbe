"""What a spec shows under its title: the status badge and the header fields of its card."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.check import CheckedSpec
from ..core.document import parse_date
from ..core.names import UNKNOWN_SLUG, slug
from ..core.statuses import status_category
from ..core.template import Template


@dataclass(frozen=True)
class Badge:
    """``<span class="spec-badge spec-badge--{modifier} spec-badge--cat-{category}"
    data-spec-status="{status}">{label}``."""

    modifier: str  # the status slug, or "unknown"
    status: str  # the template's spelling, else the raw text as written, else "unknown"
    label: str  # always text, so the status never rests on colour alone
    category: str | None = None  # what the status means (core.statuses), for its colours


@dataclass(frozen=True)
class HeaderField:
    key: str  # normalised (names.field_key)
    label: str  # the template's name for one of its fields, else the author's (``label``)
    value: str  # as written
    date: str | None  # the ISO date the value is, for <time datetime>


def label(name: str) -> str:
    """A field's name as a card or a column heading shows it: a key written in lowercase, as
    front matter has them (``date``, ``decision-makers``), with a capital."""
    return name[:1].upper() + name[1:] if name.islower() else name


UNKNOWN_BADGE = Badge(UNKNOWN_SLUG, UNKNOWN_SLUG, "Unknown status")
NO_STATUS_BADGE = Badge("no-status", "no status", "No status")  # in lists, a doc without one


Categories = Mapping[str, str]  # the site's ``statuses:`` option, {word: category}


def status_badge(status: str, categories: Categories | None = None) -> Badge:
    """The badge of one of the template's statuses."""
    return Badge(slug(status), status, status, status_category(status, categories))


def badge(spec: CheckedSpec, categories: Categories | None = None) -> Badge:
    """An unknown status has no category: its badge says so, whatever its words mean."""
    if spec.status:
        return status_badge(spec.status, categories)
    raw = (spec.document.field_value("status") or "").strip()
    return Badge(UNKNOWN_SLUG, raw, UNKNOWN_BADGE.label) if raw else UNKNOWN_BADGE


def status_slug(spec: CheckedSpec, template: Template) -> str | None:
    """The page's ``meta["status"]``: only ever a slug of one of the template's statuses."""
    status = spec.status
    return slug(status) if status is not None and template.is_listed(status) else None


def has_badge(spec: CheckedSpec, template: Template) -> bool:
    """Whether the spec shows a status badge: unless the template has no status, or one
    that may be left out and is."""
    field = template.status_field
    if field is None:
        return False
    return bool(spec.status or spec.document.field_value("status")) or not field.optional


def header_fields(spec: CheckedSpec, template: Template) -> dict[str, HeaderField]:
    """Every header field of ``spec`` by normalised key, in the order the spec has them."""
    names = {field.key: field.name for field in template.fields}
    found = {}
    for key, field in spec.document.fields.items():
        if field.structure:  # a mapping in front matter: nothing to show as a value
            continue
        date = parse_date(field.value)
        found[key] = HeaderField(
            key, label(names.get(key, field.name)), field.value, date.isoformat() if date else None
        )
    return found
