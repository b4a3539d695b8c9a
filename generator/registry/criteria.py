"""The four ImPACT criteria as rule objects, and the warnings that never block.

Each rule has an id, a title, the plain-language text shown to people (rendered on the criteria page
and in the FAQ), a pure check, and a fix message that names the numbers. Thresholds come from
`registry/criteria.yml`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ImpactError
from generator.reference import ENGAGEMENT_LABELS, REGION_LABELS, countries
from generator.registry.load import load_file
from generator.registry.schemas import load_schema, schema_problems

Entry = Mapping[str, Any]  # one schema-valid coalition document


@dataclass(frozen=True, kw_only=True)
class CriteriaSettings:
    civil_society_sectors: tuple[str, ...]
    min_civil_society_actors: int
    min_regional_groups: int
    min_global_south_actors: int
    global_south_groups: tuple[str, ...]
    min_constituencies: int
    min_plan_characters: int
    min_milestones: int
    reaches_at_least: str
    earliest_milestone: str
    stale_after_months: int
    enforce: bool


def load_criteria_settings(path: Path, schema_path: Path) -> CriteriaSettings:
    """Read criteria.yml; a broken one is a configuration error (exit 2), not an entry's problem."""
    loaded = load_file(path, path.name)
    problems = list(loaded.problems)
    if loaded.document is not None:
        problems += schema_problems(loaded.document, load_schema(schema_path))
    if problems or loaded.document is None:
        lines = "; ".join(f"line {p.line}: {p.message}" for p in problems)
        raise ImpactError(f"{path}: the criteria settings cannot be used — {lines}")
    data = loaded.document.data
    regional, work = data["regional_diversity"], data["work_plan"]
    return CriteriaSettings(
        civil_society_sectors=tuple(data["civil_society_sectors"]),
        min_civil_society_actors=regional["min_civil_society_actors"],
        min_regional_groups=regional["min_regional_groups"],
        min_global_south_actors=regional["min_global_south_actors"],
        global_south_groups=tuple(regional["global_south_groups"]),
        min_constituencies=data["constituency_diversity"]["min_constituencies"],
        min_plan_characters=data["un_engagement"]["min_plan_characters"],
        min_milestones=work["min_milestones"],
        reaches_at_least=work["reaches_at_least"],
        earliest_milestone=work["earliest_milestone"],
        stale_after_months=data["stale_after_months"],
        enforce=data["enforce"],
    )


@dataclass(frozen=True, slots=True)
class CriterionResult:
    met: bool
    justified: bool  # met only through an accepted exception, flagged for maintainer review
    detail: str  # what was found, and when missed, what to add

    def as_json(self) -> dict[str, object]:
        return {"met": self.met, "justified": self.justified, "detail": self.detail}


def member_region(member: Mapping[str, Any]) -> str | None:
    """A member's UN Regional Group: primary_region if global, else region, else its country's group."""
    if member.get("scope") == "global" and member.get("primary_region"):
        return str(member["primary_region"])
    if member.get("region"):
        return str(member["region"])
    country = countries().get(str(member.get("country", "")))
    return country.region if country else None


def civil_society_actors(entry: Entry, settings: CriteriaSettings) -> list[Mapping[str, Any]]:
    return [m for m in entry.get("members", []) if m.get("sector") in settings.civil_society_sectors]


def _group_names(slugs: Sequence[str]) -> str:
    names = [REGION_LABELS[s].split(" (")[0].removesuffix(" Group") for s in slugs]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _some(n: int, word: str) -> str:
    """'a member', '2 members': how many more to add."""
    return f"a {word}" if n == 1 else f"{n} {word}s"


def _either(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


@dataclass(frozen=True)
class Criterion:
    id: str
    number: int
    title: str
    text: Callable[[CriteriaSettings], str]  # the plain-language criterion, with the numbers in force
    check: Callable[[Entry, CriteriaSettings], CriterionResult]


def _regional_text(s: CriteriaSettings) -> str:
    return (f"To the extent possible, the coalition brings together at least {s.min_civil_society_actors} "
            f"civil society actors from at least {s.min_regional_groups} of the five UN Regional Groups, "
            f"at least {s.min_global_south_actors} of them from the global south "
            f"({_group_names(s.global_south_groups).replace(' or ', ' and ')} groups). A global "
            "organisation counts in the region it names as its primary region of operation.")


def _check_regional(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    actors = civil_society_actors(entry, s)
    regions = [member_region(m) for m in actors]
    groups = sorted({r for r in regions if r})
    south = sum(1 for r in regions if r in s.global_south_groups)
    found = (f"{_plural(len(actors), 'civil society actor')} from {_plural(len(groups), 'UN Regional Group')}"
             f", {south} from the global south")
    # Each miss names what the coalition has and what it needs ("2 of the 3 … needed"), then what to add.
    misses = []
    if len(actors) < s.min_civil_society_actors:
        lack = s.min_civil_society_actors - len(actors)
        misses.append(f"{len(actors)} of the {s.min_civil_society_actors} civil society actors needed — add "
                      f"{_some(lack, 'member')} whose sector is {_either(s.civil_society_sectors)}")
    if len(groups) < s.min_regional_groups:
        lack = s.min_regional_groups - len(groups)
        others = [g for g in REGION_LABELS if g not in groups]
        where = f"the {_group_names(others)} group" if lack == 1 else \
            f"{lack} more of the {_group_names(others).replace(' or ', ' and ')} groups"
        misses.append(f"{len(groups)} of the {s.min_regional_groups} UN Regional Groups needed — add "
                      f"{'a civil society member' if lack == 1 else 'civil society members'} from {where}")
    if south < s.min_global_south_actors:
        lack = s.min_global_south_actors - south
        misses.append(f"{south} of the {s.min_global_south_actors} global-south civil society members "
                      f"needed — add {_some(lack, 'member')} from the {_group_names(s.global_south_groups)} groups")
    if not misses:
        return CriterionResult(True, False, found)
    justification = entry.get("exceptions", {}).get("regional-diversity")
    if justification:
        return CriterionResult(True, True, f"{found}; met with justification (to be reviewed by the "
                                           f"maintainers): {'; '.join(misses)}")
    return CriterionResult(False, False, f"{found}: {'; '.join(misses)}")


def _constituencies(entry: Entry, s: CriteriaSettings) -> list[str]:
    seen: dict[str, str] = {}
    for member in civil_society_actors(entry, s):
        constituency = member.get("constituency")
        if constituency == "other":
            text = " ".join(str(member.get("constituency_other", "")).split())
            seen.setdefault(f"other:{text.casefold()}", f"other ({text})")
        elif constituency:
            seen.setdefault(str(constituency), str(constituency))
    return sorted(seen.values())


def _check_constituencies(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    found = _constituencies(entry, s)
    listed = f" ({', '.join(found)})" if found else ""
    summary = f"{_plural(len(found), 'constituency')}{listed}".replace("constituencys", "constituencies")
    if len(found) >= s.min_constituencies:
        return CriterionResult(True, False, summary)
    lack = s.min_constituencies - len(found)
    groups = "another Major Group or stakeholder group" if lack == 1 else "other Major Groups or stakeholder groups"
    return CriterionResult(False, False, f"{summary}: {len(found)} of the {s.min_constituencies} constituencies "
                                         f"needed — add {_some(lack, 'civil society member')} from {groups} "
                                         "(e.g. women, children-youth, indigenous-peoples, workers-trade-unions)")


_PLAN_FIELDS = {key: ENGAGEMENT_LABELS[key] for key in ("member_states", "un_country_teams", "un_agencies")}


def _check_engagement(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    engagement = entry.get("engagement", {})
    plans = [label for key, label in _PLAN_FIELDS.items()
             if len(str(engagement.get(key, "")).strip()) >= s.min_plan_characters]
    support = len(str(engagement.get("support_needed", "")).strip()) >= s.min_plan_characters
    if plans:
        return CriterionResult(True, False, f"a plan to engage {', '.join(plans)}")
    if support:
        return CriterionResult(True, False, "an outline of the support its UN engagement needs")
    short = [f"engagement.{key} has {_plural(len(str(engagement[key]).strip()), 'character')}"
             for key in (*_PLAN_FIELDS, "support_needed") if str(engagement.get(key, "")).strip()]
    found = "; ".join(short) if short else "no engagement plan yet"
    return CriterionResult(False, False, f"{found}: write a plan of at least {s.min_plan_characters} characters "
                                         "for engaging Member States, UN Country Teams or UN agencies "
                                         "(engagement.member_states, .un_country_teams or .un_agencies), or "
                                         "describe in engagement.support_needed the support that engagement needs")


def _check_workplan(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    milestones = [m for m in entry.get("workplan", []) if m.get("status") != "dropped"]
    dates = sorted(str(m["date"]) for m in milestones)
    found = _plural(len(milestones), "milestone") + (f" from {dates[0]} to {dates[-1]}" if dates else "")
    misses = []
    if len(milestones) < s.min_milestones:
        lack = s.min_milestones - len(milestones)
        misses.append(f"{len(milestones)} of the {s.min_milestones} milestones needed — add "
                      f"{_some(lack, 'dated step')} to workplan")
    if not dates or dates[-1] < s.reaches_at_least:
        misses.append(f"the plan must reach at least {s.reaches_at_least} (the Summit of the Future) — add a "
                      "milestone on or after that date")
    early = [d for d in dates if d < s.earliest_milestone]
    if early:
        misses.append(f"{_plural(len(early), 'milestone')} dated before {s.earliest_milestone} ({early[0]}) — "
                      "the work plan starts in 2024; move older history to updates")
    if misses:
        return CriterionResult(False, False, f"{found}: {'; '.join(misses)}")
    return CriterionResult(True, False, found)


CRITERIA: tuple[Criterion, ...] = (
    Criterion("regional-diversity", 1, "Regional diversity", _regional_text, _check_regional),
    Criterion("constituency-diversity", 2, "Constituency diversity",
              lambda s: f"Its civil society actors come from at least {s.min_constituencies} different "
                        "constituencies (the Major Groups and other Stakeholders, such as women, youth, "
                        "indigenous peoples, workers or academia).",
              _check_constituencies),
    Criterion("un-engagement", 3, "A plan to engage the UN and Member States",
              lambda s: "It has a plan to engage Member States, UN Country Teams or UN agencies in support of "
                        f"its reform (at least {s.min_plan_characters} characters for one of them), or outlines "
                        "the support that engagement needs.",
              _check_engagement),
    Criterion("work-plan", 4, "A work plan",
              lambda s: f"It has a work plan of at least {s.min_milestones} dated milestones that reaches at "
                        f"least the Summit of the Future ({s.reaches_at_least}) and beyond, none before "
                        f"{s.earliest_milestone}.",
              _check_workplan),
)


def evaluate(entry: Entry, settings: CriteriaSettings) -> dict[str, CriterionResult]:
    return {criterion.id: criterion.check(entry, settings) for criterion in CRITERIA}


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
