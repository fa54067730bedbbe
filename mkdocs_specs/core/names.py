"""How names written by people are compared (field keys, headings, statuses), and the words
by which a status or a field relates its doc to another ("superseded by X")."""

from __future__ import annotations

import re
import unicodedata

from .inline import heading_text
from .memo import memoized

_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|chapter)\s+)?(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+",
    re.IGNORECASE,
)
NOT_WORD = re.compile(r"[\W_]+")  # what separates words: neither letter nor digit
# The words of a relation between docs, and its kind (as `data-relation` names it).
RELATION_KINDS = {
    "superseded by": "superseded-by",
    "supersedes": "supersedes",
    "amended by": "amended-by",
    "amends": "amends",
}
# Words apart, or joined as in a key: `superseded by`, `Superseded-by`, `superseded_by`.
_RELATION_WORDS = "|".join(words.replace(" ", r"[\s_-]+") for words in RELATION_KINDS)
# A status or field that is a relation: its words (a colon after them, or not), then the doc
# it names.
RELATION = re.compile(rf"^\W*(?P<words>{_RELATION_WORDS}):?\s+(?P<target>\S.*)$", re.IGNORECASE)
# A relation's words and no doc after them.
RELATION_ALONE = re.compile(rf"^\W*(?P<words>{_RELATION_WORDS})\W*$", re.IGNORECASE)
# A doc's id as a template gives one by example: a short word, then a number or a number's
# token (`ADR-0123`, `KEP-NNNN`, `RFC 0000`); the word is what its docs' ids are written with.
_ID_EXAMPLE = r"(?P<word>[^\W\d_]{1,15})[\s_-]*#?(?:\d+|(?P<token>[0N])(?P=token){2,}|NUMBER)\b"
# A relation to a doc by such an id, anywhere in a line (`superseded by ADR-0123`).
RELATION_EXAMPLE = re.compile(rf"(?i:{_RELATION_WORDS}):?\s+[\[{{(`'\"]?{_ID_EXAMPLE}")
# A title that opens with such an id (`KEP-NNNN: Your short title`).
TITLE_ID_EXAMPLE = re.compile(rf"\W*{_ID_EXAMPLE}")


def relation_kind(words: str) -> str:
    """The kind of relation its words name, however joined: ``superseded-by``."""
    return RELATION_KINDS[" ".join(NOT_WORD.split(words.lower())).strip()]


# Specs written from one template repeat the same keys and headings: each is normalised once.
# Small: what recurs is the template's few dozen; the rest (entity names) is seen once or twice.
_cached = memoized(512)


def fold(text: str) -> str:
    """``text`` as names are compared: case aside, and composed (``ü`` as one character, as
    most editors write it, though some write ``u`` and a combining diaeresis)."""
    return (text if text.isascii() else unicodedata.normalize("NFC", text)).casefold()


def _letters(name: str) -> str:
    return "".join(char for char in fold(name) if char.isalnum())


# "Status" in other languages: a team's template in French or Japanese names its status so, and
# it is the status (badge, index, categories) all the same.
_STATUS_NAMES = frozenset(
    _letters(name)
    for name in (
        *("statut", "estado", "stato", "estatus", "durum", "tila", "κατάσταση", "статус"),
        *("ステータス", "状態", "状态", "狀態", "상태", "סטטוס", "الحالة", "حالة", "स्थिति"),  # noqa: RUF001
    )
)


@_cached
def field_key(name: str) -> str:
    """``Last Updated``, ``last_updated`` and ``last-updated`` are one key: ``lastupdated``;
    "Status" in another language is ``status``."""
    key = _letters(name)
    return "status" if key in _STATUS_NAMES else key


def _is_decoration(char: str) -> bool:
    """Symbols (emoji among them), control characters and the variation selectors that ask
    for an emoji's look (``⚠️``), which headings are compared without."""
    if "\ufe00" <= char <= "\ufe0f":
        return True
    return unicodedata.category(char).startswith(("S", "C")) and char != "&"


def decoration(word: str) -> bool:
    """Whether a word is decoration alone (an emoji: `📘`), which titles are read without."""
    return all(_is_decoration(char) for char in word)


# Most headings are ASCII, which NFKC leaves alone: a translate drops their decoration in C.
_ASCII_DECORATION = {code: None for code in range(128) if _is_decoration(chr(code))}


# A value that says there is nothing to give, as its words (`N/A`: "n a").
NOT_APPLICABLE = frozenset({"n a", "na", "none", "not applicable"})
# "(Optional)" marks a template's optional section; a spec may keep or drop it.
OPTIONAL_MARK = re.compile(r"\s*\(optional\)\s*", re.IGNORECASE)
# An HTML comment within a line (each ends before the next opens: linear on any line).
INLINE_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->")
# attr_list at a heading's end: `{#id}`, `{: .class}`, `{ key=value }` (not `{Placeholder}`).
_HEADING_ATTRS = re.compile(r"\s\{:?[ \t]*(?:[#.][^\s{}]|[\w-]+=)[^{}\n]*\}[ \t]*$")


def without_comments(text: str) -> str:
    """``text`` without the inline HTML comments that render to nothing."""
    return INLINE_COMMENT.sub("", text).strip() if "<!--" in text else text


def heading_words(text: str) -> str:
    """A heading's text without what renders to nothing: inline HTML comments (MADR's
    ``## Decision Drivers <!-- optional -->``) and an attribute list (``{#id}``)."""
    if "{" in text:
        text = _HEADING_ATTRS.sub("", text)
    return without_comments(text)


@_cached
def heading_key(text: str) -> str:
    """Compare headings without numbering, emoji, punctuation, case, an "(Optional)" mark,
    comments or an attribute list; ``&`` reads ``and``; a link by its text."""
    text = heading_words(text)
    if "[" in text:  # `### [Goals](https://…/okrs)` is the section Goals
        text = heading_text(text).text
    if "(" in text:
        text = OPTIONAL_MARK.sub(" ", text)
    if text.isascii():
        text = text.translate(_ASCII_DECORATION)
    else:
        normal = unicodedata.normalize("NFKC", text)
        text = "".join(char for char in normal if not _is_decoration(char))
    text = _NUMBERING.sub("", text.replace("&", " and ").strip())
    key = " ".join(NOT_WORD.split(text.casefold())).strip()
    # A Status section (Nygard's) of its name: its words' letters, as a field's key.
    return "status" if key.replace(" ", "") in _STATUS_NAMES else key


# The header fields that date a document (keys as `field_key` makes them): its creation, in
# order of preference, and its last change. A bare Date may be when a decision was made
# (Nygard's, MADR's), which often comes after the doc's first commit.
DATE_KEY = "date"
CREATED_KEYS = ("created", "datecreated", "createdon", "createdat", DATE_KEY)
_UPDATED_KEY = re.compile(r"updated|modified|revised")


def is_updated_key(key: str) -> bool:
    """Whether a field's key names the document's last change (``lastupdated``, ...)."""
    return bool(_UPDATED_KEY.search(key))


UNKNOWN_SLUG = "unknown"  # the slug of a missing or unknown status; no template status has it


def slug(text: str) -> str:
    """The CSS-friendly form of a status: lowercase, words joined by ``-``; empty when
    ``text`` has no letter or digit."""
    return "-".join(NOT_WORD.split(text.casefold())).strip("-")


@_cached
def heading_name(text: str) -> str:
    """A heading as people name it: no numbering (``3.1 Orders``), no emoji around it."""

    def undecorated(text: str) -> str:
        while text and _around_a_name(text[0]):
            text = text[1:]
        return text

    if not text.isascii():  # composed, as `fold` compares it: one name however typed
        text = unicodedata.normalize("NFC", text)
    # Emoji before the number or after it: `📦 2. Order`, `2. 📦 Order`.
    text = undecorated(_NUMBERING.sub("", undecorated(text.strip()), count=1))
    while text and _around_a_name(text[-1]):
        text = text[:-1]
    return text.strip()


def _around_a_name(char: str) -> bool:
    """Emoji and pictographs (with their skin tones and variation selectors), joiners and
    spaces: decoration around a heading's name. Other combining marks are letters' own
    (Thai and Hindi vowels): a name keeps them."""
    return (
        unicodedata.category(char).startswith(("So", "C", "Z"))
        or "\ufe00" <= char <= "\ufe0f"
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tones: a modifier symbol (Sk) like `^`
    )
