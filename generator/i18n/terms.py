"""The registry's named things in each site language, from the glossary (generator/reference/glossary.csv).

UN Regional Groups, Major Groups and other Stakeholders, SDGs and the Pact's parts keep their official UN
wording in each language, with the UN document it comes from (reference/GLOSSARY.md says which terms were
checked against a UN text); themes and sectors are the registry's own words. English is the registry's own
labels (reference.py), so the English site reads as before.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from generator import reference
from generator.errors import ImpactError
from generator.i18n.languages import CODES, ENGLISH


@cache
def _glossary() -> dict[tuple[str, str], dict[str, str]]:
    """(kind, key) → language code → wording."""
    with resources.files("generator").joinpath("reference", "glossary.csv").open(encoding="utf-8") as stream:
        return {(row["kind"], row["key"]): {code: row[code] for code in CODES} for row in csv.DictReader(stream)}


def _english(kind: str) -> dict[str, str]:
    """The registry's own English labels, by key as the glossary writes it."""
    if kind == "region":
        return reference.REGION_LABELS
    if kind == "constituency":
        return reference.constituency_labels()
    if kind == "sdg":
        return {str(goal): label for goal, label in reference.sdg_labels().items()}
    if kind == "theme":
        return reference.THEME_LABELS
    if kind == "sector":
        return reference.SECTOR_LABELS
    if kind == "pact":
        return reference.pact_chapter_labels()
    return {key: words[ENGLISH.code] for (k, key), words in _glossary().items() if k == kind}


@cache
def labels(kind: str, code: str) -> dict[str, str]:
    """Every term of `kind` (region, constituency, sdg, pact, theme, sector or term) in the language `code`, by the
    registry's key."""
    english = _english(kind)
    if code == ENGLISH.code:
        return dict(english)
    glossary = _glossary()
    rows = {key: glossary.get((kind, key), {}) for key in english}
    missing = [key for key, row in rows.items() if not row.get(code)]
    if missing:
        raise ImpactError(f"the glossary (reference/glossary.csv) has no {code} wording for the {kind} "
                          f"{', '.join(missing)}")
    return {key: row[code] for key, row in rows.items()}
