"""Which of the registry's other files may resemble a few named proposals: a quick scan of their bytes, no
parsing, so that validating named files loads only the few that may pair with them (`similar-coalition`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import parallel
from generator.similarity.proposal import Proposal, term_counts
from generator.similarity.words import STOPWORDS, name_words, organisation_key, stem
from generator.text import fold

SCREEN_CANDIDATES = 25  # the other files most alike on the scan, loaded in full

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
    return name_words(fold(raw.decode("utf-8", errors="replace")))


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
            stems_of[word] = stem(word) if len(word) >= 3 and word.isalpha() and word not in STOPWORDS else ""
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


@dataclass(frozen=True)
class Screen:
    """The files to load and compare, and the document frequency of every stemmed word over all files."""

    candidates: list[Path]
    frequency: Counter[str]
    documents: int  # readable files, the named ones included


def screen(named: Sequence[Proposal], others: Sequence[Path]) -> Screen:
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
    return Screen(sorted(chosen), frequency, documents)
