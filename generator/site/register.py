"""The Register page: a web form whose fields and checks are derived from the coalition schema.

The questions are those of the issue form (generator/form/questions.py); every constraint the browser
checks (required, lengths, patterns, choices, formats) is read from schema/coalition.schema.json at build
time, and the criteria status it shows from registry/criteria.yml, so the form and the validator cannot
drift apart. Its script (assets/register.js) writes the file as the Python writer does.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from generator.form.questions import page_fields
from generator.reference import countries
from generator.registry.criteria import CriteriaSettings
from generator.text import INVISIBLE

if TYPE_CHECKING:
    from generator.model.objects import Registry
    from generator.site.render import Files, Renderer


def page_rules(schema: Mapping[str, Any], criteria: CriteriaSettings) -> dict[str, Any]:
    """What the page's script checks beyond each control's own attributes, read from the same sources."""
    properties = schema["properties"]
    identifier, objectives = properties["id"], properties["objectives"]["items"]
    reserved = identifier.get("not", {}).get("anyOf", [])
    groups: dict[str, list[str]] = {}
    for country in countries().values():
        if country.region:
            groups.setdefault(country.region, []).append(country.code)
    return {
        "objectives": {"minLength": objectives["minLength"], "maxLength": objectives["maxLength"]},
        "maintainers": {key: properties["maintainers"]["items"][key] for key in ("pattern", "maxLength")},
        "id_length": [identifier["minLength"], identifier["maxLength"]],
        # ids the site's own pages and badges use (the schema's `not` on id)
        "reserved_ids": [v for rule in reserved for v in rule.get("enum", [])],
        "reserved_id_patterns": [rule["pattern"] for rule in reserved if "pattern" in rule],
        # the order of a member's keys in the file: the schema's, as the Python writer writes them
        "member_keys": list(properties["members"]["items"]["properties"]),
        # the countries of each UN Regional Group: a member elsewhere states its region
        "groups": {group: " ".join(codes) for group, codes in sorted(groups.items())},
        "invisible": INVISIBLE.pattern,  # stripped from answers, as the issue form's reader strips it
        "criteria": dataclasses.asdict(criteria),
    }


def register_page(renderer: Renderer, registry: Registry) -> Files:
    schema = renderer.schema
    rules = page_rules(schema, renderer.criteria_settings)
    existing = sorted(c.id for c in registry.coalitions)
    return {"register.md": renderer.page("register.md.j2", fields=page_fields(schema), rules=json.dumps(rules),
                                         existing=json.dumps(existing))}
