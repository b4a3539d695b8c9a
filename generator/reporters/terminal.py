"""`impact validate` for people: one line per problem, then each entry's criteria, then the counts."""

from __future__ import annotations

from generator.i18n.catalogs import _, pgettext
from generator.registry.report import Report
from generator.reporters.summary import TITLES, counts, one_line


def text_report(report: Report) -> str:
    lines: list[str] = []
    for entry in report.entries:
        for p in entry.problems:
            severity = pgettext("severity", "error") if p.severity == "error" else pgettext("severity", "warning")
            lines.append(f"{p.file}:{p.line}:{p.column}: {severity}: {one_line(p.message)} [{p.rule}]")
        if entry.criteria is not None and entry.ok:
            met = sum(r.met for r in entry.criteria.values())
            missing = [k for k, r in entry.criteria.items() if not r.met]
            # the status (eligible, forming, …) and the criteria's ids are the registry's own words, kept as written
            summary = _("{file}: {status} — {met} of {total} ImPACT criteria met").format(
                file=entry.file, status=entry.status, met=met, total=len(entry.criteria))
            if report.whole_registry:  # one line each; name the file to see what to add
                lines.append(_("{summary} (missing: {criteria})").format(summary=summary, criteria=", ".join(missing))
                             if missing else summary)
                continue
            lines.append(summary)
            for criterion_id, result in entry.criteria.items():
                if not result.met or result.justified:
                    line = _("  justified: {title} — {detail}") if result.justified else \
                        _("  missing: {title} — {detail}")
                    lines.append(line.format(title=TITLES[criterion_id], detail=result.detail))
    lines.append((_("OK: {counts}") if report.ok else _("FAILED: {counts}")).format(counts=counts(report)))
    return "\n".join(lines) + "\n"
