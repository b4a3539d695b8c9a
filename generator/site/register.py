"""The Register page: a web form whose fields and checks are derived from the coalition schema.

The questions are those of the issue form (generator/form/questions.py); every constraint the browser
checks (required, lengths, patterns, choices, formats) is read from schema/coalition.schema.json at build
time, so the form and the validator cannot drift apart.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from generator.form.questions import page_fields

if TYPE_CHECKING:
    from generator.model.objects import Registry
    from generator.site.render import Files, Renderer


def register_page(renderer: Renderer, registry: Registry) -> Files:
    schema = renderer.schema
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
    return {"register.md": renderer.page("register.md.j2", fields=page_fields(schema), rules=json.dumps(rules),
                                         existing=json.dumps(existing))}
