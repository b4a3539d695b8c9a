"""Text helpers shared by every stage: folding, slugs, the control characters each output refuses, and
Markdown escaping of entry text. Standard library only, so that the lowest stages can use it."""

from __future__ import annotations

import html
import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Fundación' → 'fundacion'."""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def slug(text: str, max_length: int | None = 64) -> str:
    """The Latin letters and digits of a name, lower case, joined by single hyphens: 'Civil society' →
    'civil-society'. Cut at a hyphen to at most `max_length` characters (within the first word if it is
    longer); None leaves it whole. Letters with no Latin form are dropped, so the slug may be short or
    empty: how short an id may be is the caller's rule."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    joined = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if max_length is None or len(joined) <= max_length:
        return joined
    head = joined[: max_length + 1]  # a hyphen right after the limit still ends a whole word
    return head.rsplit("-", 1)[0] if "-" in head else joined[:max_length]


# --- characters that have no place in a given text --------------------------------------------------------------

_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 controls but tab, line feed and carriage return
_DEL_C1 = "\x7f-\x9f"  # DEL and the C1 controls
_SURROGATES = "\ud800-\udfff"  # only there when undecodable bytes were kept (surrogateescape)
_NONCHARACTERS = "\ufffe\uffff"
# Zero-width spaces and joiners, direction marks, bidi embeddings, overrides and isolates, the byte order mark.
_FORMAT = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"

# What a registry file may not hold, even escaped: XML, CSV and iCalendar outputs break on it.
CONTROL = re.compile(f"[{_C0}{_DEL_C1}{_NONCHARACTERS}]")
# What typed input may not hold: CONTROL, or bytes that were not UTF-8 text.
UNUSABLE = re.compile(f"[{_C0}{_DEL_C1}{_SURROGATES}{_NONCHARACTERS}]")
# What is stripped from pasted form text: controls (carriage returns too) and invisible format characters,
# which would make two equal-looking answers differ or reorder what is shown.
INVISIBLE = re.compile(f"[{_C0}\r{_DEL_C1}{_FORMAT}]")
# What XML 1.0 cannot carry (DEL and C1 it can).
NOT_IN_XML = re.compile(f"[{_C0}\x7f{_SURROGATES}{_NONCHARACTERS}]")


# --- entry text in GitHub Markdown ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# The characters that start links, emphasis, code, strike-through or a table cell break within a sentence.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]|~]")
# Every way to write an at-sign that GitHub may turn into a mention, the HTML character references included
# (`&#64;user` is decoded before mentions are found) and the full-width and small forms.
_AT_SIGN = re.compile(r"(@|\uFF20|\uFE6B|&(?:#0*64(?![0-9])|#[xX]0*40(?![0-9a-fA-F])|commat);?+)(?!\u200b)")


def no_mentions(text: str) -> str:
    """No @user or @org/team in the text notifies anyone: a zero-width space follows each at-sign. Idempotent."""
    return _AT_SIGN.sub("\\1\u200b", text)


def md(text: str, *, readable: bool = False) -> str:
    """Entry text made inert in GitHub Markdown: no links, HTML, mentions or table breaks. Not for code spans.

    By default every character Markdown may read is backslash-escaped and white space is collapsed (the
    validation reports). `readable=True` keeps the raw text easy to read where it is pasted as it is (`impact
    similar --format markdown`): only the characters that act inside a sentence are escaped, HTML is written
    as entities, and only line breaks become spaces. Both render the same text.
    """
    if readable:
        return no_mentions(_MARKDOWN_INLINE.sub(r"\\\g<0>", html.escape(text, quote=False)).replace("\n", " "))
    text = " ".join(str(text).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return no_mentions(text.replace("&", "&amp;"))


def code_span(text: str, *, in_table: bool = False) -> str:
    """Text shown as it is in a Markdown code span, whatever it holds.

    Markdown escapes do not work inside a code span, so the text is not md()-escaped: the fence is one backtick
    longer than any run of backticks in it, and a backtick at either end gets a space so it cannot join the fence.
    In a table cell a `|` would still end the cell, so it is escaped there (GitHub drops that backslash).
    """
    text = " ".join(str(text).split()) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""  # one space each side is dropped when shown
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"
