"""The words similarity compares: content words of a text, stemmed, and member organisations' names as keys."""

from __future__ import annotations

import re
from functools import lru_cache

from generator.text import fold

STOPWORDS = frozenset({  # words of three letters or more that say nothing about a proposal
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
_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_WORD = re.compile(r"\w+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_ORGANISATION_SUFFIXES = frozenset({
    "foundation", "fondation", "inc", "incorporated", "ev", "ngo", "network", "ltd", "limited", "llc", "gmbh",
    "asbl", "cic", "org", "example", "the"})


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
    return [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


def words(text: str) -> list[str]:
    """The content words of a text, folded and stemmed."""
    return [stem(w) for w in written_words(text)]


def name_words(folded: str) -> list[str]:
    """The words of folded text as names are compared: '.' and apostrophes vanish ('e.v.' → 'ev'), any other
    punctuation separates words."""
    return _NAME_WORD.findall(folded.replace(".", "").replace("'", "").replace("\u2019", ""))


def organisation_key(name: str) -> str:
    """A member organisation's name for comparison: case, accents, punctuation, parentheses and common
    suffixes ('Foundation', 'Inc.', 'e.V.', 'NGO', 'Network', '(example)') do not count."""
    tokens = name_words(_PARENTHESES.sub(" ", fold(name)).replace("&", " and "))
    while tokens and tokens[-1] in _ORGANISATION_SUFFIXES:
        tokens.pop()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens) or " ".join(_NAME_WORD.findall(fold(name)))
