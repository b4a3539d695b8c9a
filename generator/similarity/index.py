"""Similar proposals: which coalitions look like the same proposal, each pair scored 0.0–1.0 with its reasons.

    score = 0.45·text + 0.25·members + 0.12·Pact actions + 0.10·themes + 0.08·Pact chapters

`text` is the cosine of TF-IDF vectors over stemmed words of the objectives and summary (the
description counts half); `members` counts shared member organisations, their names normalised
("Fundación Datos Abiertos e.V." = "Fundacion Datos Abiertos"); the others are Jaccard overlaps.
Only pairs that share a member or enough text are scored (inverted indexes of members and of each
text's heaviest words), so the work follows the overlaps rather than all N² pairs. Words found in more
than a fifth of a large registry say nothing about one proposal (IDF alone would still let two texts
made of common words look alike), and are left out of the vectors.

Used by the validator (`similar-coalition` warning), `impact similar` and the maintainers' page.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.i18n import terms
from generator.i18n.catalogs import _, active, ngettext
from generator.similarity.proposal import Proposal, term_counts
from generator.similarity.words import organisation_key

WEIGHTS = {"text": 0.45, "members": 0.25, "actions": 0.12, "themes": 0.10, "chapters": 0.08}
WARNING_SCORE = 0.5  # `similar-coalition` fires from here: planted rewordings score 0.58–0.71, others ≤ 0.21
MIN_SCORE = 0.1  # pairs below this are not listed at all
TEXT_FLOOR = 0.2  # pairs with a text cosine below this and no shared member are not scored (they stay < 0.4)
SIGNATURE_WORDS = 24  # text pairs are looked for through each text's heaviest words only,
SIGNATURE_SHARED = 2  # and must share this many of them
SHARED_MEMBERS_FOR_FULL = 3  # sharing this many member organisations (or all of the smaller list) scores 1.0
COMMON_WORD_SHARE = 0.2  # a word in more than this share of the entries (and in more than COMMON_WORD_MIN)
COMMON_WORD_MIN = 10  # says nothing about a proposal: it is left out of the vectors


@dataclass(frozen=True)
class Pair:
    """Two coalitions (ids in order) that look alike: the score, and the reasons weightiest first."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
    parts: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)

    def as_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "reasons": list(self.reasons)}

    def other(self, coalition_id: str) -> str:
        return self.b if coalition_id == self.a else self.a


def _series(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else _(", ").join(items[:-1]) + _(" and ") + items[-1]


def _chapter_name(chapter: str) -> str:
    if chapter == "annex-gdc":
        return _("the Global Digital Compact")
    if chapter == "annex-fg":
        return _("the Declaration on Future Generations")
    return _("chapter {number}").format(number=chapter)


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class SimilarityIndex:
    """Proposals with their weighted word vectors, ready to score pairs.

    `frequency` and `documents` may give the document frequency of each word from a larger registry
    than `proposals` (used when a few named files are compared with the rest); by default they are
    counted over `proposals`.
    """

    def __init__(self, proposals: Sequence[Proposal], *, frequency: Mapping[str, int] | None = None,
                 documents: int | None = None, theme_labels: Mapping[str, str] | None = None) -> None:
        self.proposals = list(proposals)
        self.theme_labels = terms.labels("theme", active()) if theme_labels is None else theme_labels
        counts = [term_counts(p) for p in self.proposals]
        if frequency is None:
            frequency = Counter(word for terms in counts for word in terms)
        self.documents = max(documents or len(self.proposals), 1)
        self.frequency = frequency
        self.vectors = [self._vector(terms) for terms in counts]
        self.members = [self._members(p) for p in self.proposals]

    def idf(self, word: str) -> float:
        return math.log((self.documents + 1) / max(self.frequency.get(word, 0), 1))

    def _vector(self, terms: Mapping[str, float]) -> dict[str, float]:
        common = max(COMMON_WORD_MIN, COMMON_WORD_SHARE * self.documents)
        weights = {w: (1 + math.log(tf) if tf >= 1 else tf) * self.idf(w) for w, tf in terms.items()
                   if self.frequency.get(w, 0) <= common}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items() if v > 0} if norm else {}

    @staticmethod
    def _members(proposal: Proposal) -> dict[str, str]:
        keys: dict[str, str] = {}
        for name in proposal.members:
            key = organisation_key(name)
            if key:
                keys.setdefault(key, name)
        return keys

    def text_similarity(self, i: int, j: int) -> float:
        x, y = self.vectors[i], self.vectors[j]
        return min(1.0, sum(x[w] * y[w] for w in x.keys() & y.keys()))

    def score(self, i: int, j: int) -> Pair:
        p, q = self.proposals[i], self.proposals[j]
        text = self.text_similarity(i, j)
        shared_keys = sorted(self.members[i].keys() & self.members[j].keys())
        smaller = min(len(self.members[i]), len(self.members[j]), SHARED_MEMBERS_FOR_FULL)
        parts = {
            "text": text,
            "members": min(1.0, len(shared_keys) / smaller) if smaller else 0.0,
            "actions": _jaccard(p.actions, q.actions),
            "themes": _jaccard(p.themes, q.themes),
            "chapters": _jaccard(p.chapters, q.chapters),
        }
        total = round(min(1.0, sum(WEIGHTS[k] * v for k, v in parts.items())), 3)
        reasons: list[tuple[float, str]] = []
        if shared_keys:
            first = i if p.id <= q.id else j  # names as the pair's first coalition writes them
            names = [self.members[first][k] for k in shared_keys]
            shown = names[:5] + ([_("{count} more").format(count=len(names) - 5)] if len(names) > 5 else [])
            reasons.append((WEIGHTS["members"] * parts["members"], ngettext(
                "share {count} member organisation: {names}", "share {count} member organisations: {names}",
                len(names)).format(count=len(names), names=", ".join(shown))))
        if p.actions & q.actions:
            actions = sorted(p.actions & q.actions)
            reasons.append((WEIGHTS["actions"] * parts["actions"], ngettext(
                "both target Pact action {actions}", "both target Pact actions {actions}", len(actions)).format(
                actions=_series([str(a) for a in actions]))))
        if text >= 0.1:
            reasons.append((WEIGHTS["text"] * text, _("similar objectives and summary ({score})").format(
                score=f"{text:.2f}")))
        if p.themes & q.themes:
            themes = [self.theme_labels.get(t, t) for t in sorted(p.themes & q.themes)]
            reasons.append((WEIGHTS["themes"] * parts["themes"], _("both work on {themes}").format(
                themes=_series(themes))))
        if p.chapters & q.chapters:
            chapters = [_chapter_name(c) for c in sorted(p.chapters & q.chapters)]
            reasons.append((WEIGHTS["chapters"] * parts["chapters"], _("both address {chapters} of the Pact").format(
                chapters=_series(chapters))))
        reasons.sort(key=lambda r: -r[0])
        a, b = sorted((p.id, q.id))
        return Pair(a, b, total, tuple(reason for _weight, reason in reasons), parts)

    def _signature(self, i: int) -> list[str]:
        """A text's SIGNATURE_WORDS heaviest words (rare and repeated): what a rewording keeps."""
        vector = self.vectors[i]
        return sorted(vector, key=lambda w: (-vector[w], w))[:SIGNATURE_WORDS]

    def pairs(self, min_score: float = MIN_SCORE, among: Sequence[int] | None = None) -> list[Pair]:
        """Every pair at or above `min_score`, highest first. With `among`, only pairs that include one of
        those proposals (the others are then compared with them, not with each other).

        Scored pairs share a member organisation, or SIGNATURE_SHARED words of either one's signature
        and a text cosine of TEXT_FLOOR or more; pairs that share only themes, chapters or Pact actions
        stay below 0.4 and are not visited.
        """
        by_word: dict[str, list[int]] = {}
        by_member: dict[str, list[int]] = {}
        for j in range(len(self.proposals)):
            for word in self._signature(j):
                by_word.setdefault(word, []).append(j)
            for key in self.members[j]:
                by_member.setdefault(key, []).append(j)
        focus = range(len(self.proposals)) if among is None else sorted(set(among))
        done: set[tuple[int, int]] = set()
        found: list[Pair] = []
        for i in focus:
            shared: Counter[int] = Counter()
            for word in self.vectors[i]:
                shared.update(by_word.get(word, ()))
            candidates = {j for j, count in shared.items() if count >= min(SIGNATURE_SHARED, len(self.vectors[j]))}
            for key in self.members[i]:
                candidates.update(by_member[key])
            for j in sorted(candidates):
                pair_key = (min(i, j), max(i, j))
                if j == i or pair_key in done:
                    continue
                done.add(pair_key)
                if not (self.members[i].keys() & self.members[j].keys()) \
                        and self.text_similarity(i, j) < TEXT_FLOOR:
                    continue
                pair = self.score(i, j)
                if pair.score >= min_score:
                    found.append(pair)
        found.sort(key=lambda p: (-p.score, p.a, p.b))
        return found


def ranked_partners(pairs: Iterable[Pair]) -> dict[str, list[Pair]]:
    """For each coalition, its pairs best first."""
    ranked: dict[str, list[Pair]] = {}
    for pair in pairs:
        ranked.setdefault(pair.a, []).append(pair)
        ranked.setdefault(pair.b, []).append(pair)
    for items in ranked.values():
        items.sort(key=lambda p: (-p.score, p.a, p.b))
    return ranked
