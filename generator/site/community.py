"""The learning community and maintainers' pages: the hub with its feeds, statistics, and the maintainers' view.

One page set (see pages.page_sets): hub.md, feed/updates.atom, feed/events.ics, stats.md with its
charts under stats/, and maintainers.md (similar proposals, partner matches, coverage, shortlist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.i18n.catalogs import N_, _, use_language
from generator.insight.coverage import Coverage, coverage
from generator.insight.figures import Figures, figures
from generator.insight.matching import NeedMatches, PartnerRequest, partner_matches, partner_requests
from generator.model.objects import (
    STATUS_LABELS,
    Coalition,
    CriterionView,
    Event,
    Milestone,
    Registry,
    Resource,
    Update,
    open_coalitions,
)
from generator.registry.stale import stale_since, staleness
from generator.similarity.index import WARNING_SCORE, Pair, SimilarityIndex
from generator.similarity.proposal import Proposal
from generator.site.charts import Chart, bar_chart, chart_svg, registrations_by_month
from generator.site.feeds import ATOM_PATH, CALENDAR_PATH, atom_feed, calendar_feed
from generator.site.render import Files, Renderer

HUB_UPDATES = 200  # the newest updates on the hub; each coalition page keeps all of its own
HUB_UPDATES_WITH_TEXT = 50  # and the newest of those with their text (pages stay light)
HUB_UPCOMING = 150
HUB_RESOURCES = 300  # per kind
SIMILAR_SHOWN = 30
SIMILAR_FROM = 0.2  # pairs below this are not worth a maintainer's look
NEEDS_SHOWN = 300
RESOURCE_KINDS = {"report": N_("Reports"), "toolkit": N_("Toolkits"), "statement": N_("Statements"),
                  "video": N_("Videos"), "other": N_("Other material")}


# --- the learning hub -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Happening:
    """An upcoming event or work-plan milestone, as the hub lists it (a milestone has no end, place or page)."""

    kind: str  # event | milestone
    date: str
    title: str
    coalition: Coalition
    end_date: str = ""
    location: str = ""
    url: str = ""

    @classmethod
    def of_event(cls, event: Event, coalition: Coalition) -> Happening:
        return cls("event", event.date, event.title, coalition, event.end_date, event.location, event.url)

    @classmethod
    def of_milestone(cls, milestone: Milestone, coalition: Coalition) -> Happening:
        return cls("milestone", milestone.date, milestone.title, coalition)


@dataclass(frozen=True)
class HubPage:
    updates: tuple[tuple[Update, Coalition], ...]
    with_text: int  # the newest updates show their text; older ones their title
    older_updates: int
    upcoming: tuple[Happening, ...]
    later_upcoming: int
    resources: tuple[tuple[str, tuple[tuple[Resource, Coalition], ...]], ...]  # (kind label, resources)
    atom_path: str
    calendar_path: str


def hub_page(registry: Registry) -> HubPage:
    updates = sorted(((u, c) for c in registry.coalitions for u in c.updates),
                     key=lambda item: (item[0].date, item[1].name.casefold(), item[0].title), reverse=True)
    today = registry.today
    upcoming = [Happening.of_event(e, c) for c in open_coalitions(registry) for e in c.events
                if (e.end_date or e.date) >= today]
    upcoming += [Happening.of_milestone(m, c) for c in open_coalitions(registry) for m in c.workplan
                 if m.date >= today and m.status != "dropped"]
    upcoming.sort(key=lambda h: (h.date, h.coalition.name.casefold(), h.title))
    by_kind: dict[str, list[tuple[Resource, Coalition]]] = {kind: [] for kind in RESOURCE_KINDS}
    for c in registry.coalitions:
        for r in c.resources:
            by_kind[r.kind if r.kind in RESOURCE_KINDS else "other"].append((r, c))
    resources = tuple((_(RESOURCE_KINDS[kind]), tuple(sorted(items, key=lambda item: (item[0].title.casefold(),
                                                                                   item[0].url))[:HUB_RESOURCES]))
                      for kind, items in by_kind.items() if items)
    return HubPage(updates=tuple(updates[:HUB_UPDATES]), with_text=HUB_UPDATES_WITH_TEXT,
                   older_updates=max(0, len(updates) - HUB_UPDATES), upcoming=tuple(upcoming[:HUB_UPCOMING]),
                   later_upcoming=max(0, len(upcoming) - HUB_UPCOMING), resources=resources, atom_path=ATOM_PATH,
                   calendar_path=CALENDAR_PATH)


# --- statistics ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsPage:
    figures: Figures
    charts: tuple[Chart, ...]


def stats_page(registry: Registry, covered: Coverage, counted: Figures) -> StatsPage:
    status_counts = [(_(STATUS_LABELS[status]), count) for status, count in counted.by_status]
    registered = registry.registered
    months = registrations_by_month([c.file for c in registry.coalitions], registered)
    charts = (
        bar_chart("members-by-region", _("Member organisations by UN Regional Group"), _("member organisations"),
                  [(c.label, c.members) for c in covered.regions]),
        bar_chart("members-by-constituency", _("Member organisations by constituency"), _("member organisations"),
                  [(c.label, c.members) for c in covered.constituencies]),
        bar_chart("coalitions-by-theme", _("Coalitions by theme"), _("coalitions"),
                  [(c.label, c.coalitions) for c in covered.themes]),
        bar_chart("coalitions-by-chapter", _("Coalitions by chapter of the Pact for the Future"), _("coalitions"),
                  [(c.label, c.coalitions) for c in covered.chapters]),
        bar_chart("coalitions-by-status", _("Coalitions by status"), _("coalitions"), status_counts),
        bar_chart("registrations", _("New coalitions registered per month"), _("coalitions"), months),
    )
    return StatsPage(counted, charts)


# --- the maintainers' page ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SimilarPair:
    pair: Pair
    a: Coalition
    b: Coalition

    @property
    def likely(self) -> bool:
        return self.pair.score >= WARNING_SCORE


@dataclass(frozen=True)
class Exception_:
    coalition: Coalition
    criterion: CriterionView


@dataclass(frozen=True)
class Stale:
    coalition: Coalition
    latest: str  # the latest update or milestone, "" when there is none


@dataclass(frozen=True)
class MaintainersPage:
    similar: tuple[SimilarPair, ...]
    similar_from: float
    likely_from: float
    offered: tuple[NeedMatches, ...]  # needs that another coalition's offer answers
    more_offered: int
    requests: tuple[PartnerRequest, ...]  # organisations for the regions and constituencies asked for
    unmatched: tuple[NeedMatches, ...]  # needs nothing in the registry answers yet
    coverage: Coverage
    eligible: tuple[Coalition, ...]
    exceptions: tuple[Exception_, ...]
    support: tuple[Coalition, ...]
    stale: tuple[Stale, ...]
    stale_since: str


def proposal(coalition: Coalition) -> Proposal:
    return Proposal(id=coalition.id, name=coalition.name, summary=coalition.summary,
                    objectives=coalition.objectives, description=coalition.description,
                    themes=frozenset(coalition.themes), chapters=frozenset(coalition.pact_chapters),
                    actions=frozenset(coalition.pact_actions), members=tuple(m.name for m in coalition.members))


def similar_pairs(registry: Registry, min_score: float = SIMILAR_FROM) -> list[SimilarPair]:
    coalitions = open_coalitions(registry)
    by_id = {c.id: c for c in coalitions}
    pairs = SimilarityIndex([proposal(c) for c in coalitions]).pairs(min_score)
    return [SimilarPair(p, by_id[p.a], by_id[p.b]) for p in pairs]


def stale_coalitions(registry: Registry, months: int) -> tuple[list[Stale], str]:
    """Open coalitions with no update, milestone (up to today), founding or change to their file in the last
    `months` months, and no milestone ahead (registry/stale.py), and the first day that counts."""
    today = dt.date.fromisoformat(registry.today)
    stale = []
    since = stale_since(today, months)
    for c in open_coalitions(registry):
        found = staleness(today, months, [u.date for u in c.updates], [m.date for m in c.workplan], c.founded,
                          c.last_updated)
        if found.stale:
            stale.append(Stale(c, found.latest))
    return stale, since


def maintainers_page(registry: Registry, covered: Coverage, stale_after_months: int) -> MaintainersPage:
    open_ones = open_coalitions(registry)
    needs = partner_matches(registry)
    offered = [n for n in needs if n.offers]
    stale, since = stale_coalitions(registry, stale_after_months)
    return MaintainersPage(
        similar=tuple(similar_pairs(registry)[:SIMILAR_SHOWN]), similar_from=SIMILAR_FROM, likely_from=WARNING_SCORE,
        offered=tuple(offered[:NEEDS_SHOWN]), more_offered=max(0, len(offered) - NEEDS_SHOWN),
        requests=tuple(partner_requests(registry)), unmatched=tuple(n for n in needs if not n.found)[:NEEDS_SHOWN],
        coverage=covered,
        eligible=tuple(c for c in open_ones if c.meets_criteria),
        exceptions=tuple(Exception_(c, k) for c in open_ones for k in c.criteria if k.justified),
        support=tuple(c for c in open_ones if c.support_requested or c.engagement.support_needed),
        stale=tuple(stale), stale_since=since)


# --- the page set ------------------------------------------------------------------------------------------------


def community_pages(renderer: Renderer, registry: Registry) -> Files:
    # The pages' own words (charts, coverage gaps, kinds of material, similarity reasons) in the renderer's language.
    with use_language(renderer.language.code):
        covered = coverage(registry)
        stats = stats_page(registry, covered, figures(registry))
        hub = hub_page(registry)
        maintainers = maintainers_page(registry, covered, renderer.criteria_settings.stale_after_months)
    files: Files = {
        "hub.md": renderer.page("hub.md.j2", hub=hub),
        "stats.md": renderer.page("stats.md.j2", stats=stats),
        "maintainers.md": renderer.page("maintainers.md.j2", page=maintainers),
    }
    files.update({chart.path: chart_svg(renderer, chart) for chart in stats.charts})
    if renderer.shared:  # the feeds are the registry's, in the words of its entries: one for every language
        files.update({ATOM_PATH: atom_feed(renderer, registry), CALENDAR_PATH: calendar_feed(registry, renderer.site)})
    return files
