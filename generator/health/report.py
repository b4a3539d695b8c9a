"""`impact health`'s outputs: text for people, JSON for tools, and the tracking issue's Markdown body (found
again by the marker it starts with; it mentions nobody: mentions.py writes the one comment that does)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from generator.health.memory import Link, State, shown
from generator.text import code_span, md

ISSUE_MARKER = "<!-- impact-registry-health -->"
ISSUE_LIMIT = 65_000  # GitHub refuses an issue body over 65,536 characters
PROBLEMS = ("broken", "unreachable", "redirected")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def counts(state: State) -> str:
    """'12 links: 9 ok, 1 redirected, 1 broken, 1 unreachable; 1 failing link not counted yet; 1 stale entry'."""
    links = list(state.links.values())
    parts = [f"{sum(link.status == status for link in links)} {status}"
             for status in ("ok", "redirected", "broken", "unreachable")]
    text = f"{_plural(len(links), 'link')}: {', '.join(parts)}"
    pending = sum(link.pending for link in links)
    if pending:
        text += f"; {_plural(pending, 'failing link')} not counted yet"
    stale = len(state.stale)
    return f"{text}; {stale} stale {'entry' if stale == 1 else 'entries'}"


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
        label = "pending" if link.pending else link.status
        moved = f" → {link.location}" if link.status == "redirected" else ""
        lines += [f"{label:<12} {link.url}{moved}", f"{'':<12} {link.detail}",
                  f"{'':<12} in {', '.join(link.files)}"]
    lines += [f"{'stale':<12} {entry_id}" for entry_id in state.stale]
    return "\n".join([*lines, counts(state)]) + "\n"


def _link_row(link: Link) -> str:
    where = "<br>".join(code_span(file, in_table=True) for file in link.files)
    new = f"<br>→ {code_span(link.location, in_table=True)}" if link.status == "redirected" and link.location else ""
    return f"| {code_span(link.url, in_table=True)}{new} | {md(link.detail)} | {where} |"


def issue_markdown(state: State, skipped: Sequence[str], confirm_after: dt.timedelta,
                   limit: int = ISSUE_LIMIT) -> str:
    """The tracking issue's body: every problem, the failures not counted yet and the stale entries, cut to fit."""
    head = [ISSUE_MARKER, "## Registry health: links and stale entries", "",
            f"Checked {shown(state.checked) if state.checked else 'never'} — {counts(state)}.", ""]
    sections: list[list[str]] = []
    titles = {"broken": "Broken links", "unreachable": "Links that do not answer",
              "redirected": "Moved links: replace the address with the new one"}
    for status in PROBLEMS:
        rows = [_link_row(link) for link in state.links.values() if link.status == status]
        if rows:
            sections.append([f"### {titles[status]} ({len(rows)})", "", "| Address | What happened | In |",
                             "|---|---|---|", *rows, ""])
    pending = [_link_row(link) for link in state.links.values() if link.pending]
    if pending:
        sections.append([f"### Failing, not counted yet ({len(pending)})", "",
                         "| Address | What happened | In |", "|---|---|---|", *pending, ""])
    if state.stale:
        sections.append([f"### Stale entries ({len(state.stale)}): no update, milestone or change for too long",
                         "", *(f"- {code_span(entry_id)}" for entry_id in state.stale), ""])
    if skipped:
        sections.append(["### Not checked: files with errors (`impact validate` says what to fix)", "",
                         *(f"- {code_span(file)}" for file in skipped), ""])
    hours = confirm_after.total_seconds() / 3600
    foot = ["<sub>Written by `impact health` (.github/workflows/health.yml), edited in place on every run. A link "
            f"counts as broken or unreachable once two runs at least {hours:g} hours apart find it failing. The "
            "maintainers of an entry are mentioned in a comment once per new problem.</sub>", ""]
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
            note = f"… and {cut} more line{'s' * (cut != 1)}: the state file (registry/health.json) has them all"
            kept += ["", note, ""]
            budget -= len(note) + 3
        out += kept
    return "\n".join(out + foot)
