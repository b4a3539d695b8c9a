"""The registry as frozen objects for rendering: coalitions with their members, plans and status.

Built only from entries that passed validation, with labels from the reference tables and each
file's last change from one pass over the git history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.git import first_added, last_changes
from generator.reference import REGION_LABELS, SECTOR_LABELS, constituency_labels, countries
from generator.registry.criteria import CRITERIA, CriterionResult, member_region
from generator.registry.decisions import Decision
from generator.registry.report import Report
from generator.settings import Settings

STATUS_LABELS = {
    "eligible": "Meets ImPACT criteria",
    "forming": "Forming",
    "shortlisted": "Shortlisted",
    "merged": "Merged",
    "archived": "Archived",
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
class Dated:
    """A milestone, update or event: anything with a date and a title."""

    date: str
    title: str
    text: str = ""  # plain text (milestone description) or Markdown (update body)
    status: str = ""
    end_date: str = ""
    location: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class CriterionView:
    id: str
    number: int
    title: str
    met: bool
    justified: bool
    detail: str


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
    engagement: Mapping[str, str]
    workplan: tuple[Dated, ...]
    related_initiatives: tuple[Mapping[str, str], ...]
    needs: tuple[Mapping[str, Any], ...]
    offers: tuple[Mapping[str, Any], ...]
    support_requested: str
    governance: str
    resourcing: str
    updates: tuple[Dated, ...]
    events: tuple[Dated, ...]
    resources: tuple[Mapping[str, str], ...]
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


def _member(raw: Mapping[str, Any]) -> Member:
    country = countries()[raw["country"]]
    region = member_region(raw)
    constituency = raw.get("constituency")
    label = constituency_labels().get(constituency, "") if constituency else ""
    if constituency == "other":
        label = str(raw.get("constituency_other", "Other"))
    return Member(
        name=raw["name"], country=raw["country"], country_name=country.name, region=region,
        region_label=REGION_LABELS.get(region, "") if region else "",
        sector=raw["sector"], sector_label=SECTOR_LABELS[raw["sector"]],
        constituency=constituency, constituency_other=str(raw.get("constituency_other", "")),
        constituency_label=label, scope=raw.get("scope"),
        role=raw.get("role", "member"), youth_led=bool(raw.get("youth_led")), website=raw.get("website"),
    )


def _criteria(results: Mapping[str, CriterionResult]) -> tuple[CriterionView, ...]:
    return tuple(CriterionView(c.id, c.number, c.title, results[c.id].met, results[c.id].justified,
                               results[c.id].detail) for c in CRITERIA)


def build_registry(report: Report, settings: Settings) -> Registry:
    """The publishable registry. Call only on a report without errors: every entry must be included."""
    changed = last_changes(settings.root)
    coalitions = []
    for entry in report.entries:
        if entry.data is None or entry.criteria is None or entry.status is None:
            continue  # governance files (decisions.yml, maintainers.yml) carry no coalition
        d = entry.data
        decision = report.decisions.get(entry.id or "")
        contact = d.get("contact") or {}
        coalitions.append(Coalition(
            id=d["id"], file=entry.file, name=d["name"], acronym=d.get("acronym", ""), summary=d["summary"],
            description=d.get("description", ""), status=entry.status, status_label=STATUS_LABELS[entry.status],
            merged_into=decision.merged_into if decision else None, decision_note=decision.note if decision else "",
            status_note=d.get("status_note", ""), founded=d.get("founded", ""), origin=d.get("origin", ""),
            themes=tuple(d["themes"]), pact_chapters=tuple(d.get("pact_chapters", ())),
            pact_actions=tuple(sorted(d.get("pact_actions", ()))), sdgs=tuple(sorted(d.get("sdgs", ()))),
            youth_focus=bool(d.get("youth_focus")), objectives=tuple(d.get("objectives", ())),
            members=tuple(_member(m) for m in d.get("members", ())),
            engagement={k: v for k, v in (d.get("engagement") or {}).items() if str(v).strip()},
            workplan=tuple(sorted((Dated(m["date"], m["title"], m.get("description", ""), m.get("status", "planned"))
                                   for m in d.get("workplan", ())), key=lambda m: m.date)),
            related_initiatives=tuple(d.get("related_initiatives", ())),
            needs=tuple(d.get("needs", ())), offers=tuple(d.get("offers", ())),
            support_requested=d.get("support_requested", ""), governance=d.get("governance", ""),
            resourcing=d.get("resourcing", ""),
            updates=tuple(sorted((Dated(u["date"], u["title"], u.get("body", "")) for u in d.get("updates", ())),
                                 key=lambda u: u.date, reverse=True)),
            events=tuple(sorted((Dated(e["date"], e["title"], end_date=e.get("end_date", ""),
                                       location=e.get("location", ""), url=e.get("url", ""))
                                 for e in d.get("events", ())), key=lambda e: e.date)),
            resources=tuple(d.get("resources", ())),
            contact_email=contact.get("email") if contact.get("public") else None,
            contact_url=contact.get("url"), maintainers=tuple(d.get("maintainers", ())),
            sources=tuple(d.get("sources", ())), listed_from_public_sources=bool(d.get("listed_from_public_sources")),
            criteria=_criteria(entry.criteria), last_updated=changed.get(entry.file, ""),
        ))
    coalitions.sort(key=lambda c: c.name.casefold())
    return Registry(tuple(coalitions), settings.today.isoformat(), report.decisions, first_added(settings.root))

