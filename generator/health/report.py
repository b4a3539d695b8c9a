"""`impact health`'s outputs: text for people, JSON for tools, and the tracking issue's Markdown body (found
again by the marker it starts with; it mentions nobody: mentions.py writes the one comment that does)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from generator.health.memory import Link, State, shown
from generator.i18n.catalogs import N_, _, ngettext, pgettext
from generator.text import code_span, md

ISSUE_MARKER = "<!-- impact-registry-health -->"
ISSUE_LIMIT = 65_000  # GitHub refuses an issue body over 65,536 characters
PROBLEMS = ("broken", "unreachable", "redirected")


def _by_status(status: str, count: int) -> str:
    """"9 ok", "1 broken": so many links of a status."""
    if status == "ok":
        found = ngettext("{count} ok", "{count} ok", count)
    elif status == "redirected":
        found = ngettext("{count} redirected", "{count} redirected", count)
    elif status == "broken":
        found = ngettext("{count} broken", "{count} broken", count)
    else:
        found = ngettext("{count} unreachable", "{count} unreachable", count)
    return found.format(count=count)


def counts(state: State) -> str:
    """'12 links: 9 ok, 1 redirected, 1 broken, 1 unreachable; 1 failing link not counted yet; 1 stale entry'."""
    links = list(state.links.values())
    parts = [_by_status(status, sum(link.status == status for link in links))
             for status in ("ok", "redirected", "broken", "unreachable")]
    text = ngettext("{count} link: {statuses}", "{count} links: {statuses}", len(links)).format(
        count=len(links), statuses=", ".join(parts))
    pending = sum(link.pending for link in links)
    if pending:
        text += "; " + ngettext("{count} failing link not counted yet", "{count} failing links not counted yet",
                                pending).format(count=pending)
    stale = len(state.stale)
    return f"{text}; " + ngettext("{count} stale entry", "{count} stale entries", stale).format(count=stale)


def _label(status: str) -> str:
    """A link's status, or pending or stale, as the text report's first column says it."""
    return {"ok": pgettext("link", "ok"), "redirected": pgettext("link", "redirected"),
            "broken": pgettext("link", "broken"), "unreachable": pgettext("link", "unreachable"),
            "pending": pgettext("link", "pending"), "stale": pgettext("entry", "stale")}[status]


def json_report(state: State) -> str:
    """The contract (docs/cli.md): {"version": 1, "links": [{url, files, status, detail, location}], "stale": [id]}."""
    return json.dumps({"version": 1, "links": [link.as_json() for link in state.links.values()],
                       "stale": list(state.stale)}, ensure_ascii=False, indent=1) + "\n"


def text_report(state: State) -> str:
    """Each link with a problem or a failure not counted yet, each stale entry, then the counts."""
    lines = []
    for link in state.links.values():
        if link.status == "ok" and not link.pending:
            continue
        label = _label("pending" if link.pending else link.status)
        moved = f" → {link.location}" if link.status == "redirected" else ""
        lines += [f"{label:<12} {link.url}{moved}", f"{'':<12} {link.detail}",
                  f"{'':<12} " + _("in {files}").format(files=", ".join(link.files))]
    stale = _label("stale")
    lines += [f"{stale:<12} {entry_id}" for entry_id in state.stale]
    return "\n".join([*lines, counts(state)]) + "\n"


def _link_row(link: Link) -> str:
    where = "<br>".join(code_span(file, in_table=True) for file in link.files)
    new = f"<br>→ {code_span(link.location, in_table=True)}" if link.status == "redirected" and link.location else ""
    return f"| {code_span(link.url, in_table=True)}{new} | {md(link.detail)} | {where} |"


def issue_markdown(state: State, skipped: Sequence[str], confirm_after: dt.timedelta,
                   limit: int = ISSUE_LIMIT) -> str:
    """The tracking issue's body: every problem, the failures not counted yet and the stale entries, cut to fit."""
    checked = _("Checked {time} — {counts}.").format(time=shown(state.checked), counts=counts(state)) \
        if state.checked else _("Checked never — {counts}.").format(counts=counts(state))
    head = [ISSUE_MARKER, "## " + _("Registry health: links and stale entries"), "", checked, ""]
    sections: list[list[str]] = []
    titles = {"broken": N_("Broken links ({count})"), "unreachable": N_("Links that do not answer ({count})"),
              "redirected": N_("Moved links: replace the address with the new one ({count})")}
    table = "| " + " | ".join((_("Address"), _("What happened"), pgettext("files", "In"))) + " |"
    for status in PROBLEMS:
        rows = [_link_row(link) for link in state.links.values() if link.status == status]
        if rows:
            sections.append(["### " + _(titles[status]).format(count=len(rows)), "", table, "|---|---|---|", *rows,
                             ""])
    pending = [_link_row(link) for link in state.links.values() if link.pending]
    if pending:
        sections.append(["### " + _("Failing, not counted yet ({count})").format(count=len(pending)), "",
                         table, "|---|---|---|", *pending, ""])
    if state.stale:
        sections.append(["### " + _("Stale entries ({count}): no update, milestone or change for too long").format(
            count=len(state.stale)), "", *(f"- {code_span(entry_id)}" for entry_id in state.stale), ""])
    if skipped:
        sections.append(["### " + _("Not checked: files with errors ({command} says what to fix)").format(
            command="`impact validate`"), "", *(f"- {code_span(file)}" for file in skipped), ""])
    hours = confirm_after.total_seconds() / 3600
    foot = ["<sub>" + _("Written by {command} ({workflow}), edited in place on every run. A link counts as broken or "
                        "unreachable once two runs at least {hours} hours apart find it failing. The maintainers of an "
                        "entry are mentioned in a comment once per new problem.").format(
        command="`impact health`", workflow=".github/workflows/health.yml", hours=f"{hours:g}") + "</sub>", ""]
    return _fit(head, sections, foot, limit)


def _fit(head: list[str], sections: list[list[str]], foot: list[str], limit: int) -> str:
    """Head, sections and foot within `limit` characters: the rows that do not fit are counted, not shown."""
    budget = limit - len("\n".join(head + foot)) - 120 * len(sections)  # room for the notes on what was cut
    out = list(head)
    for section in sections:
        kept, cut = [], 0
        for line in section:
            if cut or len(line) + 1 > budget:
                cut += bool(line)
                continue
            kept.append(line)
            budget -= len(line) + 1
        if cut:
            note = ngettext("… and {count} more line: the state file ({file}) has them all",
                            "… and {count} more lines: the state file ({file}) has them all", cut).format(
                count=cut, file="registry/health.json")
            kept += ["", note, ""]
            budget -= len(note) + 3
        out += kept
    return "\n".join(out + foot)
