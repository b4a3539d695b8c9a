"""Coverage, for the maintainers: member organisations per UN Regional Group, constituency, theme, Pact
chapter and SDG, with the gaps named ("No coalition has an Eastern European member working on digital
cooperation"). Merged and archived coalitions are not counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.i18n import terms
from generator.i18n.catalogs import N_, _, active
from generator.model.objects import Coalition, Registry, open_coalitions
from generator.similarity.words import organisation_key

# A region missing from a theme, one whole sentence per region (the adjective agrees differently in each language).
REGION_GAP = {
    "african": N_("No coalition has an African member working on {theme}"),
    "asia-pacific": N_("No coalition has an Asia-Pacific member working on {theme}"),
    "eastern-european": N_("No coalition has an Eastern European member working on {theme}"),
    "latin-american-caribbean": N_("No coalition has a Latin American or Caribbean member working on {theme}"),
    "western-european-others": N_("No coalition has a Western European or other (WEOG) member working on {theme}"),
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


def _sdg_labels(code: str) -> dict[str, str]:
    return {goal: _("SDG {goal}: {label}").format(goal=goal, label=label)
            for goal, label in terms.labels("sdg", code).items()}


def _counts(labels: Mapping[str, str], coalitions_of: Mapping[str, set[str]],
            members_of: Mapping[str, set[str]]) -> tuple[Count, ...]:
    return tuple(Count(key, label, len(coalitions_of.get(key, ())), len(members_of.get(key, ())))
                 for key, label in labels.items())


def coverage(registry: Registry) -> Coverage:
    """The counts and gaps, labelled and worded in the active language."""
    code = active()
    region_labels, theme_labels = terms.labels("region", code), terms.labels("theme", code)
    coalitions = open_coalitions(registry)
    by: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {
        facet: ({}, {}) for facet in ("region", "constituency", "theme", "chapter", "sdg")}
    theme_regions: dict[str, dict[str, set[str]]] = {t: {r: set() for r in region_labels} for t in theme_labels}

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
    constituencies = {k: v for k, v in terms.labels("constituency", code).items() if k != "other"}
    result = Coverage(
        regions=_counts(region_labels, *by["region"]), constituencies=_counts(constituencies, *by["constituency"]),
        themes=_counts(theme_labels, *by["theme"]), chapters=_counts(terms.labels("pact", code), *by["chapter"]),
        sdgs=_counts(_sdg_labels(code), *by["sdg"]),
        theme_regions={t: {r: len(orgs) for r, orgs in regions.items()} for t, regions in theme_regions.items()},
        gaps=())
    return replace(result, gaps=tuple(_gaps(result)))


def _gaps(found: Coverage) -> list[str]:
    gaps = [_("No member organisation from the {group}").format(group=c.label) for c in found.regions if not c.members]
    gaps += [_("No member organisation in the constituency {constituency}").format(constituency=c.label)
             for c in found.constituencies if not c.members]
    gaps += [_("No coalition works on {theme}").format(theme=c.label.lower()) for c in found.themes if not c.coalitions]
    gaps += [_("No coalition addresses {chapter}").format(chapter=c.label) for c in found.chapters if not c.coalitions]
    gaps += [_("No coalition names {goal}").format(goal=c.label) for c in found.sdgs if not c.coalitions]
    for theme in found.themes:
        if theme.coalitions:
            gaps += [_(REGION_GAP[region]).format(theme=theme.label.lower())
                     for region, count in found.theme_regions[theme.key].items() if not count]
    return gaps
