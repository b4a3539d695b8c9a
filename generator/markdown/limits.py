"""Python-Markdown with bounded inline scans, so that rendering takes time linear in the text (issue #12, item 5).

Python-Markdown looks for the end of a link's text, of its address and of a code span by scanning the
rest of the paragraph from every `[`, `](` and backtick run: a field of 10,000 `[` took over a minute,
and a valid 243 KiB file of such fields 16 minutes to build. Here the same processors scan with
bounded regular expressions instead:

- a link's text is at most LINK_TEXT characters, with brackets nested at most one level deep
  (`[see [1]](…)` is a link; in `[a [b [c]]](…)` the brackets stay text), so no scan crosses an
  unmatched bracket;
- a link's address is at most URL characters without white space, with at most one level of
  parentheses (`https://example.org/a_(b)`), or in angle brackets; an optional quoted title follows;
- a code span closes within CODE_SPAN characters of its opening backticks, or its backticks stay text;
- raw HTML is recognised tag by tag, never as a block (the block parser is quadratic on unclosed tags).

Each scan stops at the next bracket, parenthesis or LIMIT, so every character is read a bounded number
of times. Honest text renders as before; only such over-long or nested constructs read as plain text.
"""

from __future__ import annotations

import re
from functools import cache

import markdown
from markdown import inlinepatterns

LINK_TEXT = 1000
URL = 2048
TITLE = 500
CODE_SPAN = 4000

# Text without brackets, or with one level of them ("[see [1]](…)"), then the closing bracket.
_LINK_TEXT = re.compile(rf"(?:[^\[\]]|\[[^\[\]]{{0,{LINK_TEXT}}}\]){{0,{LINK_TEXT}}}\]")
# ( <address> | address with one level of (…) ) then an optional "title", 'title' or (title), then ).
_TARGET = re.compile(
    rf"""\(\s{{0,100}}(?:<([^<>\n]{{0,{URL}}})>|((?:[^\s()<>]|\([^\s()<>]{{0,{URL}}}\)){{0,{URL}}}))"""
    rf"""(?:\s{{1,100}}(?:"([^"]{{0,{TITLE}}})"|'([^']{{0,{TITLE}}})'|\(([^()]{{0,{TITLE}}})\)))?\s{{0,100}}\)""")
_TICKS = re.compile(r"`+")
_TITLE_SPACE = re.compile(r"\s")


@cache
def _exactly(ticks: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{ticks}}}(?!`)")


class _BoundedBrackets:
    """getText and getLink of Python-Markdown's link processors, as bounded regular expressions."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        found = _LINK_TEXT.match(data, index)
        if found is None:
            return "", index, False
        return found.group()[:-1], found.end(), True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        found = _TARGET.match(data, index)
        if found is None:
            return "", None, index, False
        href = found.group(1) if found.group(1) is not None else found.group(2)
        title = next((t for t in found.group(3, 4, 5) if t is not None), None)
        unescape = self.unescape  # type: ignore[attr-defined]
        if title is not None:
            title = _TITLE_SPACE.sub(" ", unescape(title.strip()))
        return unescape(href).strip(), title, found.end(), True


class _Link(_BoundedBrackets, inlinepatterns.LinkInlineProcessor):
    pass


class _Image(_BoundedBrackets, inlinepatterns.ImageInlineProcessor):
    pass


class _Reference(_BoundedBrackets, inlinepatterns.ReferenceInlineProcessor):
    pass


class _ImageReference(_BoundedBrackets, inlinepatterns.ImageReferenceInlineProcessor):
    pass


class _ShortReference(_BoundedBrackets, inlinepatterns.ShortReferenceInlineProcessor):
    pass


class _ShortImageReference(_BoundedBrackets, inlinepatterns.ShortImageReferenceInlineProcessor):
    pass


class _Backtick(inlinepatterns.BacktickInlineProcessor):
    """A code span closes with a run of as many backticks within CODE_SPAN characters."""

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        opening = _TICKS.match(text, start)
        if opening is None:
            return start, None
        ticks, start = len(opening.group()), opening.end()
        window = min(len(text), start + CODE_SPAN)
        closing = _exactly(ticks).search(text, start, window)
        if closing is not None and text[closing.end():closing.end() + 1] != "`":
            return start, closing.start()
        # As Python-Markdown does: with no run as long, the longest shorter run closes a shorter span.
        runs = _TICKS.findall(text, start, window)
        longest = len(max(runs, key=len)) if runs else 0
        if 0 < longest < ticks:
            end = text.find("`" * longest, start, window)
            return start - (ticks - longest), end
        return start, None


_REPLACED: dict[str, type[inlinepatterns.InlineProcessor]] = {
    "reference": _Reference, "link": _Link, "image_link": _Image, "image_reference": _ImageReference,
    "short_reference": _ShortReference, "short_image_ref": _ShortImageReference, "backtick": _Backtick,
}


def bounded_markdown() -> markdown.Markdown:
    """Python-Markdown with no extension, its bracket and backtick processors replaced by bounded ones,
    and no raw-HTML block parser."""
    md = markdown.Markdown(extensions=[], output_format="html")
    # The raw-HTML block parser runs the standard library's html.parser, quadratic on unclosed tags
    # ("<a <a <a …": 1 s for 10,000 characters). Raw HTML is removed by the sanitiser anyway; without
    # the block parser, tags are still recognised, one by one, by the inline pattern (a linear regex).
    md.preprocessors.deregister("html_block")
    patterns = md.inlinePatterns
    for name, cls in _REPLACED.items():
        old = patterns[name]
        priority = next(item.priority for item in patterns._priority if item.name == name)
        new = cls(old.pattern) if cls is _Backtick else cls(old.pattern, md)
        patterns.register(new, name, priority)
    return md

