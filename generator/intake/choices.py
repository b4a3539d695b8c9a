"""Which of a field's choices an answer means: the schema's value, its label, or another word people use for it
(reference/synonyms.csv), compared without case, accents or punctuation.

Every way in written in Python forgives alike: `impact new`'s answers, its --member parts and the values of
the issue form. A word that means one choice is taken; one that could mean several is not: the message names
them, as it names the closest choices to a word it does not know. The labels of every site language are taken
too (the glossary's official wording, the forms' own labels): the issue form in French offers the themes in
French, and its answer means the same value as the English form's.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from generator.errors import InvalidAnswer
from generator.form.fields import CHOICE_LABELS, GLOSSARY_KINDS
from generator.i18n.catalogs import N_, _, use_language
from generator.i18n.languages import CODES
from generator.i18n.terms import labels as glossary_labels
from generator.reference import choice_words, countries, iso3_codes
from generator.text import UNUSABLE, slug

_LEFT_OUT = {"and", "the", "of"}  # 'Science and technology' is 'science-technology'
_NOT_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`]")  # d'Ivoire, d’Ivoire and dIvoire meet
# How messages name a field's choice: (with "a", with "the"), translated where a message is written.
_NAMES = {
    "sector": (N_("a sector"), N_("the sector")),
    "constituency": (N_("a constituency"), N_("the constituency")),
    "theme": (N_("a theme"), N_("the theme")),
    "UN Regional Group": (N_("a UN Regional Group"), N_("the UN Regional Group")),
    "scope": (N_("a scope"), N_("the scope")),
    "role": (N_("a role"), N_("the role")),
    "commitment": (N_("a commitment"), N_("the commitment")),
    "ISO 3166 country code": (N_("an ISO 3166 country code"), N_("the ISO 3166 country code")),
}


def _comparable(text: str) -> str:
    """The Latin letters and digits of a text without their accents, as slug() keeps them, and the letters of the
    other scripts (Arabic, Chinese, Cyrillic: the forms' labels in those languages), lower case, joined by hyphens."""
    kept = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            kept.append(char.lower())
        elif char.isalnum() and not unicodedata.name(char, "LATIN").startswith("LATIN"):
            kept.append(char.casefold())
        elif unicodedata.category(char).startswith("Z"):
            kept.append(" ")  # a space of another script still parts words
    return _NOT_WORD.sub("-", "".join(kept)).strip("-")


def key(text: str) -> str:
    """How answers are compared: 'St. Lucia' and 'Saint Lucia', 'Children & Youth' and 'children-youth' meet."""
    text = _APOSTROPHES.sub("", text)
    words = (slug(text, max_length=None) if text.isascii() else _comparable(text)).split("-")
    return "-".join("saint" if word == "st" else word for word in words if word and word not in _LEFT_OUT)


@dataclass(frozen=True)
class Choices:
    """One field's choices, and every word taken for one of them."""

    what: str  # the field as messages name it: 'sector', 'UN Regional Group'
    values: tuple[str, ...]
    meanings: Mapping[str, tuple[str, ...]]  # key → the values it may mean (two or more: ambiguous)
    hints: Mapping[str, str]  # key → a value it is close to, suggested but never taken ('IND' → 'IN')
    labels: Mapping[str, str]  # value → how a suggestion shows it, when the value alone does not say enough
    advice: str  # what to write instead, after a refusal (marked with N_, with {values}: translated when said)

    def _advice(self) -> str:
        return _(self.advice).format(values=", ".join(self.values))

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
            raise InvalidAnswer(_("the answer holds a control character or bytes that are not UTF-8 text — type it "
                                  "again (and check that the terminal uses UTF-8)"))
        wanted = key(answer)
        shown = " ".join(answer.split())
        if not wanted:
            if shown:
                raise InvalidAnswer(_("'{answer}' is not {a_choice} — {advice}").format(
                    answer=shown, a_choice=_a(self.what), advice=self._advice()))
            raise InvalidAnswer(_("{the_choice} is missing — {advice}").format(
                the_choice=_the(self.what), advice=self._advice()))
        meant = self.meanings.get(wanted, ())
        if len(meant) == 1:
            return meant[0]
        if meant:
            raise InvalidAnswer(_("'{answer}' could be {choices} — write the one you mean").format(
                answer=shown, choices=or_(self.shown(v) for v in meant)))
        close = self.suggestions(wanted)
        if close:
            raise InvalidAnswer(_("'{answer}' is not {a_choice} — did you mean {choices}? {advice}").format(
                answer=shown, a_choice=_a(self.what), choices=or_(self.shown(v) for v in close),
                advice=self._advice()))
        raise InvalidAnswer(_("'{answer}' is not {a_choice} — {advice}").format(
            answer=shown, a_choice=_a(self.what), advice=self._advice()))


def _a(what: str) -> str:
    if what in _NAMES:
        return _(_NAMES[what][0])
    return f"an {what}" if what[0] in "aeiouAEIOU" else f"a {what}"


def _the(what: str) -> str:
    return _(_NAMES[what][1]) if what in _NAMES else f"the {what}"


def or_(words: Iterable[str]) -> str:
    """'A', 'A or B', 'A, B or C' in the active language."""
    words = list(words)
    if len(words) == 1:
        return words[0]
    return _("{first} or {last}").format(first=", ".join(words[:-1]), last=words[-1])


def _meanings(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for word, value in pairs:
        values = found.setdefault(key(word), [])
        if value not in values:
            values.append(value)
    found.pop("", None)
    return {k: tuple(values) for k, values in found.items()}


def translated_labels(field: str) -> list[tuple[str, str]]:
    """(label, value) of a field's choices in every site language: the glossary's official wording (theme,
    sector, constituency, region) or the forms' labels through each catalog (scope, role); a label is taken with
    and without what it adds in brackets."""
    kind = GLOSSARY_KINDS.get("themes" if field == "theme" else f"members.{field}")
    pairs: list[tuple[str, str]] = []
    for code in CODES:
        if kind is not None:
            labels = glossary_labels(kind, code)
        else:
            with use_language(code):
                labels = {value: _(label) for value, label in CHOICE_LABELS.get(f"members.{field}", {}).items()}
        pairs += [(form, value) for value, label in labels.items()
                  for form in dict.fromkeys((label, label.split(" (")[0]))]
    return pairs


def choices(field: str, values: Sequence[str], what: str | None = None) -> Choices:
    """The choices of a schema enum: `field` names its labels and synonyms (reference.choice_words: sector,
    constituency, theme, region, primary_region, scope, role), with its labels in every site language."""
    pairs = [(value, value) for value in values]
    pairs += [(word, value) for word, value in choice_words(field) if value in values]
    pairs += [(word, value) for word, value in translated_labels(field) if value in values]
    return Choices(what or field, tuple(values), _meanings(pairs), {}, {}, N_("use one of: {values}"))


@cache
def country_choices() -> Choices:
    """The countries and areas of ISO 3166, by two-letter code or English name."""
    pairs = [(code, code) for code in countries()]
    pairs += list(choice_words("country"))
    hints = {key(iso3): iso2 for iso3, iso2 in iso3_codes().items()}
    return Choices("ISO 3166 country code", tuple(countries()), _meanings(pairs), hints,
                   {code: country.name for code, country in countries().items()},
                   N_("use the two-letter code of the country where the organisation is based, such as KE, BR, IN or "
                      "DE, or its name in English"))
