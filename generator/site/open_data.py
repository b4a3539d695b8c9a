"""The open data: each coalition's public record (api/<id>.json, api/coalitions.json), the registry as CSV
(api/coalitions.csv) and the published JSON Schema. E-mail addresses are obfuscated in every value, and a
CSV cell never starts a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import fields
from functools import lru_cache
from typing import Any

from generator.markdown.sanitise import redact_emails
from generator.model.objects import Coalition, Registry
from generator.site.render import SiteInfo

_MEMBER_FIELDS = ("name", "country", "region", "sector", "constituency", "constituency_other", "scope", "role",
                  "youth_led", "website")


def json_file(document: Mapping[str, Any]) -> str:
    # No indent: the standard library's C encoder then does the work (indented output is pure Python).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _written(part: Any) -> dict[str, Any]:
    """A part of an entry (a milestone, a need, the engagement plan…) as the open data writes it: its fields
    in their order, lists as lists, without those the entry left out (None)."""
    values = ((f.name, getattr(part, f.name)) for f in fields(part))
    return {name: list(value) if isinstance(value, tuple) else value for name, value in values if value is not None}


def _redacted(data: Any) -> Any:
    if isinstance(data, str):
        return redact_emails(data)
    if isinstance(data, dict):
        return {k: _redacted(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_redacted(v) for v in data]
    return data


@lru_cache(maxsize=4096)  # api/<id>.json and api/coalitions.json write the same record: built once
def open_data(coalition: Coalition, site: SiteInfo) -> Mapping[str, Any]:
    """The public record of a coalition. Never the contact e-mail, public or not."""
    c = coalition
    data: dict[str, Any] = {
        "id": c.id, "name": c.name, "acronym": c.acronym, "summary": c.summary, "description": c.description,
        "status": c.status, "status_label": c.status_label, "merged_into": c.merged_into,
        "decision_note": c.decision_note, "status_note": c.status_note, "founded": c.founded, "origin": c.origin,
        "themes": list(c.themes), "pact_chapters": list(c.pact_chapters), "pact_actions": list(c.pact_actions),
        "sdgs": list(c.sdgs), "youth_focus": c.youth_focus, "objectives": list(c.objectives),
        "members": [{k: getattr(m, k) for k in _MEMBER_FIELDS} for m in c.members],
        "engagement": _written(c.engagement),
        "workplan": [_written(m) for m in c.workplan],
        "related_initiatives": [_written(r) for r in c.related_initiatives],
        "needs": [_written(n) for n in c.needs], "offers": [_written(o) for o in c.offers],
        "support_requested": c.support_requested, "governance": c.governance, "resourcing": c.resourcing,
        "updates": [_written(u) for u in c.updates], "events": [_written(e) for e in c.events],
        "resources": [_written(r) for r in c.resources], "contact_url": c.contact_url,
        "maintainers": list(c.maintainers), "sources": list(c.sources),
        "listed_from_public_sources": c.listed_from_public_sources,
        "criteria": {k.id: {"met": k.met, "justified": k.justified, "detail": k.detail} for k in c.criteria},
        "last_updated": c.last_updated,
        "eligible": all(k.met for k in c.criteria),
        "page": f"{site.url}coalitions/{c.id}/",
        # Added after the fields above, which keep their names and order.
        "decision_date": c.decision_date,
        "merged_from": [other.id for other in c.joined_by],
        "language": c.language,  # of name, summary, objectives and the other texts: "en" unless the entry says
    }
    if c.translations:  # the entry's own, each as written (the fields it translates, in the schema's order)
        data["translations"] = {t.code: {k: v for k, v in _written(t).items() if k != "code"} for t in c.translations}
    redacted: dict[str, Any] = _redacted(data)
    return redacted


def licence(site: SiteInfo) -> dict[str, Any]:
    """The data licence, as every open-data document states it; nothing when mkdocs.yml names none."""
    data = site.data_licence
    return {} if data is None else {"licence": {"id": data.id, "name": data.name, "url": data.url}}


def coalition_json(coalition: Coalition, site: SiteInfo) -> str:
    """api/<id>.json: the coalition's record, and the licence it is published under."""
    return json_file({**open_data(coalition, site), **licence(site)})


def coalitions_json(registry: Registry, site: SiteInfo) -> str:
    return json_file({"version": 1, "generated": registry.today, **licence(site),
                      "coalitions": [open_data(c, site) for c in registry.coalitions]})


# A line of a cell that a spreadsheet could read as a formula: one starting with = + - @ (or their
# full-width forms, which some East Asian spreadsheet set-ups turn into formulas), possibly after
# blanks, or with a tab or carriage return. Every line counts, not only the cell's first: a reader that
# splits rows on any line break (bare CR included) would otherwise see a line as the start of a row.
_FORMULA_LINE = re.compile("^(?:[ \u00a0\u3000]*[=+\\-@\uff1d\uff0b\uff0d\uff20]|[\t\r])")
# The line breaks of str.splitlines(), which some readers use: every one starts a line to check.
_LINE_BREAKS = re.compile("(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])")


def csv_safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: a `'` before every line that could start one."""
    text = "" if value is None else redact_emails(str(value))
    lines = _LINE_BREAKS.split(text)  # [line, break, line, break, …]: breaks are kept as written
    safe = "".join("'" + part if i % 2 == 0 and _FORMULA_LINE.match(part) else part for i, part in enumerate(lines))
    return "'" + safe if _LINE_BREAKS.match(safe) else safe  # a cell that starts with a line break, as before


CSV_COLUMNS = ("id", "name", "acronym", "status", "eligible", "criteria_met", "themes", "regions", "constituencies",
               "countries", "members", "pact_chapters", "pact_actions", "sdgs", "founded", "summary",
               "listed_from_public_sources", "last_updated", "language")


def coalitions_csv(registry: Registry) -> str:
    out = io.StringIO()
    # Every cell quoted: a cell holding a line break of any kind (a bare CR too) stays one cell for any reader.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for c in registry.coalitions:
        row = (c.id, c.name, c.acronym, c.status, c.criteria_met == len(c.criteria), c.criteria_met,
               ";".join(c.themes), ";".join(c.regions), ";".join(c.constituencies), ";".join(c.countries),
               len(c.members), ";".join(c.pact_chapters), ";".join(map(str, c.pact_actions)),
               ";".join(map(str, c.sdgs)), c.founded, c.summary, c.listed_from_public_sources, c.last_updated,
               c.language)
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


def schema_file(schema: Mapping[str, Any], site: SiteInfo) -> str:
    """The coalition file's JSON Schema; the published copy names its real address."""
    if site.url.startswith(("https://", "http://")):
        schema = {**schema, "$id": f"{site.url}schema/coalition.schema.json"}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
