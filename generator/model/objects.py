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
