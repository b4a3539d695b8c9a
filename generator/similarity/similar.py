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

import html
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import parallel
from generator.reference import THEME_LABELS
from generator.registry.load import load_file
from generator.reporters.reports import code_span, no_mentions

if TYPE_CHECKING:
    from generator.registry.report import EntryReport

WEIGHTS = {"text": 0.45, "members": 0.25, "actions": 0.12, "themes": 0.10, "chapters": 0.08}
WARNING_SCORE = 0.5  # `similar-coalition` fires from here: planted rewordings score 0.58–0.71, others ≤ 0.21
MIN_SCORE = 0.1  # pairs below this are not listed at all
TEXT_FLOOR = 0.2  # pairs with a text cosine below this and no shared member are not scored (they stay < 0.4)
SIGNATURE_WORDS = 24  # text pairs are looked for through each text's heaviest words only,
SIGNATURE_SHARED = 2  # and must share this many of them
SHARED_MEMBERS_FOR_FULL = 3  # sharing this many member organisations (or all of the smaller list) scores 1.0
COMMON_WORD_SHARE = 0.2  # a word in more than this share of the entries (and in more than COMMON_WORD_MIN)
COMMON_WORD_MIN = 10  # says nothing about a proposal: it is left out of the vectors
DESCRIPTION_WEIGHT = 0.5
SCREEN_CANDIDATES = 25  # validating named files: the other files most alike on a quick scan, loaded in full
CLOSED = ("merged", "archived")  # decided coalitions are compared no more

_STOPWORDS = frozenset({  # words of three letters or more that say nothing about a proposal
    "about", "above", "after", "again", "against", "all", "also", "and", "any", "are", "because", "been", "before",
    "being", "below", "between", "both", "but", "can", "could", "did", "does", "doing", "down", "during", "each",
    "few", "for", "from", "further", "had", "has", "have", "having", "her", "here", "hers", "him", "his", "how",
    "into", "its", "itself", "just", "more", "most", "nor", "not", "now", "off", "once", "only", "other", "our",
    "ours", "out", "over", "own", "same", "she", "should", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "then", "there", "these", "they", "this", "those", "through", "too", "under", "until", "very", "was",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
    "would", "you", "your", "yours", "via", "per", "across", "among", "toward", "towards", "upon", "onto", "etc",
    "new", "make", "made", "use", "used", "using", "well", "coalition", "coalitions", "impact",
})
_SUFFIXES = ("izations", "isations", "ization", "isation", "abilities", "ability", "ations", "ation", "ments", "ment",
             "ances", "ance", "ences", "ence", "ities", "ity", "ings", "ing", "ness", "ies", "ied", "ers", "er",
             "ed", "es", "ly", "al", "s")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_WORD = re.compile(r"\w+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_ORGANISATION_SUFFIXES = frozenset({
    "foundation", "fondation", "inc", "incorporated", "ev", "ngo", "network", "ltd", "limited", "llc", "gmbh",
    "asbl", "cic", "org", "example", "the"})


def fold(text: str) -> str:
    """Lower case without accents: 'Fundación' → 'fundacion'."""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to make 'governing', 'governance' and 'governments' one word."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def written_words(text: str) -> list[str]:
    """The content words of a text, folded: no stopwords, nothing shorter than three letters."""
    return [w for w in _WORD.findall(fold(text)) if w not in _STOPWORDS]


def words(text: str) -> list[str]:
    """The content words of a text, folded and stemmed."""
    return [stem(w) for w in written_words(text)]


def organisation_key(name: str) -> str:
    """A member organisation's name for comparison: case, accents, punctuation, parentheses and common
    suffixes ('Foundation', 'Inc.', 'e.V.', 'NGO', 'Network', '(example)') do not count."""
    text = _PARENTHESES.sub(" ", fold(name)).replace("&", " and ")
    text = text.replace(".", "").replace("'", "").replace("\u2019", "")
    tokens = _NAME_WORD.findall(text)
    while tokens and tokens[-1] in _ORGANISATION_SUFFIXES:
        tokens.pop()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens) or " ".join(_NAME_WORD.findall(fold(name)))


@dataclass(frozen=True)
class Proposal:
    """What similarity looks at in one coalition."""

    id: str
    name: str
    summary: str = ""
    objectives: tuple[str, ...] = ()
    description: str = ""
    themes: frozenset[str] = frozenset()
    chapters: frozenset[str] = frozenset()
    actions: frozenset[int] = frozenset()
    members: tuple[str, ...] = ()  # member organisations' names as written


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def proposal_from_data(entry_id: str, data: Mapping[str, Any]) -> Proposal:
    """A Proposal from a coalition document. Defensive: the document may not have passed the schema."""
    members = data.get("members")
    names = [m["name"] for m in members if isinstance(m, dict) and isinstance(m.get("name"), str)] \
        if isinstance(members, list) else []
    actions = data.get("pact_actions")
    return Proposal(
        id=entry_id, name=_text(data.get("name")) or entry_id, summary=_text(data.get("summary")),
        objectives=tuple(_strings(data.get("objectives"))), description=_text(data.get("description")),
        themes=frozenset(_strings(data.get("themes"))), chapters=frozenset(_strings(data.get("pact_chapters"))),
        actions=frozenset(a for a in actions if isinstance(a, int) and not isinstance(a, bool))
        if isinstance(actions, list) else frozenset(),
        members=tuple(names))


def term_counts(proposal: Proposal) -> dict[str, float]:
    """Each word's weight: 1 a use in the summary and objectives, DESCRIPTION_WEIGHT a use in the description."""
    terms: dict[str, float] = {}
    for text in (proposal.summary, *proposal.objectives):
        for word in words(text):
            terms[word] = terms.get(word, 0) + 1
    for word in words(proposal.description):
        terms[word] = terms.get(word, 0) + DESCRIPTION_WEIGHT
    return terms


@dataclass(frozen=True)
class Pair:
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
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _chapter_name(chapter: str) -> str:
    return {"annex-gdc": "the Global Digital Compact", "annex-fg": "the Declaration on Future Generations"}.get(
        chapter, f"chapter {chapter}")


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
        self.theme_labels = THEME_LABELS if theme_labels is None else theme_labels
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
            shown = names[:5] + ([f"{len(names) - 5} more"] if len(names) > 5 else [])
            count = f"{len(names)} member organisation{'s' * (len(names) != 1)}"
            reasons.append((WEIGHTS["members"] * parts["members"], f"share {count}: {', '.join(shown)}"))
        if p.actions & q.actions:
            actions = sorted(p.actions & q.actions)
            noun = "Pact action" if len(actions) == 1 else "Pact actions"
            reasons.append((WEIGHTS["actions"] * parts["actions"],
                            f"both target {noun} {_series([str(a) for a in actions])}"))
        if text >= 0.1:
            reasons.append((WEIGHTS["text"] * text, f"similar objectives and summary ({text:.2f})"))
        if p.themes & q.themes:
            themes = [self.theme_labels.get(t, t) for t in sorted(p.themes & q.themes)]
            reasons.append((WEIGHTS["themes"] * parts["themes"], f"both work on {_series(themes)}"))
        if p.chapters & q.chapters:
            chapters = [_chapter_name(c) for c in sorted(p.chapters & q.chapters)]
            reasons.append((WEIGHTS["chapters"] * parts["chapters"], f"both address {_series(chapters)} of the Pact"))
        reasons.sort(key=lambda r: -r[0])
        a, b = sorted((p.id, q.id))
        return Pair(a, b, total, tuple(text for _, text in reasons), parts)

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


# --- named files against the rest of the registry (pairs for the validator's `similar-coalition` warning) ----


# ASCII punctuation → space; '.' and "'" vanish ('e.V.' → 'ev'), as in organisation_key.
_SCREEN_TABLE = bytes.maketrans(bytes(c for c in range(128) if not chr(c).isalnum()),
                                b" " * sum(not chr(c).isalnum() for c in range(128)))


def _screen_tokens(path: Path) -> list[str] | None:
    """A file's raw words, folded, for a quick screen without parsing it (bytes operations where ASCII)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if raw.isascii():
        return raw.lower().translate(_SCREEN_TABLE, b".'").decode("ascii").split()
    text = fold(raw.decode("utf-8", errors="replace")).replace(".", "").replace("'", "").replace("\u2019", "")
    return _NAME_WORD.findall(text)


@dataclass
class _Scanned:
    """What the quick scan keeps of a run of files: little enough to come back from a worker."""

    documents: int = 0  # readable files
    frequency: Counter[str] = field(default_factory=Counter)  # stemmed word → files holding it
    # Files that share a word with the named entries or name one of their members:
    # (index in the scanned list, the shared words, whether a member is named).
    overlaps: list[tuple[int, frozenset[str], bool]] = field(default_factory=list)


def _scan(paths: Sequence[Path], start: int, stop: int, names: Sequence[str], wanted: frozenset[str]) -> _Scanned:
    """Scan paths[start:stop]: each readable file's distinct stemmed words and member names, counted."""
    scanned = _Scanned()
    stems_of: dict[str, str] = {}  # raw word → its stem, or "" for words that do not count
    for index in range(start, stop):
        tokens = _screen_tokens(paths[index])
        if tokens is None:
            continue
        unique = frozenset(tokens)
        for word in unique.difference(stems_of):
            stems_of[word] = stem(word) if len(word) >= 3 and word.isalpha() and word not in _STOPWORDS else ""
        stems = set(map(stems_of.__getitem__, unique))
        stems.discard("")
        scanned.documents += 1
        scanned.frequency.update(stems)
        hit = False
        if names:
            stream = " " + " ".join(tokens) + " "
            hit = any(name in stream for name in names)
        shared = wanted.intersection(stems)
        if shared or hit:
            scanned.overlaps.append((index, frozenset(shared), hit))
    return scanned


def _scan_all(paths: Sequence[Path], names: Sequence[str], wanted: frozenset[str]) -> _Scanned:
    """The scan of every path: in forked workers for a large registry (each sends back only counts)."""
    if not parallel.pays(len(paths)):
        return _scan(paths, 0, len(paths), names, wanted)
    runs = parallel.slices(len(paths), parallel.workers() * 2)
    total = _Scanned()
    for part in parallel.forked([partial(_scan, paths, r.start, r.stop, names, wanted) for r in runs]):
        total.documents += part.documents
        total.frequency.update(part.frequency)
        total.overlaps += part.overlaps
    return total


def _screen(named: Sequence[Proposal], others: Sequence[Path]) -> tuple[list[Path], Counter[str], int]:
    """Which other files may resemble the named ones, and the document frequency of every stemmed word.

    A file passes when it names one of the named files' member organisations (the words of the
    normalised name in a row) or when it is among the SCREEN_CANDIDATES files sharing the most weighted words.
    """
    names = [f" {key} " for key in {organisation_key(m) for p in named for m in p.members} if key]
    named_terms = [set(term_counts(p)) for p in named]
    scanned = _scan_all(others, names, frozenset().union(*named_terms))
    frequency = scanned.frequency
    documents = scanned.documents + len(named)
    for terms in named_terms:
        frequency.update(terms)
    chosen: set[Path] = set()
    for terms in named_terms:
        weights = {w: math.log((documents + 1) / frequency[w]) for w in terms}
        total = sum(weights.values()) or 1.0
        mass = sorted(((sum(weights[w] for w in terms & shared) / total, str(others[index]), others[index])
                       for index, shared, _ in scanned.overlaps), reverse=True)
        chosen.update(path for share, _, path in mass[:SCREEN_CANDIDATES] if share >= 0.2)
    chosen.update(others[index] for index, _, hit in scanned.overlaps if hit)
    return sorted(chosen), frequency, documents


def similar_to(proposals: Sequence[Proposal], others: Sequence[Path], min_score: float) -> list[Pair]:
    """Pairs at or above `min_score` that include one of `proposals`, highest first.

    With no `others` (the whole registry) all pairs among `proposals` are compared; otherwise `proposals`
    are compared with the other coalition files, after a quick scan chooses which of them to load.
    """
    if not others:
        return SimilarityIndex(proposals).pairs(min_score)
    candidates, frequency, documents = _screen(proposals, others)
    loaded = [(path.stem, load_file(path, path.name).document) for path in candidates]
    extra = [proposal_from_data(pid, doc.data) for pid, doc in loaded
             if doc is not None and isinstance(doc.data, Mapping)]
    index = SimilarityIndex([*proposals, *extra], frequency=frequency, documents=documents)
    return index.pairs(min_score, among=range(len(proposals)))


# --- `impact similar` output ----------------------------------------------------------------------------------


def text_pairs(pairs: Sequence[Pair]) -> str:
    if not pairs:
        return "No similar coalitions found.\n"
    lines = []
    for pair in pairs:
        lines.append(f"{pair.score:.2f}  {pair.a} ~ {pair.b}")
        lines += [f"      {reason}" for reason in pair.reasons]
    return "\n".join(lines) + "\n"


def json_pairs(pairs: Sequence[Pair]) -> str:
    return json.dumps({"pairs": [p.as_json() for p in pairs]}, ensure_ascii=False, indent=1) + "\n"


_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_\[\]|~]")


def _cell(text: str) -> str:
    """Entry text in a Markdown table cell: no HTML, no cell break, no line break, no @mention (any form)."""
    return no_mentions(_MARKDOWN_PUNCTUATION.sub(r"\\\g<0>", html.escape(text, quote=False)).replace("\n", " "))


def markdown_pairs(pairs: Sequence[Pair]) -> str:
    if not pairs:
        return "No similar coalitions found.\n"
    lines = ["| Score | Coalition | Coalition | Why |", "|---:|---|---|---|"]
    lines += [f"| {p.score:.2f} | {code_span(p.a, in_table=True)} | {code_span(p.b, in_table=True)} | "
              f"{_cell('; '.join(p.reasons))} |" for p in pairs]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Sequence[Pair]], str]] = {"text": text_pairs, "json": json_pairs,
                                                        "markdown": markdown_pairs}


def registry_pairs(entries: Iterable[EntryReport], theme_labels: Mapping[str, str] | None = None,
                   min_score: float = MIN_SCORE) -> list[Pair]:
    """Similar pairs among the valid, open coalitions of a validation report's entries."""
    proposals = [proposal_from_data(e.id, e.data) for e in entries
                 if e.data is not None and e.id is not None and e.status is not None and e.status not in CLOSED]
    return SimilarityIndex(proposals, theme_labels=theme_labels).pairs(min_score)
