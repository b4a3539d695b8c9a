"""Reference tables shipped with the tool (see reference/SOURCES.md for their provenance)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

REGION_LABELS: dict[str, str] = {
    "african": "African Group",
    "asia-pacific": "Asia-Pacific Group",
    "eastern-european": "Eastern European Group",
    "latin-american-caribbean": "Latin American and Caribbean Group (GRULAC)",
    "western-european-others": "Western European and Others Group (WEOG)",
}
# Names used in the shared table → the registry's region slugs. Türkiye sits in two groups; it is a
# full WEOG member for electoral purposes, so it counts as WEOG.
_GROUP_SLUGS = {
    "African Group": "african",
    "Asia-Pacific Group": "asia-pacific",
    "Eastern European Group": "eastern-european",
    "GRULAC": "latin-american-caribbean",
    "WEOG": "western-european-others",
    "Asia-Pacific Group|WEOG": "western-european-others",
}

SECTOR_LABELS: dict[str, str] = {
    "civil-society": "Civil society organisation",
    "think-tank": "Think tank",
    "academia": "Academia",
    "private-sector": "Private sector",
    "un-entity": "UN entity",
    "member-state": "Member State",
    "local-government": "Local government",
    "philanthropy": "Philanthropy",
    "parliament": "Parliament",
    "other": "Other",
}

THEME_LABELS: dict[str, str] = {
    "peace-security": "Peace and security",
    "digital-cooperation": "Digital cooperation",
    "climate-environment": "Climate and environment",
    "financing-development": "Financing for development",
    "human-rights": "Human rights",
    "gender-equality": "Gender equality",
    "youth-future-generations": "Youth and future generations",
    "global-governance-reform": "Global governance reform",
    "health": "Health",
    "science-technology": "Science and technology",
    "culture-faith": "Culture and faith",
    "justice-rule-of-law": "Justice and rule of law",
}

_CHOICE_LABELS = {"sector": SECTOR_LABELS, "theme": THEME_LABELS, "region": REGION_LABELS}

# The parts of an engagement plan (ImPACT criterion 3), as the schema names them, in its order.
ENGAGEMENT_LABELS: dict[str, str] = {
    "member_states": "Member States",
    "un_country_teams": "UN Country Teams",
    "un_agencies": "UN agencies",
    "support_needed": "Support needed",
}

# Constituencies the registry adds to the HLPF list (mgos.csv) for groups named in the design.
_EXTRA_CONSTITUENCIES = {
    "local-communities": "Local communities",
    "parliamentarians": "Parliamentarians",
    "philanthropy": "Philanthropy",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    region: str | None  # UN Regional Group slug, None for areas in no group


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("generator").joinpath("reference", name).open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@cache
def countries() -> dict[str, Country]:
    return {row["iso2"]: Country(row["iso2"], row["name_short"] or row["name_official_en"],
                                 _GROUP_SLUGS.get(row["un_regional_group"]))
            for row in _rows("country_regions.csv") if row["iso2"]}


@cache
def country_names() -> dict[str, tuple[str, ...]]:
    """Each country's code → the names people know it by: the short name and the official English name."""
    return {row["iso2"]: tuple(dict.fromkeys(name for name in (row["name_short"], row["name_official_en"]) if name))
            for row in _rows("country_regions.csv") if row["iso2"]}


@cache
def iso3_codes() -> dict[str, str]:
    """ISO 3166 three-letter code → two-letter code: 'IND' → 'IN'."""
    return {row["iso3"]: row["iso2"] for row in _rows("country_regions.csv") if row["iso2"] and row["iso3"]}


@cache
def synonyms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Field (sector, constituency, theme, region, scope, role, country) → (word, value) pairs: the other words
    people use for a choice (reference/synonyms.csv; its header says how the table was drafted)."""
    with resources.files("generator").joinpath("reference", "synonyms.csv").open(encoding="utf-8") as stream:
        rows = csv.DictReader(line for line in stream if not line.startswith("#"))
        found: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            found.setdefault(row["field"], []).append((row["synonym"], row["value"]))
    return {field: tuple(pairs) for field, pairs in found.items()}


def choice_words(field: str) -> tuple[tuple[str, str], ...]:
    """(word, value) pairs: the other ways people write a field's values — their labels (with and without what
    a label adds in brackets: 'Latin American and Caribbean Group (GRULAC)'), and the synonyms table's words.
    Fields: sector, constituency, theme, region (primary_region is one too), scope, role, country (by name)."""
    table = "region" if field == "primary_region" else field
    if table == "country":
        pairs = [(name, code) for code, names in country_names().items() for name in names]
    else:
        labels = constituency_labels() if table == "constituency" else _CHOICE_LABELS.get(table, {})
        pairs = [(form, value) for value, label in labels.items()
                 for form in dict.fromkeys((label, label.split(" (")[0]))]
    return (*pairs, *synonyms().get(table, ()))


@cache
def constituency_labels() -> dict[str, str]:
    labels = {row["slug_suggestion"]: row["name"] for row in _rows("mgos.csv")
              if row["kind"] in {"major_group", "other_stakeholder"} and row["slug_suggestion"] != "together-2030"}
    return {**labels, **_EXTRA_CONSTITUENCIES}


@cache
def sdg_labels() -> dict[int, str]:
    return {int(row["goal"]): row["short_name"] for row in _rows("sdgs.csv")}


@cache
def pact_chapter_labels() -> dict[str, str]:
    labels = {}
    for row in _rows("pact_structure.csv"):
        if row["part"] == "chapter":
            labels[row["number"]] = f"Chapter {row['number']}: {row['title']}"
        else:
            slug = "annex-gdc" if row["number"] == "I" else "annex-fg"
            labels[slug] = row["title"]
    return labels
