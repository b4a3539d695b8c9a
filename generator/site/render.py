"""Render the registry into the files of the docs folder: pages, badges, open data. Pure: returns files.

Entry text is inert everywhere: plain-text fields are escaped by Jinja's autoescape, Markdown fields
are rendered here with no extension and cleaned with an allow-list (nh3), and every generated page
keeps entry text inside one raw HTML block so MkDocs' own Markdown never reads it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from generator.errors import ImpactError
from generator.markdown import blocks as markdown_blocks
from generator.markdown.limits import bounded_markdown
from generator.markdown.sanitise import clean_html, obfuscate_email, redact_emails
from generator.model.objects import STATUS_LABELS, Coalition, Dated, Registry
from generator.reference import (
    REGION_LABELS,
    SECTOR_LABELS,
    THEME_LABELS,
    constituency_labels,
    pact_chapter_labels,
    sdg_labels,
)
from generator.registry.criteria import CRITERIA, CriteriaSettings
from generator.site.front_matter import quoted
from generator.site.hooks import PRE_RENDERED

Files = dict[str, str | bytes]

_BLANK_LINES = re.compile(r"\n\s*\n")


_MARKDOWN = bounded_markdown()  # built once: building costs more than a field; linear in the text (issue #12)


@lru_cache(maxsize=4096)  # an update's body is shown on its page, on the hub and in the Atom feed: rendered once
def render_markdown(text: str) -> Markup:
    """Limited Markdown → sanitised HTML. No extensions, no images (no request to other hosts), no raw HTML,
    links only to absolute http(s) addresses (sanitise.py). Text beyond the Markdown limits (too many lines
    without a blank line, nesting too deep: the validator refuses it) is shown as plain paragraphs."""
    if markdown_blocks.excess(text) is None:
        html = _MARKDOWN.reset().convert(text)
        html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    else:
        html = "".join(f"<p>{escape(part)}</p>" for part in _BLANK_LINES.split(text) if part.strip())
    # Raw HTML is removed tag by tag (markdown_limits.py): a block of it can leave an empty paragraph.
    clean = clean_html(html).replace("<p></p>", "")
    return Markup(_BLANK_LINES.sub("\n", clean))  # noqa: S704 — sanitised by nh3 in clean_html


def _finalize(value: object) -> object:
    """Applied by Jinja to every {{ … }} output."""
    if isinstance(value, Markup):
        return Markup(redact_emails(str(value)))  # noqa: S704 — already-safe HTML, only addresses rewritten
    if isinstance(value, str):
        return redact_emails(value)
    return value


def _redacted(data: Any) -> Any:
    if isinstance(data, str):
        return redact_emails(data)
    if isinstance(data, dict):
        return {k: _redacted(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_redacted(v) for v in data]
    return data


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


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # absolute, ends with '/'; used in embed snippets and feeds
    repository: str  # https://github.com/owner/repo, for "edit this entry" links
    branch: str


def _badge_width(text: str) -> int:
    # Verdana 11px: about 6.5 px per character plus padding — close enough for a badge.
    return int(len(text) * 6.5) + 12


STATUS_COLOURS = {"eligible": "#1a7f37", "forming": "#8a4b00", "shortlisted": "#0a58ca", "merged": "#57606a",
                  "archived": "#57606a"}


class Renderer:
    def __init__(self, templates: Path, site: SiteInfo, criteria_settings: CriteriaSettings,
                 schema: Mapping[str, Any]) -> None:
        if not templates.is_dir():
            raise ImpactError(f"the site templates folder {templates} is missing")
        self.site = site
        self.schema = schema
        self._open_data: dict[str, dict[str, Any]] = {}
        self.criteria_settings = criteria_settings
        self.env = Environment(loader=FileSystemLoader(str(templates)), autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               finalize=_finalize)
        self.env.filters.update(markdown=render_markdown, obfuscate_email=obfuscate_email,
                                quoted=lambda text: Markup(quoted(str(text))),  # noqa: S704 — a quoted scalar
                                labels=lambda values, table: [table.get(v, v) for v in values])
        self.env.globals.update(
            site=site, STATUS_LABELS=STATUS_LABELS, THEME_LABELS=THEME_LABELS, REGION_LABELS=REGION_LABELS,
            SECTOR_LABELS=SECTOR_LABELS, CONSTITUENCY_LABELS=constituency_labels(),
            PACT_LABELS=pact_chapter_labels(), SDG_LABELS=sdg_labels(), CRITERIA=CRITERIA,
            criteria_settings=criteria_settings)

    def render(self, template: str, **context: Any) -> str:
        try:
            text = self.env.get_template(template).render(**context)
        except TemplateError as exc:
            raise ImpactError(f"site template {template}: {exc}") from exc
        return text

    def page(self, template: str, **context: Any) -> str:
        """A Markdown page whose body is one raw HTML block (no blank lines inside it).

        The front matter flags it, so that `impact build` hands the HTML to the theme without running
        it through Markdown (site_hooks.py); templates write entry text into it with `|quoted`
        (front_matter.py), and `impact build` reads every page back before building (check_pages).
        """
        text = self.render(template, **context)
        head, sep, body = text.partition("\n---\n")
        if not head.startswith("---\n") or not sep:  # no front matter, no flag: refused, not built unflagged
            raise ImpactError(f"site template {template}: a page template starts with front matter "
                              "between two --- lines")
        body = _BLANK_LINES.sub("\n", body).strip()
        return f"{head}\n{PRE_RENDERED}: true{sep}{body}\n"

    def open_data(self, coalition: Coalition) -> dict[str, Any]:
        """One coalition's record, built once per build: api/<id>.json and api/coalitions.json share it."""
        if coalition.id not in self._open_data:
            self._open_data[coalition.id] = open_data(coalition, self.site)
        return self._open_data[coalition.id]

    def badge(self, label: str, message: str, colour: str) -> str:
        left, right = _badge_width(label), _badge_width(message)
        return self.render("badge.svg.j2", label=label, message=message, colour=colour, left=left, right=right)

    def coalition_files(self, coalition: Coalition) -> Files:
        files: Files = {}
        files[f"coalitions/{coalition.id}.md"] = self.page("coalition.md.j2", c=coalition)
        files[f"badges/{coalition.id}.svg"] = self.badge("ImPACT", coalition.status_label.lower(),
                                                         STATUS_COLOURS[coalition.status])
        met = coalition.criteria_met
        colour = "#1a7f37" if met == len(coalition.criteria) else "#8a4b00"
        files[f"badges/{coalition.id}-criteria.svg"] = self.badge("ImPACT criteria", f"{met}/{len(coalition.criteria)}",
                                                                  colour)
        files[f"badges/{coalition.id}.json"] = _json({
            "schemaVersion": 1, "label": "ImPACT", "message": coalition.status_label.lower(),
            "color": STATUS_COLOURS[coalition.status].lstrip("#")})
        files[f"api/{coalition.id}.json"] = _json(self.open_data(coalition))
        return files

    def schema_file(self) -> str:
        schema = self.schema
        if self.site.url.startswith(("https://", "http://")):  # the published copy names its real address
            schema = {**schema, "$id": f"{self.site.url}schema/coalition.schema.json"}
        return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def core_pages(renderer: Renderer, registry: Registry) -> Files:
    """Home, directory, criteria, FAQ and the registry-wide open data."""
    context = {"registry": registry}
    return {
        "index.md": renderer.page("home.md.j2", **context),
        "coalitions/index.md": renderer.page("directory.md.j2", **context),
        "criteria.md": renderer.page("criteria.md.j2", **context),
        "faq.md": renderer.page("faq.md.j2", **context),
        "api/coalitions.json": _json({"version": 1, "generated": registry.today,
                                      "coalitions": [renderer.open_data(c) for c in registry.coalitions]}),
        "api/coalitions.csv": coalitions_csv(registry),
    }


def _json(document: Mapping[str, Any]) -> str:
    # No indent: the standard library's C encoder then does the work (indented output is pure Python).
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


_MEMBER_FIELDS = ("name", "country", "region", "sector", "constituency", "constituency_other", "scope", "role",
                  "youth_led", "website")


def _dated(item: Dated, kind: str) -> dict[str, Any]:
    if kind == "workplan":
        return {"date": item.date, "title": item.title, "description": item.text, "status": item.status}
    if kind == "updates":
        return {"date": item.date, "title": item.title, "body": item.text}
    return {"date": item.date, "end_date": item.end_date, "title": item.title, "location": item.location,
            "url": item.url}


def open_data(coalition: Coalition, site: SiteInfo) -> dict[str, Any]:
    """The public record of a coalition. Never the contact e-mail, public or not."""
    c = coalition
    data: dict[str, Any] = {
        "id": c.id, "name": c.name, "acronym": c.acronym, "summary": c.summary, "description": c.description,
        "status": c.status, "status_label": c.status_label, "merged_into": c.merged_into,
        "decision_note": c.decision_note, "status_note": c.status_note, "founded": c.founded, "origin": c.origin,
        "themes": list(c.themes), "pact_chapters": list(c.pact_chapters), "pact_actions": list(c.pact_actions),
        "sdgs": list(c.sdgs), "youth_focus": c.youth_focus, "objectives": list(c.objectives),
        "members": [{k: getattr(m, k) for k in _MEMBER_FIELDS} for m in c.members],
        "engagement": dict(c.engagement),
        "workplan": [_dated(m, "workplan") for m in c.workplan],
        "related_initiatives": list(c.related_initiatives), "needs": list(c.needs), "offers": list(c.offers),
        "support_requested": c.support_requested, "governance": c.governance, "resourcing": c.resourcing,
        "updates": [_dated(u, "updates") for u in c.updates], "events": [_dated(e, "events") for e in c.events],
        "resources": list(c.resources), "contact_url": c.contact_url, "maintainers": list(c.maintainers),
        "sources": list(c.sources), "listed_from_public_sources": c.listed_from_public_sources,
        "criteria": {k.id: {"met": k.met, "justified": k.justified, "detail": k.detail} for k in c.criteria},
        "last_updated": c.last_updated,
        "eligible": all(k.met for k in c.criteria),
        "page": f"{site.url}coalitions/{c.id}/",
    }
    redacted: dict[str, Any] = _redacted(data)
    return redacted


CSV_COLUMNS = ("id", "name", "acronym", "status", "eligible", "criteria_met", "themes", "regions", "constituencies",
               "countries", "members", "pact_chapters", "pact_actions", "sdgs", "founded", "summary",
               "listed_from_public_sources", "last_updated")


def coalitions_csv(registry: Registry) -> str:
    out = io.StringIO()
    # Every cell quoted: a cell holding a line break of any kind (a bare CR too) stays one cell for any reader.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for c in registry.coalitions:
        row = (c.id, c.name, c.acronym, c.status, c.criteria_met == len(c.criteria), c.criteria_met,
               ";".join(c.themes), ";".join(c.regions), ";".join(c.constituencies), ";".join(c.countries),
               len(c.members), ";".join(c.pact_chapters), ";".join(map(str, c.pact_actions)),
               ";".join(map(str, c.sdgs)), c.founded, c.summary, c.listed_from_public_sources, c.last_updated)
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()
