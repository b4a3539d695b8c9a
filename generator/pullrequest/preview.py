"""Each changed coalition as its page will read after the merge (issue #17, item 4), for the pull request's
comment: name, summary, status, members with their regions and constituencies, the work plan as a timeline,
needs and offers, and what changed since the base version.

It reads the same model the site renders (model/assemble.py), built from the head's files as validated under
the base's rules, so a volunteer and a reviewer see the result without building anything. All entry text is
escaped (text.md: no HTML, no links it did not hold as plain text, no mention) and bounded, so that a preview
fits the comment; the comment's own cut (judge.assemble_comment) still applies to the whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from generator.i18n.catalogs import N_, _, ngettext
from generator.model.assemble import build_registry
from generator.model.objects import STATUS_LABELS, Coalition
from generator.pullrequest.changes import FieldChange, entry_changes
from generator.pullrequest.check import REGULAR_MODES, Change, PullRequestDiff, is_coalition_file, read_blob
from generator.reference import REGION_LABELS, constituency_labels
from generator.registry.load import load_bytes
from generator.registry.report import Report
from generator.settings import Settings
from generator.text import code_span, md

MAX_PREVIEWS = 5  # coalitions previewed in one comment; the others are named
MAX_ROWS = 25  # members, milestones, needs and offers shown of each coalition
MAX_TEXT = 300  # characters of one text shown
MAX_CHANGES = 30  # changed fields listed
MAX_BYTES = 10_000  # of one coalition's preview: five fit in the comment beside a report
CUT = N_("*… the rest of this preview is left out to fit the comment (the page will show all of it).*")
HEADING = N_("## What the pages will show")
_MILESTONE = {"done": "✅", "planned": "🗓️", "dropped": "✖️"}


def _text(text: str, limit: int = MAX_TEXT) -> str:
    """Entry text, on one line, escaped, at most `limit` characters of it."""
    text = " ".join(text.split())
    return md(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")


def _more(shown: int, total: int, left_out: Callable[[int], str]) -> list[str]:
    """The line that says how many of a list the preview leaves out, `left_out(count)` (none: no line)."""
    return [f"*{left_out(total - shown)}*", ""] if total > shown else []


def _changes(changes: list[FieldChange] | None) -> list[str]:
    if changes is None:
        return [_("**New entry**: its page appears once it is merged."), ""]
    if not changes:
        return [_("**No field changes**: only the file's layout or comments differ from the base version."), ""]
    out = [_("**Changed since the base version:**"), ""]
    for change in changes[:MAX_CHANGES]:
        out.append(f"- {code_span(change.field)}: {_text(change.describe())}")
    return [*out, "", *_more(min(len(changes), MAX_CHANGES), len(changes), lambda count: ngettext(
        "… and {count} more changed field (the page shows every one).",
        "… and {count} more changed fields (the page shows every one).", count).format(count=count))]


def _members(c: Coalition) -> list[str]:
    if not c.members:
        return [_("**Members**: none listed yet."), ""]
    headings = (_("Organisation"), _("Country"), _("UN Regional Group"), _("Sector"), _("Constituency"))
    out = [_("**Members ({count})**").format(count=len(c.members)), "",
           f"| {' | '.join(headings)} |", "|---|---|---|---|---|"]
    lead, youth_led, global_region = _("(lead)"), _("(youth-led)"), _("(primary region of a global organisation)")
    for m in c.members[:MAX_ROWS]:
        notes = f" *{lead}*" * (m.role == "lead") + f" *{youth_led}*" * m.youth_led
        region = _text(m.region_label) + f" {global_region}" * (m.scope == "global")
        out.append(f"| {_text(m.name, 120)}{notes} | {_text(m.country_name)} | {region} | {_text(m.sector_label)} | "
                   f"{_text(m.constituency_label) or '—'} |")
    return [*out, "", *_more(min(len(c.members), MAX_ROWS), len(c.members), lambda count: ngettext(
        "… and {count} more member (the page shows every one).",
        "… and {count} more members (the page shows every one).", count).format(count=count))]


def _workplan(c: Coalition, today: str) -> list[str]:
    if not c.workplan:
        return [_("**Work plan**: none yet."), ""]
    out = ["**" + _("Work plan") + "**", ""]
    today_marked = False
    for m in c.workplan[:MAX_ROWS]:
        if not today_marked and m.date > today:
            out.append("- ▶️ *" + _("today, {date}").format(date=today) + "*")
            today_marked = True
        line = f"- {_MILESTONE.get(m.status, '•')} {code_span(m.date)} **{_text(m.title, 160)}** ({md(m.status)})"
        out.append(line + (f" — {_text(m.description)}" if m.description else ""))
    return [*out, "", *_more(min(len(c.workplan), MAX_ROWS), len(c.workplan), lambda count: ngettext(
        "… and {count} more milestone (the page shows every one).",
        "… and {count} more milestones (the page shows every one).", count).format(count=count))]


def _needs_and_offers(c: Coalition) -> list[str]:
    out: list[str] = []
    if c.needs:
        out += ["**" + _("Looking for") + "**", ""]
        for n in c.needs[:MAX_ROWS]:
            line = f"- **{md(n.kind)}**: {_text(n.description)}"
            if n.regions:
                line += " " + _("(from: {regions})").format(
                    regions=_text(", ".join(REGION_LABELS.get(r, r) for r in n.regions)))
            if n.constituencies:
                labels = constituency_labels()
                line += " " + _("(constituencies: {constituencies})").format(
                    constituencies=_text(", ".join(labels.get(k, k) for k in n.constituencies)))
            out.append(line)
        out += ["", *_more(min(len(c.needs), MAX_ROWS), len(c.needs), lambda count: ngettext(
            "… and {count} more need (the page shows every one).",
            "… and {count} more needs (the page shows every one).", count).format(count=count))]
    if c.offers:
        out += ["**" + _("Offering") + "**", ""]
        out += [f"- **{md(o.kind)}**: {_text(o.description)}" for o in c.offers[:MAX_ROWS]]
        out += ["", *_more(min(len(c.offers), MAX_ROWS), len(c.offers), lambda count: ngettext(
            "… and {count} more offer (the page shows every one).",
            "… and {count} more offers (the page shows every one).", count).format(count=count))]
    return out


def coalition_preview(c: Coalition, changes: list[FieldChange] | None, today: str) -> str:
    """One coalition's preview in Markdown; `changes` None for a new entry."""
    acronym = f" ({_text(c.acronym, 40)})" if c.acronym else ""
    page = code_span(f"coalitions/{c.id}/")
    out = [f"### {_text(c.name, 200)}{acronym}", "", _("{file} · page {page}").format(file=code_span(c.file),
                                                                                       page=page), ""]
    out += _changes(changes)
    out += [f"> {_text(c.summary, 1000)}", "",
            _("**Status: {status}** — {met} of {total} ImPACT criteria met").format(
                status=md(_(STATUS_LABELS[c.status])), met=c.criteria_met, total=len(c.criteria)), ""]
    out += _members(c) + _workplan(c, today) + _needs_and_offers(c)
    return _bounded(out)


def _bounded(lines: list[str]) -> str:
    """The lines, cut at a line to at most MAX_BYTES UTF-8 bytes with a last line saying so."""
    kept: list[str] = []
    cut = _(CUT)
    used = len(cut.encode("utf-8")) + 2
    for line in lines:
        used += len(line.encode("utf-8")) + 1
        if used > MAX_BYTES:
            return "\n".join([*kept, "", cut, ""])
        kept.append(line)
    return "\n".join(kept)


def _base_data(root: str, diff: PullRequestDiff, change: Change) -> Any:
    """The entry as the base branch has it (or had it where the pull request started); None for a new one."""
    if change.status not in ("M", "R"):
        return None
    path = change.old_path or change.path
    raw = read_blob(root, diff.base, path) or read_blob(root, diff.merge_base, path)
    document = load_bytes(raw, path).document if raw is not None else None
    return document.data if document is not None and isinstance(document.data, dict) else None


def preview_markdown(root: str, diff: PullRequestDiff, report: Report, settings: Settings) -> str:
    """The previews of the changed coalition files ("" when none changed), from the head's validation report.

    Call inside head.head_files(), with the report of its files: the model is built from them.
    """
    changed = [c for c in diff.changes if is_coalition_file(c.path) and c.status != "D"
               and c.new_mode in REGULAR_MODES]
    if not changed:
        return ""
    wanted = {c.path for c in changed[:MAX_PREVIEWS]}
    entries = {e.file: e for e in report.entries if e.file in wanted}
    publishable = tuple(e for e in entries.values() if e.ok and e.data is not None and e.status is not None)
    coalitions = {c.file: c for c in build_registry(replace(report, entries=publishable), settings).coalitions}
    out = [_(HEADING), "", _("Each changed coalition as its page will read after the merge (the first {count} changed "
                             "files; long lists and texts are shortened here).").format(count=MAX_PREVIEWS), ""]
    for change in changed[:MAX_PREVIEWS]:
        coalition, entry = coalitions.get(change.path), entries.get(change.path)
        if coalition is None or entry is None or entry.data is None:
            out += [f"### {code_span(change.path)}", "", _("The preview appears once this file has no errors (see "
                                                           "the report above)."), ""]
            continue
        old = _base_data(root, diff, change)
        changes = entry_changes(old, entry.data) if old is not None else None
        out.append(coalition_preview(coalition, changes, settings.today.isoformat()))
    left = len(changed) - MAX_PREVIEWS
    if left > 0:
        out += ["*" + ngettext("{count} more changed coalition file not previewed here.",
                               "{count} more changed coalition files not previewed here.", left).format(count=left)
                + "*", ""]
    return "\n".join(out)
