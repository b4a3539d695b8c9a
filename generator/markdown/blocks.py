"""Which text is rendered as Markdown at all: the block limits that validation and the renderer share.

Apart from markdown_limits.py so that validation needs no Markdown package: it runs
in the small install, without the site extra (issue #16).
"""

from __future__ import annotations

import re

from generator.i18n.catalogs import _

# --- what is rendered as Markdown at all ---------------------------------------------------------------------
#
# Python-Markdown's block parser re-reads the rest of a block (lines up to a blank line) for every line or
# nesting level it takes off, so its time grows with lines per block × characters, and a list nested a few
# hundred levels deep exhausts Python's stack (RecursionError). Both are bounded: the validator refuses a
# field beyond either limit (rule markdown-limits), and the renderer shows such a field as plain text.
BLOCK_LINES = 200  # lines of one block, that is without a blank line between them
DEPTH = 16  # lists and quotes nested in one another, or indented by four columns each

# A line's container prefix: blanks, quote markers and list markers (each followed by a blank).
_PREFIX = re.compile(r"(?:[ \t]|>|(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]))*")
_MARKERS = re.compile(r">|[-*+](?=[ \t])|[0-9]{1,9}[.)]")


def nesting(line: str) -> int:
    """How deep a line nests, counted generously: every quote or list marker, every four columns of indent."""
    prefix = _PREFIX.match(line)
    text = prefix.group() if prefix else ""
    markers = len(_MARKERS.findall(text))
    columns = text.count(" ") + 4 * text.count("\t") - markers  # the blank after a marker is part of it
    return markers + max(0, columns) // 4


def excess(text: str) -> tuple[int, str] | None:
    """(line within the text, what to do) for the first place where `text` goes beyond what is rendered
    as Markdown; None when it is within the limits."""
    run = 0
    # Lines and blank lines as Python-Markdown sees them: CR LF and CR are line breaks, a blank line holds
    # nothing but spaces and tabs (a line of other white space, such as U+3000, does not end a block).
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip(" \t"):
            run = 0
            continue
        run += 1
        if run > BLOCK_LINES:
            return number, _("more than {limit} lines follow each other with no blank line between them — separate "
                             "paragraphs and long lists with blank lines").format(limit=BLOCK_LINES)
        depth = nesting(line)
        if depth > DEPTH:
            return number, _("it nests lists, quotes or indents {depth} levels deep; at most {limit} are allowed — "
                             "flatten the list or remove the extra indentation").format(depth=depth, limit=DEPTH)
    return None
