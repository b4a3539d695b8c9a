"""`impact validate --format json`: the report for tools (docs/cli.md fixes its shape)."""

from __future__ import annotations

import json

from generator.registry.report import Report


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
