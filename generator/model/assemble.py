"""The publishable registry, assembled from the validation report: each entry that passed becomes a
Coalition, with labels from the reference tables and each file's last change from one pass over the
git history. Entries are schema-valid here, so a field is either absent or of its schema's type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from generator.git import first_added, last_changes
from generator.i18n.catalogs import _, use_language
from generator.model.objects import (
    STATUS_LABELS,
    Coalition,
    CoalitionName,
    CriterionView,
    Engagement,
    Event,
    Member,
    Milestone,
    Need,
    Offer,
    Registry,
    RelatedInitiative,
    Resource,
    Translation,
    Update,
)
from generator.model.wording import reader_detail
from generator.reference import REGION_LABELS, SECTOR_LABELS, constituency_labels, countries
from generator.registry.criteria import CRITERIA, CriterionResult, evaluate, member_region
from generator.registry.report import Report
from generator.registry.translations import entry_language
from generator.settings import Settings


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


def _engagement(raw: Mapping[str, str]) -> Engagement:
    # A part left blank is no plan: the page does not show it and the open data leaves it out.
    return Engagement(**{key: text for key, text in raw.items() if text.strip()})


def _optional(values: Any) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _need(raw: Mapping[str, Any]) -> Need:
    return Need(raw["kind"], raw["description"], _optional(raw.get("regions")), _optional(raw.get("constituencies")))


def _workplan(raw: Iterable[Mapping[str, str]]) -> tuple[Milestone, ...]:
    milestones = (Milestone(m["date"], m["title"], m.get("description", ""), m.get("status", "planned")) for m in raw)
    return tuple(sorted(milestones, key=lambda m: m.date))


def _updates(raw: Iterable[Mapping[str, str]]) -> tuple[Update, ...]:
    updates = (Update(u["date"], u["title"], u.get("body", "")) for u in raw)
    return tuple(sorted(updates, key=lambda u: u.date, reverse=True))


def _events(raw: Iterable[Mapping[str, str]]) -> tuple[Event, ...]:
    events = (Event(e["date"], e.get("end_date", ""), e["title"], e.get("location", ""), e.get("url", "")) for e in raw)
    return tuple(sorted(events, key=lambda e: e.date))


def _translations(raw: Mapping[str, Mapping[str, Any]]) -> tuple[Translation, ...]:
    return tuple(Translation(code, t.get("name"), t.get("summary"), _optional(t.get("objectives")))
                 for code, t in raw.items())


def _criteria(results: Mapping[str, CriterionResult]) -> tuple[CriterionView, ...]:
    return tuple(CriterionView(c.id, c.number, c.title, results[c.id].met, results[c.id].justified,
                               results[c.id].detail, reader_detail(results[c.id].detail)) for c in CRITERIA)


def _with_merges(coalitions: list[Coalition]) -> list[Coalition]:
    """Each merged coalition names the one it joined, and that one names every coalition that joined it."""
    names = {c.id: CoalitionName(c.id, c.name) for c in coalitions}
    joined_by: dict[str, list[CoalitionName]] = {}
    for c in coalitions:
        if c.status == "merged" and c.merged_into in names:
            joined_by.setdefault(c.merged_into, []).append(names[c.id])
    return [replace(c, joined=names.get(c.merged_into or "") if c.status == "merged" else None,
                    joined_by=tuple(joined_by.get(c.id, ()))) for c in coalitions]


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
            merged_into=decision.merged_into if decision else None, joined=None, joined_by=(),
            decision_date=decision.date if decision else "", decision_note=decision.note if decision else "",
            status_note=d.get("status_note", ""), founded=d.get("founded", ""), origin=d.get("origin", ""),
            themes=tuple(d["themes"]), pact_chapters=tuple(d.get("pact_chapters", ())),
            pact_actions=tuple(sorted(d.get("pact_actions", ()))), sdgs=tuple(sorted(d.get("sdgs", ()))),
            youth_focus=bool(d.get("youth_focus")), objectives=tuple(d.get("objectives", ())),
            members=tuple(_member(m) for m in d.get("members", ())),
            engagement=_engagement(d.get("engagement") or {}),
            workplan=_workplan(d.get("workplan", ())),
            related_initiatives=tuple(RelatedInitiative(r["name"], r.get("url"))
                                      for r in d.get("related_initiatives", ())),
            needs=tuple(_need(n) for n in d.get("needs", ())),
            offers=tuple(Offer(o["kind"], o["description"]) for o in d.get("offers", ())),
            support_requested=d.get("support_requested", ""), governance=d.get("governance", ""),
            resourcing=d.get("resourcing", ""),
            updates=_updates(d.get("updates", ())), events=_events(d.get("events", ())),
            resources=tuple(Resource(r["title"], r["url"], r.get("kind")) for r in d.get("resources", ())),
            contact_email=contact.get("email") if contact.get("public") else None,
            contact_url=contact.get("url"), maintainers=tuple(d.get("maintainers", ())),
            sources=tuple(d.get("sources", ())), listed_from_public_sources=bool(d.get("listed_from_public_sources")),
            criteria=_criteria(entry.criteria), last_updated=changed.get(entry.file, ""),
            language=entry_language(d), translations=_translations(d.get("translations") or {}),
        ))
    coalitions.sort(key=lambda c: c.name.casefold())
    return Registry(tuple(_with_merges(coalitions)), settings.today.isoformat(), report.decisions,
                    first_added(settings.root))


def in_language(registry: Registry, report: Report, code: str) -> Registry:
    """The registry with the words the model itself writes — the criteria's titles and what their checks found,
    and the status labels — in the language `code` (the checks run again there: they are pure and quick)."""
    data = {entry.data["id"]: entry.data for entry in report.entries if entry.data is not None and entry.criteria}
    with use_language(code):
        coalitions = tuple(replace(c, status_label=_(STATUS_LABELS[c.status]),
                                   criteria=_criteria(evaluate(data[c.id], report.criteria_settings)))
                           for c in registry.coalitions)
    return replace(registry, coalitions=coalitions)
