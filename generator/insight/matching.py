"""Partner matching and coverage, for the maintainers: who could help whom, and what nobody covers yet.

- For each `needs` item: the coalitions whose `offers` are of the same kind and share words with it,
  and member organisations of other coalitions from the regions and constituencies it asks for.
- Coverage: member organisations per UN Regional Group, constituency, theme, Pact chapter and SDG,
  with the gaps named ("No coalition has an Eastern European member working on digital cooperation").

Merged and archived coalitions neither ask nor offer: only open ones are matched and counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from generator.model.objects import Coalition, Member, Registry
from generator.reference import REGION_LABELS, THEME_LABELS, constituency_labels, pact_chapter_labels, sdg_labels
from generator.registry.decisions import CLOSED
from generator.similarity.words import organisation_key, stem, words, written_words

SHOWN_OFFERS = 5
SHOWN_MEMBERS = 5
# Bounds on the work (issue #12, item 5: two 220 KiB files of needs and offers sharing a word took 20 s or
# more). A coalition's first MATCHED_ITEMS needs and offers are matched, honest ones have a handful;
# every need is still listed. A need scores at most CANDIDATES offers, found through its rarest words first.
MATCHED_ITEMS = 50
CANDIDATES = 200

REGION_MEMBER = {  # "no coalition has {…} member working on …"
    "african": "an African",
    "asia-pacific": "an Asia-Pacific",
    "eastern-european": "an Eastern European",
    "latin-american-caribbean": "a Latin American or Caribbean",
    "western-european-others": "a Western European or other (WEOG)",
}


def open_coalitions(registry: Registry) -> list[Coalition]:
    return [c for c in registry.coalitions if c.status not in CLOSED]


@dataclass(frozen=True)
class OfferMatch:
    coalition: Coalition
    description: str
    shared: tuple[str, ...]  # the words need and offer have in common


@dataclass(frozen=True)
class MemberMatch:
    member: Member
    coalition: Coalition


@dataclass(frozen=True)
class NeedMatches:
    coalition: Coalition
    kind: str
    description: str
    regions: tuple[str, ...]
    constituencies: tuple[str, ...]
    offers: tuple[OfferMatch, ...]
    members: tuple[MemberMatch, ...]
    more_members: int  # how many more organisations fit, beyond those shown

    @property
    def found(self) -> bool:
        return bool(self.offers or self.members)


@dataclass(frozen=True)
class _Offer:
    coalition: Coalition
    description: str
    words: frozenset[str]


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list | tuple) else ()


def _as_written(text: str, stems: frozenset[str]) -> tuple[str, ...]:
    """The words of `text` whose stems are in `stems`, as the text writes them (each once, in order)."""
    found: dict[str, str] = {}
    for word in written_words(text):
        stemmed = stem(word)
        if stemmed in stems:
            found.setdefault(stemmed, word)
    return tuple(found.values())


def _fits(match: MemberMatch, regions: tuple[str, ...], constituencies: tuple[str, ...]) -> bool:
    return (not regions or match.member.region in regions) and \
        (not constituencies or match.member.constituency in constituencies)


class _MemberIndex:
    """Member organisations of open coalitions by region and constituency, each organisation once."""

    def __init__(self, coalitions: Sequence[Coalition]) -> None:
        seen: dict[str, MemberMatch] = {}
        for coalition in coalitions:
            for member in coalition.members:
                seen.setdefault(organisation_key(member.name), MemberMatch(member, coalition))
        self.by_key = seen
        self.members = sorted(seen.items(), key=lambda item: (item[1].member.name.casefold(), item[0]))
        self._fitting: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, MemberMatch]]] = {}

    def fitting(self, regions: tuple[str, ...], constituencies: tuple[str, ...]) -> list[tuple[str, MemberMatch]]:
        """Organisations from any of `regions` and any of `constituencies` (either may be empty: any).
        Kept per request: many needs ask for the same few regions and constituencies."""
        request = (tuple(sorted(regions)), tuple(sorted(constituencies)))
        if request not in self._fitting:
            self._fitting[request] = [(key, match) for key, match in self.members
                                      if _fits(match, regions, constituencies)]
        return self._fitting[request]

    def fitting_others(self, regions: tuple[str, ...], constituencies: tuple[str, ...],
                       own: set[str]) -> tuple[tuple[MemberMatch, ...], int]:
        """The first SHOWN_MEMBERS fitting organisations that are not in `own`, and how many there are."""
        fitting = self.fitting(regions, constituencies)
        shown: list[MemberMatch] = []
        for key, match in fitting:  # stops early: a coalition's own members are few
            if len(shown) == SHOWN_MEMBERS:
                break
            if key not in own:
                shown.append(match)
        own_fitting = sum(1 for key in own if key in self.by_key and _fits(self.by_key[key], regions, constituencies))
        return tuple(shown), len(fitting) - own_fitting


def partner_matches(registry: Registry) -> list[NeedMatches]:
    """Every `needs` item of the open coalitions, with the offers and organisations that could answer it.

    Offers are found through their words (an index per kind), so only those sharing a word are scored, and
    at most CANDIDATES of them per need; only the first MATCHED_ITEMS needs and offers of a coalition count.
    """
    coalitions = open_coalitions(registry)
    offers: dict[str, list[_Offer]] = {}
    offers_with: dict[str, dict[str, list[int]]] = {}  # kind → word → positions in offers[kind]
    for coalition in coalitions:
        for written in coalition.offers[:MATCHED_ITEMS]:
            kind, text = str(written.get("kind")), str(written.get("description", ""))
            listed = offers.setdefault(kind, [])
            entry = _Offer(coalition, text, frozenset(words(text)))
            for word in entry.words:
                offers_with.setdefault(kind, {}).setdefault(word, []).append(len(listed))
            listed.append(entry)
    index = _MemberIndex(coalitions)
    answered: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[tuple[MemberMatch, ...], int]] = {}
    results = []
    for coalition in coalitions:
        own = {organisation_key(m.name) for m in coalition.members}
        for number, need in enumerate(coalition.needs):
            kind, description = str(need.get("kind")), str(need.get("description", ""))
            need_words = frozenset(words(description)) if number < MATCHED_ITEMS else frozenset()
            of_kind, with_word = offers.get(kind, []), offers_with.get(kind, {})
            scored = []
            for position in _candidates(need_words, with_word):
                offer = of_kind[position]
                if offer.coalition.id != coalition.id:
                    shared = need_words & offer.words
                    scored.append((-len(shared) / len(need_words | offer.words), offer.coalition.name.casefold(),
                                   offer, shared))
            scored.sort(key=lambda s: (s[0], s[1]))
            shown_offers = tuple(OfferMatch(offer.coalition, offer.description, _as_written(description, shared))
                                 for _, _, offer, shared in scored[:SHOWN_OFFERS])
            regions, constituencies = _strings(need.get("regions")), _strings(need.get("constituencies"))
            request = (coalition.id, tuple(sorted(regions)), tuple(sorted(constituencies)))
            if request not in answered:  # a coalition's needs ask for the same few regions again and again
                answered[request] = index.fitting_others(regions, constituencies, own) \
                    if regions or constituencies else ((), 0)
            members, fitting = answered[request]
            results.append(NeedMatches(coalition, kind, description, regions, constituencies, shown_offers,
                                       members, max(0, fitting - SHOWN_MEMBERS)))
    return results


def _candidates(need_words: frozenset[str], with_word: Mapping[str, list[int]]) -> list[int]:
    """The offers (positions) that share a word with a need: all of them, or the first CANDIDATES found
    through the need's rarest words first — a word every offer has says little and costs the most."""
    found: set[int] = set()
    for word in sorted(need_words, key=lambda w: (len(with_word.get(w, ())), w)):
        for position in with_word.get(word, ()):
            found.add(position)
            if len(found) == CANDIDATES:
                return sorted(found)
    return sorted(found)


@dataclass(frozen=True)
class PartnerRequest:
    """The needs that ask for organisations from the same regions and constituencies, answered once."""

    regions: tuple[str, ...]
    constituencies: tuple[str, ...]
    coalitions: tuple[Coalition, ...]  # the coalitions asking
    members: tuple[MemberMatch, ...]  # the first organisations that fit, by name
    total: int  # how many fit


def partner_requests(registry: Registry, shown: int = 8) -> list[PartnerRequest]:
    """Needs grouped by the regions and constituencies they ask for, with the organisations that fit."""
    coalitions = open_coalitions(registry)
    index = _MemberIndex(coalitions)
    asking: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, Coalition]] = {}
    for coalition in coalitions:
        for need in coalition.needs:
            regions, constituencies = _strings(need.get("regions")), _strings(need.get("constituencies"))
            request = (tuple(sorted(regions)), tuple(sorted(constituencies)))
            if regions or constituencies:
                asking.setdefault(request, {})[coalition.id] = coalition
    requests = []
    for (regions, constituencies), by_id in sorted(asking.items(), key=lambda item: (-len(item[1]), item[0])):
        fitting = index.fitting(regions, constituencies)
        requests.append(PartnerRequest(regions, constituencies, tuple(by_id.values()),
                                       tuple(match for _, match in fitting[:shown]), len(fitting)))
    return requests


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
