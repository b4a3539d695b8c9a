"""Coverage, for the maintainers: member organisations per UN Regional Group, constituency, theme, Pact
chapter and SDG, with the gaps named ("No coalition has an Eastern European member working on digital
cooperation"). Merged and archived coalitions are not counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from generator.model.objects import Coalition, Registry, open_coalitions
from generator.reference import REGION_LABELS, THEME_LABELS, constituency_labels, pact_chapter_labels, sdg_labels
from generator.similarity.words import organisation_key

REGION_MEMBER = {  # "no coalition has {…} member working on …"
    "african": "an African",
    "asia-pacific": "an Asia-Pacific",
    "eastern-european": "an Eastern European",
    "latin-american-caribbean": "a Latin American or Caribbean",
    "western-european-others": "a Western European or other (WEOG)",
}


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    coalitions: int
    members: int  # distinct member organisations


@dataclass(frozen=True)
class Coverage:
    regions: tuple[Count, ...]
    constituencies: tuple[Count, ...]
    themes: tuple[Count, ...]
    chapters: tuple[Count, ...]
    sdgs: tuple[Count, ...]
    theme_regions: Mapping[str, Mapping[str, int]]  # theme → region → member organisations
    gaps: tuple[str, ...]


@cache
def _sdg_labels() -> dict[str, str]:
    return {str(goal): f"SDG {goal}: {label}" for goal, label in sdg_labels().items()}


def _counts(labels: Mapping[str, str], coalitions_of: Mapping[str, set[str]],
            members_of: Mapping[str, set[str]]) -> tuple[Count, ...]:
    return tuple(Count(key, label, len(coalitions_of.get(key, ())), len(members_of.get(key, ())))
                 for key, label in labels.items())


def coverage(registry: Registry) -> Coverage:
    coalitions = open_coalitions(registry)
    by: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {
        facet: ({}, {}) for facet in ("region", "constituency", "theme", "chapter", "sdg")}
    theme_regions: dict[str, dict[str, set[str]]] = {t: {r: set() for r in REGION_LABELS} for t in THEME_LABELS}

    def add(facet: str, key: str, coalition: Coalition, organisations: set[str]) -> None:
        by[facet][0].setdefault(key, set()).add(coalition.id)
        by[facet][1].setdefault(key, set()).update(organisations)

    for c in coalitions:
        organisations = {organisation_key(m.name) for m in c.members}
        for m in c.members:
            if m.region:
                add("region", m.region, c, {organisation_key(m.name)})
            if m.constituency:
                add("constituency", m.constituency, c, {organisation_key(m.name)})
        for theme in c.themes:
            add("theme", theme, c, organisations)
            for m in c.members:
                if m.region and theme in theme_regions:
                    theme_regions[theme].setdefault(m.region, set()).add(organisation_key(m.name))
        for chapter in c.pact_chapters:
            add("chapter", chapter, c, organisations)
        for goal in c.sdgs:
            add("sdg", str(goal), c, organisations)
    constituencies = {k: v for k, v in constituency_labels().items() if k != "other"}
    result = Coverage(
        regions=_counts(REGION_LABELS, *by["region"]), constituencies=_counts(constituencies, *by["constituency"]),
        themes=_counts(THEME_LABELS, *by["theme"]), chapters=_counts(pact_chapter_labels(), *by["chapter"]),
        sdgs=_counts(_sdg_labels(), *by["sdg"]),
        theme_regions={t: {r: len(orgs) for r, orgs in regions.items()} for t, regions in theme_regions.items()},
        gaps=())
    return replace(result, gaps=tuple(_gaps(result)))


def _gaps(found: Coverage) -> list[str]:
    gaps = [f"No member organisation from the {c.label}" for c in found.regions if not c.members]
    gaps += [f"No member organisation in the constituency {c.label}" for c in found.constituencies
             if not c.members]
    gaps += [f"No coalition works on {c.label.lower()}" for c in found.themes if not c.coalitions]
    gaps += [f"No coalition addresses {c.label}" for c in found.chapters if not c.coalitions]
    gaps += [f"No coalition names {c.label}" for c in found.sdgs if not c.coalitions]
    for theme in found.themes:
        if theme.coalitions:
            gaps += [f"No coalition has {REGION_MEMBER[region]} member working on {theme.label.lower()}"
                     for region, count in found.theme_regions[theme.key].items() if not count]
    return gaps
