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
from generator.i18n import terms
from generator.i18n.catalogs import N_, _, active, ngettext
from generator.i18n.languages import ENGLISH
from generator.reference import REGION_LABELS, countries
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
        lines = "; ".join(_("line {line}: {message}").format(line=p.line, message=p.message) for p in problems)
        raise ImpactError(_("{file}: the criteria settings cannot be used — {problems}").format(
            file=path, problems=lines))
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


def _series(names: Sequence[str], last: str) -> str:
    """'a, b or c' (last=_(" or ")) and 'a, b and c' in the active language."""
    if len(names) <= 1:
        return "".join(names)
    return _(", ").join(names[:-1]) + last + names[-1]


def _group_names(slugs: Sequence[str], conjunction: str = N_(" or ")) -> str:
    """The UN Regional Groups' names: in English the short adjectives ('African, Asia-Pacific or …', the messages
    add 'group'), in the other languages the groups' official names from the glossary."""
    code = active()
    if code == ENGLISH.code:
        names = [REGION_LABELS[s].split(" (")[0].removesuffix(" Group") for s in slugs]
    else:
        official = terms.labels("region", code)
        names = [official[s] for s in slugs]
    return _series(names, _(conjunction))


def _either(words: Sequence[str]) -> str:
    return _series(list(words), _(" or "))


@dataclass(frozen=True)
class Criterion:
    """One ImPACT criterion. `title_message` is written in English and marked for the catalogs; `title` and
    `text(settings)` speak the active language, so the criteria page and the checks say the same words."""

    id: str
    number: int
    title_message: str
    text: Callable[[CriteriaSettings], str]  # the plain-language criterion, with the numbers in force
    check: Callable[[Entry, CriteriaSettings], CriterionResult]

    @property
    def title(self) -> str:
        return _(self.title_message)


def _regional_text(s: CriteriaSettings) -> str:
    return _("To the extent possible, the coalition brings together at least {actors} civil society actors from at "
             "least {groups} of the five UN Regional Groups, at least {south} of them from the global south "
             "({south_groups} groups). A global organisation counts in the region it names as its primary region "
             "of operation.").format(actors=s.min_civil_society_actors, groups=s.min_regional_groups,
                                      south=s.min_global_south_actors,
                                      south_groups=_group_names(s.global_south_groups, N_(" and ")))


def _check_regional(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    actors = civil_society_actors(entry, s)
    regions = [member_region(m) for m in actors]
    groups = sorted({r for r in regions if r})
    south = sum(1 for r in regions if r in s.global_south_groups)
    found = _("{actors} from {groups}, {south} from the global south").format(
        actors=ngettext("{count} civil society actor", "{count} civil society actors", len(actors)).format(
            count=len(actors)),
        groups=ngettext("{count} UN Regional Group", "{count} UN Regional Groups", len(groups)).format(
            count=len(groups)),
        south=south)
    # Each miss names what the coalition has and what it needs ("2 of the 3 … needed"), then what to add.
    misses = []
    if len(actors) < s.min_civil_society_actors:
        lack = s.min_civil_society_actors - len(actors)
        misses.append(ngettext(
            "{found} of the {needed} civil society actors needed — add a member whose sector is {sectors}",
            "{found} of the {needed} civil society actors needed — add {count} members whose sector is {sectors}",
            lack).format(found=len(actors), needed=s.min_civil_society_actors, count=lack,
                         sectors=_either(s.civil_society_sectors)))
    if len(groups) < s.min_regional_groups:
        lack = s.min_regional_groups - len(groups)
        others = [g for g in REGION_LABELS if g not in groups]
        if lack == 1:
            misses.append(_("{found} of the {needed} UN Regional Groups needed — add a civil society member from "
                            "the {groups} group").format(found=len(groups), needed=s.min_regional_groups,
                                                         groups=_group_names(others)))
        else:
            misses.append(_("{found} of the {needed} UN Regional Groups needed — add civil society members from "
                            "{count} more of the {groups} groups").format(
                found=len(groups), needed=s.min_regional_groups, count=lack,
                groups=_group_names(others, N_(" and "))))
    if south < s.min_global_south_actors:
        lack = s.min_global_south_actors - south
        misses.append(ngettext(
            "{found} of the {needed} global-south civil society members needed — add a member from the {groups} "
            "groups",
            "{found} of the {needed} global-south civil society members needed — add {count} members from the "
            "{groups} groups", lack).format(found=south, needed=s.min_global_south_actors, count=lack,
                                            groups=_group_names(s.global_south_groups)))
    if not misses:
        return CriterionResult(True, False, found)
    justification = entry.get("exceptions", {}).get("regional-diversity")
    if justification:
        return CriterionResult(True, True, _("{found}; met with justification (to be reviewed by the maintainers): "
                                             "{misses}").format(found=found, misses="; ".join(misses)))
    return CriterionResult(False, False, f"{found}: {'; '.join(misses)}")


def _constituencies(entry: Entry, s: CriteriaSettings) -> list[str]:
    seen: dict[str, str] = {}
    for member in civil_society_actors(entry, s):
        constituency = member.get("constituency")
        if constituency == "other":
            text = " ".join(str(member.get("constituency_other", "")).split())
            seen.setdefault(f"other:{text.casefold()}", f"other ({text})")  # `other`: the file's own value
        elif constituency:
            seen.setdefault(str(constituency), str(constituency))
    return sorted(seen.values())


def _check_constituencies(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    found = _constituencies(entry, s)
    if found:
        summary = ngettext("{count} constituency ({constituencies})", "{count} constituencies ({constituencies})",
                           len(found)).format(count=len(found), constituencies=", ".join(found))
    else:
        summary = ngettext("{count} constituency", "{count} constituencies", 0).format(count=0)
    if len(found) >= s.min_constituencies:
        return CriterionResult(True, False, summary)
    lack = s.min_constituencies - len(found)
    advice = ngettext("add a civil society member from another Major Group or stakeholder group (e.g. {examples})",
                      "add {count} civil society members from other Major Groups or stakeholder groups "
                      "(e.g. {examples})", lack).format(
        count=lack, examples="women, children-youth, indigenous-peoples, workers-trade-unions")
    return CriterionResult(False, False, _("{summary}: {found} of the {needed} constituencies needed — {advice}")
                           .format(summary=summary, found=len(found), needed=s.min_constituencies, advice=advice))


# reference.ENGAGEMENT_LABELS' words, marked for the catalogs (test_criteria holds them equal)
_PLAN_FIELDS = {"member_states": N_("Member States"), "un_country_teams": N_("UN Country Teams"),
                "un_agencies": N_("UN agencies")}


def _check_engagement(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    engagement = entry.get("engagement", {})
    plans = [label for key, label in _PLAN_FIELDS.items()
             if len(str(engagement.get(key, "")).strip()) >= s.min_plan_characters]
    support = len(str(engagement.get("support_needed", "")).strip()) >= s.min_plan_characters
    if plans:
        return CriterionResult(True, False, _("a plan to engage {whom}").format(whom=", ".join(_(p) for p in plans)))
    if support:
        return CriterionResult(True, False, _("an outline of the support its UN engagement needs"))
    short = [ngettext("{field} has {count} character", "{field} has {count} characters", n).format(
        field=f"engagement.{key}", count=n)
        for key in (*_PLAN_FIELDS, "support_needed") if (n := len(str(engagement.get(key, "")).strip()))]
    found = "; ".join(short) if short else _("no engagement plan yet")
    return CriterionResult(False, False, _(
        "{found}: write a plan of at least {count} characters for engaging Member States, UN Country Teams or UN "
        "agencies ({fields}), or describe in {support} the support that engagement needs").format(
        found=found, count=s.min_plan_characters,
        fields="engagement.member_states, .un_country_teams or .un_agencies", support="engagement.support_needed"))


def _check_workplan(entry: Entry, s: CriteriaSettings) -> CriterionResult:
    milestones = [m for m in entry.get("workplan", []) if m.get("status") != "dropped"]
    dates = sorted(str(m["date"]) for m in milestones)
    if dates:
        found = ngettext("{count} milestone from {first} to {last}", "{count} milestones from {first} to {last}",
                         len(milestones)).format(count=len(milestones), first=dates[0], last=dates[-1])
    else:
        found = ngettext("{count} milestone", "{count} milestones", len(milestones)).format(count=len(milestones))
    misses = []
    if len(milestones) < s.min_milestones:
        lack = s.min_milestones - len(milestones)
        misses.append(ngettext("{found} of the {needed} milestones needed — add a dated step to {field}",
                               "{found} of the {needed} milestones needed — add {count} dated steps to {field}",
                               lack).format(found=len(milestones), needed=s.min_milestones, count=lack,
                                            field="workplan"))
    if not dates or dates[-1] < s.reaches_at_least:
        misses.append(_("the plan must reach at least {date} (the Summit of the Future) — add a milestone on or "
                        "after that date").format(date=s.reaches_at_least))
    early = [d for d in dates if d < s.earliest_milestone]
    if early:
        misses.append(ngettext("{count} milestone dated before {date} ({first}) — the work plan starts in {year}; "
                               "move older history to {field}",
                               "{count} milestones dated before {date} ({first}) — the work plan starts in {year}; "
                               "move older history to {field}", len(early)).format(
            count=len(early), date=s.earliest_milestone, first=early[0], year=2024, field="updates"))
    if misses:
        return CriterionResult(False, False, f"{found}: {'; '.join(misses)}")
    return CriterionResult(True, False, found)


def _constituency_text(s: CriteriaSettings) -> str:
    return _("Its civil society actors come from at least {count} different constituencies (the Major Groups and "
             "other Stakeholders, such as women, youth, indigenous peoples, workers or academia).").format(
        count=s.min_constituencies)


def _engagement_text(s: CriteriaSettings) -> str:
    return _("It has a plan to engage Member States, UN Country Teams or UN agencies in support of its reform (at "
             "least {count} characters for one of them), or outlines the support that engagement needs.").format(
        count=s.min_plan_characters)


def _workplan_text(s: CriteriaSettings) -> str:
    return _("It has a work plan of at least {count} dated milestones that reaches at least the Summit of the Future "
             "({date}) and beyond, none before {earliest}.").format(
        count=s.min_milestones, date=s.reaches_at_least, earliest=s.earliest_milestone)


CRITERIA: tuple[Criterion, ...] = (
    Criterion("regional-diversity", 1, N_("Regional diversity"), _regional_text, _check_regional),
    Criterion("constituency-diversity", 2, N_("Constituency diversity"), _constituency_text, _check_constituencies),
    Criterion("un-engagement", 3, N_("A plan to engage the UN and Member States"), _engagement_text,
              _check_engagement),
    Criterion("work-plan", 4, N_("A work plan"), _workplan_text, _check_workplan),
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
