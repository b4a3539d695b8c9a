"""Hostile payloads for every free-text field of a coalition file (issue: nothing executes, nothing leaks)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML

# Each class of payload an attacker could try through a pull request.
PAYLOADS: dict[str, str] = {
    "html-script": "<script>window.__pwned=true;alert('html-script')</script>",
    "event-handler": "<img src=x onerror=\"window.__pwned=true\"><b onmouseover=alert(1)>x</b>",
    "javascript-url": "[click](javascript:alert('javascript-url')) <a href=\"javascript:alert(1)\">x</a>",
    "data-url": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <a href='data:text/html,x'>y</a>",
    "attribute-list": "Text {: onclick=\"alert('attribute-list')\" } {#id .class onclick=alert(1)}",
    "snippet-include": "--8<-- \"/etc/passwd\"\n;--8<-- \"../../mkdocs.yml\"",
    "raw-html-block": "<div markdown=\"1\">\n<iframe src=\"https://evil.example.org\"></iframe>\n</div>",
    "template": "{{ config }} {% include '/etc/passwd' %} {{ ''.__class__.__mro__ }}",
    "front-matter": "x\n---\ntitle: pwned\n---\n",
    "xml-cdata": "]]></content><script>alert('xml')</script><![CDATA[",
    "csv-formula": "=HYPERLINK(\"https://evil.example.org\",\"x\")",
    "csv-plus": "+cmd|' /C calc'!A0",
    "csv-minus": "-2+3+cmd|' /C calc'!A0",
    "csv-at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "ical-break": "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
    "svg-break": "</text><script>alert('svg')</script><text>",
    "bidi-zero-width": "Ev\u202eil\u200b Org\u2066\u200d",
    "email-leak": "write to someone@example.org",
    # Issue #12, item 1: a character outside the BMP once made MkDocs drop a page's front matter, and the
    # page — entry text included — went through Markdown: a live javascript: link, a foreign image.
    "markdown-link-non-bmp": "[Read our charter](javascript:alert(document.domain)) \U0001f30d",
    "markdown-image-non-bmp": "![](http://pixel.example.org/pixel.gif) \u2026 \U0001f30d",
}
NON_BMP = "\U0001f30d"  # 🌍: appended to every payload class as a variant of its own
VARIANT = "+non-bmp"

_BASE_MEMBER = {"name": "Fictional Member {n} (example)", "country": "KE", "sector": "civil-society",
                "constituency": "ngos"}


def base_entry(index: int) -> dict[str, Any]:
    """A valid, fully filled coalition to carry one payload."""
    return {
        "schema_version": 1, "id": f"hostile-{index:04d}", "name": f"Hostile Test Coalition {index} (example)",
        "acronym": "HTC", "summary": "A fictional coalition that carries one hostile payload in one field.",
        "description": "Plain description.", "status_note": "Forming.", "themes": ["health", "human-rights"],
        "objectives": ["Carry a payload through every output format."],
        "members": [dict(_BASE_MEMBER, name=f"Fictional Member {index} (example)"),
                    {"name": "Other Fictional Member (example)", "country": "BR", "sector": "academia",
                     "constituency": "other", "constituency_other": "Researchers"}],
        "engagement": {"member_states": "Brief the missions.", "un_country_teams": "Meet the team.",
                       "un_agencies": "Share the review.", "support_needed": "Introductions."},
        "workplan": [{"date": "2024-06-01", "title": "Launch", "description": "First call."},
                     {"date": "2026-12-01", "title": "Review", "status": "planned"}],
        "related_initiatives": [{"name": "Example Initiative", "url": "https://initiative.example.org"}],
        "needs": [{"kind": "partners", "description": "Partners from GRULAC."}],
        "offers": [{"kind": "expertise", "description": "Health policy."}],
        "support_requested": "Introductions.", "governance": "Consensus.", "resourcing": "Volunteers.",
        "updates": [{"date": "2026-09-01", "title": "Progress", "body": "We met."}],
        "events": [{"date": "2026-12-10", "title": "Public meeting", "location": "online",
                    "url": "https://event.example.org"}],
        "resources": [{"title": "Report", "url": "https://report.example.org", "kind": "report"}],
        "contact": {"email": "coalition@example.org", "public": True},
        "maintainers": ["example-volunteer"],
        "commitments": {"transparency": True, "accountability": True, "inclusivity": True},
    }


def _setter(*path: str | int) -> Callable[[dict[str, Any], str], None]:
    def put(entry: dict[str, Any], value: str) -> None:
        node: Any = entry
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    put.path = path  # type: ignore[attr-defined] — where it puts, for value_of
    return put


# Every free-text field of a coalition file, with where it sits in the document and its maximum length.
FIELDS: dict[str, tuple[Callable[[dict[str, Any], str], None], int]] = {
    "name": (_setter("name"), 150), "acronym": (_setter("acronym"), 30), "summary": (_setter("summary"), 600),
    "description": (_setter("description"), 10000), "status_note": (_setter("status_note"), 300),
    "objectives": (_setter("objectives", 0), 500), "members.name": (_setter("members", 0, "name"), 200),
    "members.constituency_other": (_setter("members", 1, "constituency_other"), 100),
    "engagement.member_states": (_setter("engagement", "member_states"), 3000),
    "engagement.un_country_teams": (_setter("engagement", "un_country_teams"), 3000),
    "engagement.un_agencies": (_setter("engagement", "un_agencies"), 3000),
    "engagement.support_needed": (_setter("engagement", "support_needed"), 3000),
    "workplan.title": (_setter("workplan", 0, "title"), 200),
    "workplan.description": (_setter("workplan", 0, "description"), 2000),
    "related_initiatives.name": (_setter("related_initiatives", 0, "name"), 200),
    "needs.description": (_setter("needs", 0, "description"), 1000),
    "offers.description": (_setter("offers", 0, "description"), 1000),
    "support_requested": (_setter("support_requested"), 2000), "governance": (_setter("governance"), 2000),
    "resourcing": (_setter("resourcing"), 2000), "updates.title": (_setter("updates", 0, "title"), 200),
    "updates.body": (_setter("updates", 0, "body"), 5000), "events.title": (_setter("events", 0, "title"), 200),
    "events.location": (_setter("events", 0, "location"), 200),
    "resources.title": (_setter("resources", 0, "title"), 200),
}
LONG = "Very long text. " * 600  # 9,600 characters: cut to each field's maximum


def hostile_entries() -> list[tuple[str, str, dict[str, Any]]]:
    """(field, payload class, entry) for every field × payload (each also with NON_BMP appended, as class
    "<class>+non-bmp") that fits the field's length limit."""
    cases = []
    payloads = {**PAYLOADS, "very-long": LONG}
    for field, (put, limit) in FIELDS.items():
        for kind, payload in payloads.items():
            for suffix in ("", " " + NON_BMP):
                value = payload[:limit - len(suffix)] if kind == "very-long" else payload
                value += " padded" * max(0, (20 - len(value) + 6) // 7)  # every field's minimum length is ≤ 20
                if len(value) > limit:
                    continue
                value = value[:limit - len(suffix)] + suffix  # a payload that just fits loses its end for 🌍
                if len(value) > limit or (field == "acronym" and len(value) < 1):
                    continue
                entry = copy.deepcopy(base_entry(len(cases)))
                put(entry, value)
                cases.append((field, kind + (VARIANT if suffix else ""), entry))
    return cases


def value_of(document: Any, field: str) -> Any:
    """The value FIELDS[field] puts, read back from a coalition file or its open-data record."""
    node = document
    for part in FIELDS[field][0].path:  # type: ignore[attr-defined]
        node = node[part]
    return node


def dump(entry: dict[str, Any]) -> str:
    import io

    yaml = YAML()
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(entry, out)
    return out.getvalue()
