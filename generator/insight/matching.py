"""Partner matching, for the maintainers: who could help whom.

For each `needs` item: the coalitions whose `offers` are of the same kind and share words with it, and
member organisations of other coalitions from the regions and constituencies it asks for. Merged and
archived coalitions neither ask nor offer: only open ones are matched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model.objects import Coalition, Member, Registry, open_coalitions
from generator.similarity.words import organisation_key, stem, words, written_words

SHOWN_OFFERS = 5
SHOWN_MEMBERS = 5
# Bounds on the work (issue #12, item 5: two 220 KiB files of needs and offers sharing a word took 20 s or
# more). A coalition's first MATCHED_ITEMS needs and offers are matched, honest ones have a handful;
# every need is still listed. A need scores at most CANDIDATES offers, found through its rarest words first.
MATCHED_ITEMS = 50
CANDIDATES = 200


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
            listed = offers.setdefault(written.kind, [])
            entry = _Offer(coalition, written.description, frozenset(words(written.description)))
            for word in entry.words:
                offers_with.setdefault(written.kind, {}).setdefault(word, []).append(len(listed))
            listed.append(entry)
    index = _MemberIndex(coalitions)
    answered: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[tuple[MemberMatch, ...], int]] = {}
    results = []
    for coalition in coalitions:
        own = {organisation_key(m.name) for m in coalition.members}
        for number, need in enumerate(coalition.needs):
            kind, description = need.kind, need.description
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
            regions, constituencies = need.regions or (), need.constituencies or ()
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
            regions, constituencies = need.regions or (), need.constituencies or ()
            request = (tuple(sorted(regions)), tuple(sorted(constituencies)))
            if regions or constituencies:
                asking.setdefault(request, {})[coalition.id] = coalition
    requests = []
    for (regions, constituencies), by_id in sorted(asking.items(), key=lambda item: (-len(item[1]), item[0])):
        fitting = index.fitting(regions, constituencies)
        requests.append(PartnerRequest(regions, constituencies, tuple(by_id.values()),
                                       tuple(match for _, match in fitting[:shown]), len(fitting)))
    return requests
