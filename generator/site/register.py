"""The Register page: a web form whose fields and checks are derived from the coalition schema.

Every constraint the browser checks (required, lengths, patterns, choices, formats) is read from
schema/coalition.schema.json at build time, so the form and the validator cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.reference import REGION_LABELS, SECTOR_LABELS, THEME_LABELS, constituency_labels, countries

if TYPE_CHECKING:
    from generator.model.objects import Registry
    from generator.site.render import Files, Renderer


@dataclass(frozen=True)
class FormField:
    """One form control, described by the schema property it fills."""

    path: str  # the field's place in a coalition file, e.g. "members.name"
    label: str
    help: str
    required: bool
    kind: str  # text | textarea | email | url | date | select | checkboxes | checkbox
    minlength: int | None = None
    maxlength: int | None = None
    pattern: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    @property
    def control_id(self) -> str:
        return "f-" + self.path.replace(".", "-").replace("_", "-")


def _property(schema: Mapping[str, Any], path: str) -> tuple[Mapping[str, Any], bool]:
    """The schema of a dotted field path, and whether a new, confirmed entry must fill it.

    At the top level, what a confirmed entry needs is the schema's `required` plus its `else` branch
    (the branch for entries not listed from public sources).
    """
    node = schema
    required = True
    for part in path.split("."):
        if node.get("type") == "array":
            node = node["items"]
        needed = set(node.get("required", ()))
        if node is schema:
            needed |= set(schema.get("else", {}).get("required", ()))
        required = required and part in needed
        node = node["properties"][part]
    return node, required


LABELS: dict[str, dict[str, str]] = {
    "themes": THEME_LABELS,
    "members.sector": SECTOR_LABELS,
    "members.region": REGION_LABELS,
}


def form_field(schema: Mapping[str, Any], path: str, kind: str | None = None) -> FormField:
    node, required = _property(schema, path)
    options: tuple[tuple[str, str], ...] = ()
    enum = node.get("enum") or node.get("items", {}).get("enum")
    if enum:
        labels = LABELS.get(path) or (constituency_labels() if path.endswith("constituency") else {})
        options = tuple((str(v), labels.get(str(v), str(v))) for v in enum)
    if kind is None:
        fmt = str(node.get("format", ""))
        kind = "select" if enum else {"email": "email", "uri": "url", "date": "date"}.get(fmt, "text")
        if node.get("maxLength", 0) > 300:
            kind = "textarea"
    if path == "members.country":
        kind = "select"
        options = tuple(sorted(((c.code, f"{c.name} ({c.code})") for c in countries().values()), key=lambda o: o[1]))
    return FormField(path=path, label=node.get("title", path), help=node.get("description", ""), required=required,
                     kind=kind, minlength=node.get("minLength"), maxlength=node.get("maxLength"),
                     pattern=node.get("pattern") if kind in ("text", "email") else None, options=options)


def register_page(renderer: Renderer, registry: Registry) -> Files:
    schema = renderer.schema
    fields = {path: form_field(schema, path, kind) for path, kind in (
        ("id", None), ("name", None), ("acronym", None), ("summary", "textarea"), ("themes", "checkboxes"),
        ("objectives", "textarea"), ("members.name", None), ("members.country", None), ("members.sector", None),
        ("members.constituency", None), ("engagement.member_states", "textarea"),
        ("engagement.un_agencies", "textarea"), ("engagement.support_needed", "textarea"),
        ("workplan.date", None), ("workplan.title", None), ("contact.email", None), ("contact.public", "checkbox"),
        ("maintainers", None))}
    objectives = schema["properties"]["objectives"]["items"]
    reserved = schema["properties"]["id"].get("not", {}).get("anyOf", [])
    rules = {  # the few item-level limits the page checks in script, read from the same schema
        "objectives": {"minLength": objectives["minLength"], "maxLength": objectives["maxLength"]},
        "maintainers": {"pattern": schema["properties"]["maintainers"]["items"]["pattern"]},
        "civil_society_sectors": list(renderer.criteria_settings.civil_society_sectors),
        # ids the site's own pages and badges use (the schema's `not` on id)
        "reserved_ids": [v for rule in reserved for v in rule.get("enum", [])],
        "reserved_id_patterns": [rule["pattern"] for rule in reserved if "pattern" in rule],
    }
    existing = sorted(c.id for c in registry.coalitions)
    return {"register.md": renderer.page("register.md.j2", fields=fields, rules=json.dumps(rules),
                                         existing=json.dumps(existing))}
