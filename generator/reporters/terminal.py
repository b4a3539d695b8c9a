"""`impact validate` for people: one line per problem, then each entry's criteria, then the counts."""

from __future__ import annotations

from generator.registry.report import Report
from generator.reporters.summary import TITLES, counts, one_line


def text_report(report: Report) -> str:
    lines: list[str] = []
    for entry in report.entries:
        for p in entry.problems:
            lines.append(f"{p.file}:{p.line}:{p.column}: {p.severity}: {one_line(p.message)} [{p.rule}]")
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
                    lines.append(f"  {mark}: {TITLES[criterion_id]} — {result.detail}")
    lines.append(("OK: " if report.ok else "FAILED: ") + counts(report))
    return "\n".join(lines) + "\n"
