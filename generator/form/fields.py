"""One control of the registration forms, described by the schema property it fills.

Every constraint a form states (required, lengths, patterns, choices, formats, date bounds) is read from
schema/coalition.schema.json, so the forms and the validator cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.reference import REGION_LABELS, SECTOR_LABELS, THEME_LABELS, constituency_labels, countries
from generator.registry.schemas import FIRST_YEAR, LAST_YEAR
from generator.text import fold

# The reference tables' labels for the schema's choices (constituencies: constituency_labels()).
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "themes": THEME_LABELS,
    "members.sector": SECTOR_LABELS,
    "members.region": REGION_LABELS,
    "members.primary_region": REGION_LABELS,
    "members.scope": {"national": "National", "regional": "Regional", "global": "Global"},
    "members.role": {"lead": "Lead (convener or focal point)", "member": "Member"},
}
# The names people look for where the reference table's short name is an abbreviation.
COMMON_NAMES = {"GB": "United Kingdom", "US": "United States"}


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
    pattern: str | None = None  # the schema's: found anywhere in the answer, unless anchored
    options: tuple[tuple[str, str], ...] = ()
    first_day: str | None = None  # a date's bounds, the years the schemas' date patterns allow
    last_day: str | None = None

    @property
    def control_id(self) -> str:
        return "f-" + self.path.replace(".", "-").replace("_", "-")


def schema_property(schema: Mapping[str, Any], path: str) -> tuple[Mapping[str, Any], bool]:
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


def country_options() -> tuple[tuple[str, str], ...]:
    """(code, 'Name (code)') of every country and territory, by name as people write it: accents and case
    aside, so that Åland is with the A's."""
    names = {c.code: COMMON_NAMES.get(c.code, c.name) for c in countries().values()}
    return tuple((code, f"{name} ({code})") for code, name in sorted(names.items(), key=lambda o: fold(o[1])))


def _options(node: Mapping[str, Any], path: str) -> tuple[tuple[str, str], ...]:
    """(value, label) of each choice: an enum's values, or the boxes to tick of an object such as commitments
    (each labelled by its description: 'We commit to transparency')."""
    if path == "members.country":
        return country_options()
    enum = node.get("enum") or node.get("items", {}).get("enum")
    if enum:
        labels = CHOICE_LABELS.get(path) or (constituency_labels() if path.endswith("constituency") else {})
        return tuple((str(v), labels.get(str(v), str(v))) for v in enum)
    if node.get("type") == "object":
        return tuple((key, str(part.get("description", key)).rstrip("."))
                     for key, part in node.get("properties", {}).items()
                     if part.get("type") == "boolean" or part.get("const") is True)
    return ()


def form_field(schema: Mapping[str, Any], path: str, kind: str | None = None, help: str | None = None) -> FormField:
    """The control for `path`: its kind read from the schema (a choice, a format, a long text) unless given.

    `help` replaces the schema's description, which is written for people editing the file: a format
    string over the schema property ({minLength}, {maxLength}).
    """
    node, required = schema_property(schema, path)
    options = _options(node, path)
    if kind is None and options:
        kind = "checkboxes" if node.get("type") == "object" else "select"
    elif kind is None:  # a formatted value is one line, whatever its length
        kind = {"email": "email", "uri": "url", "date": "date"}.get(str(node.get("format", "")))
        kind = kind or ("textarea" if node.get("maxLength", 0) > 300 else "text")
    dated = kind == "date"
    return FormField(path=path, label=node.get("title", path),
                     help=help.format(**node) if help else node.get("description", ""), required=required,
                     kind=kind, minlength=node.get("minLength"), maxlength=node.get("maxLength"),
                     pattern=node.get("pattern") if kind in ("text", "email", "url") else None, options=options,
                     first_day=f"{FIRST_YEAR}-01-01" if dated else None,
                     last_day=f"{LAST_YEAR}-12-31" if dated else None)
