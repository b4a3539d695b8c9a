"""One control of the registration forms, described by the schema property it fills.

Every constraint a form states (required, lengths, patterns, choices, formats, date bounds) is read from
schema/coalition.schema.json, so the forms and the validator cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.i18n.catalogs import N_, _, active
from generator.i18n.languages import ENGLISH
from generator.i18n.places import country_name
from generator.i18n.terms import labels as glossary_labels
from generator.reference import countries
from generator.registry.dates import FIRST_YEAR, LAST_YEAR
from generator.text import fold

# The glossary's kind of each choice that has one: its labels in every site language (generator/i18n/terms.py).
GLOSSARY_KINDS = {"themes": "theme", "members.sector": "sector", "members.region": "region",
                  "members.primary_region": "region", "members.constituency": "constituency"}
# The registry's own labels of the other choices, translated where they are shown.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "members.scope": {"national": N_("National"), "regional": N_("Regional"), "global": N_("Global")},
    "members.role": {"lead": N_("Lead (convener or focal point)"), "member": N_("Member")},
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


def words(text: str) -> str:
    """A text of the forms in the active language: the schema's titles and descriptions are in the catalogs
    (generator/form/schema_words.py marks them); an empty text stays empty (gettext's "" is the catalog's header)."""
    return _(text) if text else text


def choice_labels(path: str) -> dict[str, str]:
    """value → label of a field's choices in the active language (the glossary's official wording)."""
    if path in GLOSSARY_KINDS:
        return glossary_labels(GLOSSARY_KINDS[path], active())
    return {value: _(label) for value, label in CHOICE_LABELS.get(path, {}).items()}


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
    """(code, 'Name (code)') of every country and territory in the active language (CLDR's names beyond English),
    by name as people write it: accents and case aside, so that Åland is with the A's."""
    code = active()
    names = {c.code: COMMON_NAMES.get(c.code, c.name) if code == ENGLISH.code else country_name(c.code, code)
             for c in countries().values()}
    return tuple((code, f"{name} ({code})") for code, name in sorted(names.items(), key=lambda o: fold(o[1])))


def _options(node: Mapping[str, Any], path: str) -> tuple[tuple[str, str], ...]:
    """(value, label) of each choice: an enum's values, or the boxes to tick of an object such as commitments
    (each labelled by its description: 'We commit to transparency')."""
    if path == "members.country":
        return country_options()
    enum = node.get("enum") or node.get("items", {}).get("enum")
    if enum:
        labels = choice_labels(path)
        return tuple((str(v), labels.get(str(v), str(v))) for v in enum)
    if node.get("type") == "object":
        return tuple((key, words(str(part.get("description", key))).rstrip("."))
                     for key, part in node.get("properties", {}).items()
                     if part.get("type") == "boolean" or part.get("const") is True)
    return ()


def form_field(schema: Mapping[str, Any], path: str, kind: str | None = None, help: str | None = None) -> FormField:
    """The control for `path`: its kind read from the schema (a choice, a format, a long text) unless given.

    `help` replaces the schema's description, which is written for people editing the file: a format
    string over the schema property ({minLength}, {maxLength}), translated by the caller. The schema's own title
    and description are given in the active language.
    """
    node, required = schema_property(schema, path)
    options = _options(node, path)
    if kind is None and options:
        kind = "checkboxes" if node.get("type") == "object" else "select"
    elif kind is None:  # a formatted value is one line, whatever its length
        kind = {"email": "email", "uri": "url", "date": "date"}.get(str(node.get("format", "")))
        kind = kind or ("textarea" if node.get("maxLength", 0) > 300 else "text")
    dated = kind == "date"
    return FormField(path=path, label=words(node.get("title", path)),
                     help=help.format(**node) if help else words(node.get("description", "")), required=required,
                     kind=kind, minlength=node.get("minLength"), maxlength=node.get("maxLength"),
                     pattern=node.get("pattern") if kind in ("text", "email", "url") else None, options=options,
                     first_day=f"{FIRST_YEAR}-01-01" if dated else None,
                     last_day=f"{LAST_YEAR}-12-31" if dated else None)
