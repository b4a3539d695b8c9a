"""Which of a field's choices an answer means: the schema's value, its label, or another word people use for it
(reference/synonyms.csv), compared without case, accents or punctuation.

Every way in written in Python forgives alike: `impact new`'s answers, its --member parts and the values of
the issue form. A word that means one choice is taken; one that could mean several is not: the message names
them, as it names the closest choices to a word it does not know.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from generator.errors import InvalidAnswer
from generator.reference import choice_words, countries, iso3_codes
from generator.text import UNUSABLE, slug

_LEFT_OUT = {"and", "the", "of"}  # 'Science and technology' is 'science-technology'
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`]")  # d'Ivoire, d’Ivoire and dIvoire meet


def key(text: str) -> str:
    """How answers are compared: 'St. Lucia' and 'Saint Lucia', 'Children & Youth' and 'children-youth' meet."""
    words = slug(_APOSTROPHES.sub("", text), max_length=None).split("-")
    return "-".join("saint" if word == "st" else word for word in words if word and word not in _LEFT_OUT)


@dataclass(frozen=True)
class Choices:
    """One field's choices, and every word taken for one of them."""

    what: str  # the field as messages name it: 'sector', 'UN Regional Group'
    values: tuple[str, ...]
    meanings: Mapping[str, tuple[str, ...]]  # key → the values it may mean (two or more: ambiguous)
    hints: Mapping[str, str]  # key → a value it is close to, suggested but never taken ('IND' → 'IN')
    labels: Mapping[str, str]  # value → how a suggestion shows it, when the value alone does not say enough
    advice: str  # what to write instead, after a refusal

    def shown(self, value: str) -> str:
        label = self.labels.get(value)
        return f"'{value}' ({label})" if label else f"'{value}'"

    def suggestions(self, wanted: str) -> list[str]:
        """The values a word it does not know may have meant: those whose words hold all of its words, else the
        nearest spellings."""
        words = set(wanted.split("-"))
        found = [v for k, values in self.meanings.items() if words <= set(k.split("-")) for v in values]
        if wanted in self.hints:
            found.append(self.hints[wanted])
        if not found:
            near = difflib.get_close_matches(wanted, list(self.meanings), n=3, cutoff=0.75)
            found = [v for k in near for v in self.meanings[k]]
        unique = list(dict.fromkeys(found))
        return unique if len(unique) <= 3 else []

    def pick(self, answer: str) -> str:
        """The value the answer means; InvalidAnswer naming the likely ones when it is unknown or ambiguous."""
        if UNUSABLE.search(answer):
            raise InvalidAnswer("the answer holds a control character or bytes that are not UTF-8 text — type it "
                                "again (and check that the terminal uses UTF-8)")
        wanted = key(answer)
        shown = " ".join(answer.split())
        if not wanted:
            raise InvalidAnswer(f"'{shown}' is not {_a(self.what)} — {self.advice}" if shown else
                                f"the {self.what} is missing — {self.advice}")
        meant = self.meanings.get(wanted, ())
        if len(meant) == 1:
            return meant[0]
        if meant:
            raise InvalidAnswer(f"'{shown}' could be {_or(self.shown(v) for v in meant)} — write the one you mean")
        close = self.suggestions(wanted)
        hint = f"did you mean {_or(self.shown(v) for v in close)}? " if close else ""
        raise InvalidAnswer(f"'{shown}' is not {_a(self.what)} — {hint}{self.advice}")


def _a(what: str) -> str:
    return f"an {what}" if what[0] in "aeiouAEIOU" else f"a {what}"


def _or(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _meanings(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for word, value in pairs:
        values = found.setdefault(key(word), [])
        if value not in values:
            values.append(value)
    found.pop("", None)
    return {k: tuple(values) for k, values in found.items()}


def choices(field: str, values: Sequence[str], what: str | None = None) -> Choices:
    """The choices of a schema enum: `field` names its labels and synonyms (reference.choice_words: sector,
    constituency, theme, region, primary_region, scope, role)."""
    pairs = [(value, value) for value in values]
    pairs += [(word, value) for word, value in choice_words(field) if value in values]
    return Choices(what or field, tuple(values), _meanings(pairs), {}, {}, f"use one of: {', '.join(values)}")


@cache
def country_choices() -> Choices:
    """The countries and areas of ISO 3166, by two-letter code or English name."""
    pairs = [(code, code) for code in countries()]
    pairs += list(choice_words("country"))
    hints = {key(iso3): iso2 for iso3, iso2 in iso3_codes().items()}
    return Choices("ISO 3166 country code", tuple(countries()), _meanings(pairs), hints,
                   {code: country.name for code, country in countries().items()},
                   "use the two-letter code of the country where the organisation is based, such as KE, BR, IN or "
                   "DE, or its name in English")
