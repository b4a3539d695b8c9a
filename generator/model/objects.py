"""The registry as frozen objects for rendering: coalitions with their members, plans, news and status.

Every part of an entry is an object with named attributes; the site and the open data read those, never
the entry's raw mappings. The order of a part's fields is the order of its keys in the open data, and a
field that is None there is one the entry left out (the open data omits it too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.i18n.catalogs import N_
from generator.reference import ENGAGEMENT_LABELS
from generator.registry.decisions import CLOSED, Decision
from generator.registry.translations import DEFAULT_LANGUAGE, same_language

STATUS_LABELS = {
    "eligible": N_("Meets ImPACT criteria"),
    "forming": N_("Forming"),
    "shortlisted": N_("Shortlisted"),
    "merged": N_("Merged"),
    "archived": N_("Archived"),
}


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    country: str
    country_name: str
    region: str | None
    region_label: str
    sector: str
    sector_label: str
    constituency: str | None
    constituency_other: str
    constituency_label: str
    scope: str | None
    role: str
    youth_led: bool
    website: str | None


@dataclass(frozen=True, slots=True)
class Engagement:
    """The plan to engage the UN and Member States (criterion 3); None where the entry wrote nothing."""

    member_states: str | None = None
    un_country_teams: str | None = None
    un_agencies: str | None = None
    support_needed: str | None = None

    @property
    def plans(self) -> tuple[tuple[str, str], ...]:
        """(label, text) of every part the entry wrote, in the order of ENGAGEMENT_LABELS."""
        written = ((label, getattr(self, key)) for key, label in ENGAGEMENT_LABELS.items())
        return tuple((label, text) for label, text in written if text is not None)


@dataclass(frozen=True, slots=True)
class Milestone:
    """A step of the work plan."""

    date: str
    title: str
    description: str  # plain text, "" when none
    status: str  # planned | done | dropped


@dataclass(frozen=True, slots=True)
class Update:
    """A progress report."""

    date: str
    title: str
    body: str  # limited Markdown, "" when none


@dataclass(frozen=True, slots=True)
class Event:
    """A public event: one day, or from `date` to `end_date`."""

    date: str
    end_date: str  # "" for a one-day event
    title: str
    location: str
    url: str


@dataclass(frozen=True, slots=True)
class RelatedInitiative:
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Need:
    """Something the coalition looks for, perhaps from partners of given regions and constituencies."""

    kind: str
    description: str
    regions: tuple[str, ...] | None = None
    constituencies: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Offer:
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class Resource:
    """Learning material the coalition shares."""

    title: str
    url: str
    kind: str | None = None  # report | toolkit | statement | video | other


@dataclass(frozen=True, slots=True)
class CriterionView:
    id: str
    number: int
    title: str
    met: bool
    justified: bool
    detail: str  # as the check wrote it for whoever edits the file (the open data keeps it)
    reader_detail: str  # the same facts without the file's field paths, as the public pages say them


@dataclass(frozen=True, slots=True)
class CoalitionName:
    """Another coalition as a page names it: its id for the address, its name for the link."""

    id: str
    name: str


# Languages written right to left, by their language subtag (and scripts, by a tag's script subtag): the text of
# an entry in one of them keeps that direction on a page of another language.
_RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "prs", "ps", "sd", "syr", "ug", "ur", "yi"})
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


def text_direction(tag: str) -> str:
    """'rtl' or 'ltr': the direction of text in the language `tag` names (as HTML's dir attribute)."""
    parts = tag.casefold().split("-")
    if any(len(part) == 4 and part.isalpha() for part in parts[1:]):  # a script subtag says it all: az-Arab
        return "rtl" if any(part in _RIGHT_TO_LEFT_SCRIPTS for part in parts[1:]) else "ltr"
    return "rtl" if parts[0] in _RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True, slots=True)
class Translation:
    """A coalition's own translation of its name, summary and objectives into a site language (each None where the
    translation leaves it out)."""

    code: str  # the site language: ar, zh, en, fr, ru, es
    name: str | None = None
    summary: str | None = None
    objectives: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ShownText:
    """An entry's name, summary and objectives as a page in the language `page` shows them: each translated where
    the entry has a translation, else as written, with the BCP 47 tag of the text shown (`*_lang`)."""

    page: str
    name: str
    summary: str
    objectives: tuple[str, ...]
    name_lang: str
    summary_lang: str
    objectives_lang: str

    def in_page_language(self, tag: str) -> bool:
        """Whether a text tagged `tag` reads in the page's language (pt-BR does on a pt page)."""
        return same_language(tag, self.page)

    @property
    def translated(self) -> bool:
        """Whether everything shown is in the page's language: the original's language, or a translation (no
        objectives, nothing to translate)."""
        shown = (self.name_lang, self.summary_lang, *((self.objectives_lang,) if self.objectives else ()))
        return all(self.in_page_language(tag) for tag in shown)

    @staticmethod
    def direction(tag: str) -> str:
        return text_direction(tag)


@dataclass(frozen=True)
class Coalition:
    id: str
    file: str
    name: str
    acronym: str
    summary: str
    description: str
    status: str
    status_label: str
    merged_into: str | None
    joined: CoalitionName | None  # the coalition it merged into (merged_into), by name
    joined_by: tuple[CoalitionName, ...]  # the coalitions merged into this one, by name
    decision_date: str  # of the maintainers' decision in force, "" when there is none
    decision_note: str
    status_note: str
    founded: str
    origin: str
    themes: tuple[str, ...]
    pact_chapters: tuple[str, ...]
    pact_actions: tuple[int, ...]
    sdgs: tuple[int, ...]
    youth_focus: bool
    objectives: tuple[str, ...]
    members: tuple[Member, ...]
    engagement: Engagement
    workplan: tuple[Milestone, ...]  # by date
    related_initiatives: tuple[RelatedInitiative, ...]
    needs: tuple[Need, ...]
    offers: tuple[Offer, ...]
    support_requested: str
    governance: str
    resourcing: str
    updates: tuple[Update, ...]  # newest first
    events: tuple[Event, ...]  # by date
    resources: tuple[Resource, ...]
    contact_email: str | None  # only when the coalition made it public; shown obfuscated
    contact_url: str | None
    maintainers: tuple[str, ...]
    sources: tuple[str, ...]
    listed_from_public_sources: bool
    criteria: tuple[CriterionView, ...]
    last_updated: str
    language: str = DEFAULT_LANGUAGE  # BCP 47 tag of the entry's own texts
    translations: tuple[Translation, ...] = ()  # the entry's own, in the order it writes them

    def shown(self, code: str) -> ShownText:
        """The name, summary and objectives a page in the site language `code` shows: the entry's own translation
        of each into `code` where it has one (and is not written in `code` already), else the original."""
        own = same_language(self.language, code)
        translation = next((t for t in self.translations if t.code == code), None) if not own else None
        name, summary, objectives = (translation.name, translation.summary, translation.objectives) \
            if translation is not None else (None, None, None)
        return ShownText(
            page=code,
            name=self.name if name is None else name, summary=self.summary if summary is None else summary,
            objectives=self.objectives if objectives is None else objectives,
            name_lang=self.language if name is None else code, summary_lang=self.language if summary is None else code,
            objectives_lang=self.language if objectives is None else code,
        )

    @property
    def criteria_met(self) -> int:
        return sum(c.met for c in self.criteria)

    @property
    def meets_criteria(self) -> bool:
        """All four criteria met, whatever the maintainers decided."""
        return self.criteria_met == len(self.criteria)

    @property
    def active(self) -> bool:
        """Neither merged into another nor archived."""
        return self.status not in CLOSED

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(sorted({m.region for m in self.members if m.region}))

    @property
    def constituencies(self) -> tuple[str, ...]:
        return tuple(sorted({m.constituency for m in self.members if m.constituency}))

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted({m.country_name for m in self.members}))


@dataclass(frozen=True)
class Registry:
    coalitions: tuple[Coalition, ...]
    today: str
    decisions: Mapping[str, Decision]
    registered: Mapping[str, str] = field(default_factory=dict)  # file → date first committed


def open_coalitions(registry: Registry) -> list[Coalition]:
    """The coalitions neither merged nor archived: only they ask, offer, count and go into the calendar."""
    return [c for c in registry.coalitions if c.active]
