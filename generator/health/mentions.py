"""Who to tell: the maintainers of each entry with a problem that is new since the last run, mentioned in one
comment on the tracking issue (an edited issue body notifies nobody; a new comment does).

A problem is new when the previous run did not report it: a link that fails (broken or unreachable, once the
failure counts) or has moved, where it did not before, or an entry that became stale. So each is announced
once, and again only after it was fixed and came back."""

from __future__ import annotations

from collections.abc import Mapping

from generator.health.check import FAILING
from generator.health.links import Entry
from generator.health.memory import Link, State
from generator.i18n.catalogs import _, ngettext
from generator.text import code_span, md

MENTIONS_MARKER = "<!-- impact-registry-health-mentions -->"
COMMENT_LIMIT = 65_000  # GitHub refuses a comment over 65,536 characters


def _kind(link: Link | None) -> str:
    if link is None or link.status == "ok":
        return ""
    return "failing" if link.status in FAILING else link.status


def new_problems(state: State, previous: State) -> tuple[list[Link], list[str]]:
    """The links and the stale ids `state` reports that `previous` did not."""
    links = [link for link in state.links.values()
             if _kind(link) and _kind(link) != _kind(previous.links.get(link.url))]
    return links, [entry_id for entry_id in state.stale if entry_id not in previous.stale]


def _problem(link: Link) -> str:
    if link.status == "redirected" and link.location:
        return _("{address} has moved to {location}: write the new address").format(
            address=code_span(link.url), location=code_span(link.location))
    return _("{address} is {status}: {detail}").format(address=code_span(link.url), status=link.status,
                                                       detail=md(link.detail))


def mentions_markdown(state: State, previous: State, entries: Mapping[str, Entry], limit: int = COMMENT_LIMIT) -> str:
    """The comment that mentions each affected entry's maintainers once; "" when nothing is new."""
    links, stale = new_problems(state, previous)
    by_file: dict[str, list[str]] = {}
    for link in links:
        for file in link.files:
            by_file.setdefault(file, []).append(_problem(link))
    files = {entry.id: entry.file for entry in entries.values()}
    for entry_id in stale:
        by_file.setdefault(files[entry_id], []).append(
            _("the entry is stale: add an entry to {updates} saying where the coalition stands, or a milestone ahead "
              "to {workplan}").format(updates="`updates`", workplan="`workplan`"))
    if not by_file:
        return ""
    out = [MENTIONS_MARKER, "### " + _("New since the last check"), ""]
    foot = [_("Please correct the file in a pull request. The issue's description lists every open problem."), ""]
    room = limit - len("\n".join(out + foot)) - 200
    for n, file in enumerate(sorted(by_file)):
        entry = entries.get(file)
        who = " ".join(f"@{login}" for login in entry.maintainers) if entry and entry.maintainers else \
            _("no maintainers listed: the registry maintainers, please have a look")
        block = [f"**{code_span(file)}** — {who}", "", *(f"- {problem}" for problem in by_file[file]), ""]
        size = len("\n".join(block)) + 1
        if size > room:
            left = len(by_file) - n
            out += [ngettext("… and {count} more entry: see the issue's description.",
                             "… and {count} more entries: see the issue's description.", left).format(count=left), ""]
            break
        out += block
        room -= size
    return "\n".join(out + foot)
