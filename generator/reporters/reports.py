"""Reporters: one function per output format, each turning a Report into text. Pure; the CLI prints."""

from __future__ import annotations

import json
from collections.abc import Callable

from generator.problems import Problem, pointer_to_field
from generator.registry.criteria import CRITERIA
from generator.registry.report import EntryReport, Report
from generator.text import code_span, md

_TITLES = {c.id: c.title for c in CRITERIA}


def _counts(report: Report) -> str:
    files = len(report.entries)
    return (f"{files} file{'s' * (files != 1)} checked: {report.errors} error{'s' * (report.errors != 1)}, "
            f"{report.warnings} warning{'s' * (report.warnings != 1)}; {report.eligible} eligible")


def _one_line(text: str) -> str:
    """Entry text quoted in a message stays on the problem's line: one problem, one line."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def text_report(report: Report) -> str:
    lines: list[str] = []
    for entry in report.entries:
        for p in entry.problems:
            lines.append(f"{p.file}:{p.line}:{p.column}: {p.severity}: {_one_line(p.message)} [{p.rule}]")
        if entry.criteria is not None and entry.ok:
            met = sum(r.met for r in entry.criteria.values())
            missing = [k for k, r in entry.criteria.items() if not r.met]
            summary = f"{entry.file}: {entry.status} — {met} of {len(entry.criteria)} ImPACT criteria met"
            if report.whole_registry:  # one line each; name the file to see what to add
                lines.append(summary + (f" (missing: {', '.join(missing)})" if missing else ""))
                continue
            lines.append(summary)
            for criterion_id, result in entry.criteria.items():
                if not result.met or result.justified:
                    mark = "justified" if result.justified else "missing"
                    lines.append(f"  {mark}: {_TITLES[criterion_id]} — {result.detail}")
    lines.append(("OK: " if report.ok else "FAILED: ") + _counts(report))
    return "\n".join(lines) + "\n"


def json_report(report: Report) -> str:
    entries = []
    for entry in report.entries:
        item: dict[str, object] = {"file": entry.file, "id": entry.id, "ok": entry.ok,
                                   "eligible": entry.eligible, "status": entry.status}
        if entry.criteria is not None:
            item["criteria"] = {k: r.as_json() for k, r in entry.criteria.items()}
        item["problems"] = [p.as_json() for p in entry.problems]
        entries.append(item)
    document = {"version": 1, "ok": report.ok, "entries": entries,
                "summary": {"files": len(report.entries), "errors": report.errors,
                            "warnings": report.warnings, "eligible": report.eligible}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(report: Report) -> str:
    """GitHub workflow commands: one annotation per problem, shown on the pull request's lines."""
    lines = []
    for p in report.problems:
        command = "error" if p.severity == "error" else "warning"
        title = _escape_property(f"ImPACT registry: {p.rule}")
        lines.append(f"::{command} file={_escape_property(p.file)},line={p.line},col={p.column},"
                     f"title={title}::{_escape_data(p.message)}")
    lines.append(_counts(report))
    return "\n".join(lines) + "\n"


def _problem_row(p: Problem) -> str:
    icon = "❌ error" if p.severity == "error" else "⚠️ warning"
    field = md(pointer_to_field(p.pointer)) if p.pointer else "—"
    return f"| {p.line} | {icon} | {field} | {md(p.message)} | {code_span(p.rule, in_table=True)} |"


def _markdown_entry(entry: EntryReport) -> list[str]:
    out = [f"### {code_span(entry.file)}", ""]
    if entry.criteria is not None and entry.ok:
        met = sum(r.met for r in entry.criteria.values())
        label = "Meets the ImPACT criteria" if entry.eligible else \
            f"Forming — {met} of {len(entry.criteria)} criteria met"
        out += [f"**{label}** (status: {entry.status})", "", "| | Criterion | What we found |", "|---|---|---|"]
        for criterion_id, result in entry.criteria.items():
            icon = "🟡" if result.justified else "✅" if result.met else "⬜"
            out.append(f"| {icon} | {_TITLES[criterion_id]} | {md(result.detail)} |")
        out.append("")
    if entry.problems:
        out += ["| Line | Severity | Field | What to fix | Rule |", "|---:|---|---|---|---|"]
        out += [_problem_row(p) for p in entry.problems]
        out.append("")
    elif entry.criteria is None:
        out += ["No problems.", ""]
    return out


def markdown_report(report: Report) -> str:
    """The report a coalition reads on its pull request."""
    head = "✅ All checks passed" if report.ok else "❌ Some things need fixing before this can be merged"
    out = ["## ImPACT Coalitions Registry check", "", f"{head} — {_counts(report)}.", ""]
    for entry in report.entries:
        out += _markdown_entry(entry)
    out += ["<sub>Errors block the merge; warnings and unmet criteria do not. A coalition that does not yet meet "
            "all four criteria is listed as *forming*. See CONTRIBUTING.md for every field.</sub>", ""]
    return "\n".join(out)


def check_pr_markdown(problems: list[Problem], author: str) -> str:
    """`impact check-pr --format markdown`: each change the author may not make, or that they may make all."""
    lines = ["### Who may change what", ""]
    lines += [f"- ❌ {code_span(p.file)}: {md(p.message)} ({code_span(p.rule)})" for p in problems] or \
        [f"✅ {md(author)} may make every change in this pull request."]
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text_report,
    "json": json_report,
    "github": github_report,
    "markdown": markdown_report,
}
