"""Each ImPACT criterion at its edge (just met, just missed), the fix messages, enforce, and the warnings."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.registry.criteria import (
    CRITERIA,
    CriteriaSettings,
    CriterionResult,
    evaluate,
    member_region,
)
from generator.registry.load import load_text
from generator.registry.validate import validate
from generator.settings import make_settings

from .support.git import git_commit_all
from .support.registry import EXAMPLE, checkout_criteria

SETTINGS = checkout_criteria()


def member(country: str, constituency: str = "ngos", sector: str = "civil-society", **extra: Any) -> dict[str, Any]:
    return {"name": f"Fictional Organisation in {country} (example)", "country": country, "sector": sector,
            "constituency": constituency, **extra}


def entry(**fields: Any) -> dict[str, Any]:
    """A schema-shaped coalition: five members that meet every criterion unless `fields` says otherwise."""
    base: dict[str, Any] = {
        "members": [member("KE", "ngos"), member("IN", "women"), member("BR", "children-youth"),
                    member("DE", "ngos"), member("FR", "ngos")],
        "engagement": {"member_states": "x" * 40},
        "workplan": [{"date": "2024-06-01", "title": "Start"}, {"date": "2024-09-22", "title": "Summit"}],
    }
    base.update(fields)
    return base


def check(criterion_id: str, data: dict[str, Any], settings: CriteriaSettings = SETTINGS) -> CriterionResult:
    return evaluate(data, settings)[criterion_id]


def test_the_base_entry_meets_every_criterion() -> None:
    assert all(result.met and not result.justified for result in evaluate(entry(), SETTINGS).values())
    assert [c.id for c in CRITERIA] == ["regional-diversity", "constituency-diversity", "un-engagement", "work-plan"]


# --- regional diversity ---------------------------------------------------------------------------------------

def test_five_civil_society_actors_meet_and_four_miss() -> None:
    five = entry(members=[member(c) for c in ("KE", "IN", "BR", "DE", "FR")])
    four = entry(members=[member(c) for c in ("KE", "IN", "BR", "DE")])
    assert check("regional-diversity", five).met
    result = check("regional-diversity", four)
    assert not result.met
    assert "4 of the 5 civil society actors needed — add a member whose sector is civil-society, think-tank or " \
        "academia" in result.detail


def test_members_outside_civil_society_do_not_count_as_actors() -> None:
    members = [member(c) for c in ("KE", "IN", "BR", "DE")] + [member("FR", sector="private-sector")]
    assert "4 of the 5 civil society actors needed" in check("regional-diversity", entry(members=members)).detail
    members[-1] = member("FR", sector="think-tank")
    assert check("regional-diversity", entry(members=members)).met


def test_three_regional_groups_meet_and_two_miss() -> None:
    three = entry(members=[member(c) for c in ("KE", "NG", "GH", "IN", "DE")])
    two = entry(members=[member(c) for c in ("KE", "NG", "GH", "IN", "ZA")])
    assert check("regional-diversity", three).met
    result = check("regional-diversity", two)
    assert not result.met
    assert result.detail.startswith("5 civil society actors from 2 UN Regional Groups, 5 from the global south: ")
    assert "2 of the 3 UN Regional Groups needed — add a civil society member from the Eastern European, Latin " \
        "American and Caribbean or Western European and Others group" in result.detail


def test_three_global_south_actors_meet_and_two_miss() -> None:
    three = entry(members=[member(c) for c in ("KE", "IN", "BR", "DE", "FR")])
    two = entry(members=[member(c) for c in ("KE", "IN", "DE", "FR", "PL")])
    assert check("regional-diversity", three).met
    result = check("regional-diversity", two)
    assert not result.met
    assert result.detail == (
        "5 civil society actors from 4 UN Regional Groups, 2 from the global south: 2 of the 3 global-south civil "
        "society members needed — add a member from the African, Asia-Pacific or Latin American and Caribbean groups")


def test_every_miss_is_named_with_its_numbers() -> None:
    result = check("regional-diversity", entry(members=[member("DE")]))
    assert "1 of the 5 civil society actors needed — add 4 members whose sector" in result.detail
    assert "1 of the 3 UN Regional Groups needed — add civil society members from 2 more of the African, " \
        "Asia-Pacific, Eastern European and Latin American and Caribbean groups" in result.detail
    assert "0 of the 3 global-south civil society members needed — add 3 members from the African" in result.detail


def test_a_global_member_counts_in_its_primary_region_not_its_country() -> None:
    base = [member(c) for c in ("KE", "IN", "DE", "FR")]
    global_member = member("US", scope="global", primary_region="latin-american-caribbean")
    assert member_region(global_member) == "latin-american-caribbean"
    assert check("regional-diversity", entry(members=[*base, global_member])).met
    # without scope: global the primary region does not apply, and the US counts as WEOG
    national = member("US", primary_region="latin-american-caribbean")
    assert member_region(national) == "western-european-others"
    assert "2 of the 3 global-south" in check("regional-diversity", entry(members=[*base, national])).detail


def test_turkiye_counts_as_weog() -> None:
    assert member_region(member("TR")) == "western-european-others"
    # Kenya, Nigeria, India, Indonesia and Türkiye: three groups only because Türkiye counts as WEOG
    assert check("regional-diversity", entry(members=[member(c) for c in ("KE", "NG", "IN", "ID", "TR")])).met
    assert not check("regional-diversity", entry(members=[member(c) for c in ("KE", "NG", "IN", "ID", "PK")])).met


def test_a_territory_counts_in_the_region_it_names() -> None:
    members = [member(c) for c in ("KE", "IN", "DE", "FR")]
    assert not check("regional-diversity", entry(members=[*members, member("PR")])).met
    assert check("regional-diversity",
                 entry(members=[*members, member("PR", region="latin-american-caribbean")])).met


def test_a_justified_exception_turns_a_miss_into_met_with_justification() -> None:
    four = [member(c) for c in ("KE", "IN", "BR", "DE")]
    justification = "Our members all work on one river basin, so they come from one region by design."
    result = check("regional-diversity", entry(members=four, exceptions={"regional-diversity": justification}))
    assert result.met and result.justified
    assert "met with justification" in result.detail and "4 of the 5 civil society actors needed" in result.detail
    # an exception on a coalition that meets the criterion changes nothing
    met = check("regional-diversity", entry(exceptions={"regional-diversity": justification}))
    assert met.met and not met.justified


# --- constituency diversity ---------------------------------------------------------------------------------

def test_three_constituencies_meet_and_two_miss() -> None:
    three = entry(members=[member("KE", "ngos"), member("IN", "women"), member("BR", "farmers")])
    two = entry(members=[member("KE", "ngos"), member("IN", "women"), member("BR", "women")])
    assert check("constituency-diversity", three).met
    result = check("constituency-diversity", two)
    assert not result.met
    assert result.detail == (
        "2 constituencies (ngos, women): 2 of the 3 constituencies needed — add a civil society member from another "
        "Major Group or stakeholder group (e.g. women, children-youth, indigenous-peoples, workers-trade-unions)")


def test_other_counts_once_per_distinct_text_case_insensitively() -> None:
    def other(country: str, text: str) -> dict[str, Any]:
        return member(country, "other", constituency_other=text)

    same = entry(members=[member("KE", "ngos"), other("IN", "Fisherfolk"), other("BR", "fisherfolk "),
                          other("DE", "FISHERFOLK")])
    result = check("constituency-diversity", same)
    assert not result.met and result.detail.startswith("2 constituencies (ngos, other (Fisherfolk))")
    distinct = entry(members=[member("KE", "ngos"), other("IN", "Fisherfolk"), other("BR", "Pastoralists")])
    assert check("constituency-diversity", distinct).met


def test_constituencies_of_members_outside_civil_society_do_not_count() -> None:
    members = [member("KE", "ngos"), member("IN", "women"), member("BR", "farmers", sector="private-sector")]
    assert not check("constituency-diversity", entry(members=members)).met


# --- UN engagement ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["member_states", "un_country_teams", "un_agencies", "support_needed"])
def test_forty_characters_meet_and_thirty_nine_miss(field: str) -> None:
    assert check("un-engagement", entry(engagement={field: "x" * 40})).met
    result = check("un-engagement", entry(engagement={field: "  " + "x" * 39 + "\n"}))
    assert not result.met
    assert result.detail.startswith(f"engagement.{field} has 39 characters: write a plan of at least 40 characters")


def test_no_engagement_plan_says_what_to_write() -> None:
    result = check("un-engagement", entry(engagement={}))
    assert not result.met and result.detail.startswith("no engagement plan yet: write a plan of at least 40")


# --- work plan ----------------------------------------------------------------------------------------------

def test_two_milestones_meet_and_one_misses() -> None:
    one = entry(workplan=[{"date": "2024-09-22", "title": "Summit"}])
    assert not check("work-plan", one).met
    assert "1 of the 2 milestones needed — add a dated step to workplan" in check("work-plan", one).detail
    assert check("work-plan", entry()).met


def test_dropped_milestones_do_not_count() -> None:
    plan = [{"date": "2024-06-01", "title": "Start", "status": "dropped"}, {"date": "2024-09-22", "title": "Summit"}]
    assert "1 of the 2 milestones needed" in check("work-plan", entry(workplan=plan)).detail


def test_the_plan_must_reach_the_summit_of_the_future() -> None:
    reaches = entry(workplan=[{"date": "2024-09-22", "title": "Summit"}, {"date": "2024-06-01", "title": "Start"}])
    short = entry(workplan=[{"date": "2024-06-01", "title": "Start"}, {"date": "2024-09-21", "title": "Eve"}])
    assert check("work-plan", reaches).met  # dates need not be in order
    result = check("work-plan", short)
    assert not result.met
    assert result.detail == ("2 milestones from 2024-06-01 to 2024-09-21: the plan must reach at least 2024-09-22 "
                             "(the Summit of the Future) — add a milestone on or after that date")


def test_no_milestone_before_2024() -> None:
    plan = [{"date": "2023-12-31", "title": "Old"}, {"date": "2024-09-22", "title": "Summit"}]
    result = check("work-plan", entry(workplan=plan))
    assert not result.met
    assert "1 milestone dated before 2024-01-01 (2023-12-31)" in result.detail
    plan[0]["date"] = "2024-01-01"
    assert check("work-plan", entry(workplan=plan)).met


def test_thresholds_come_from_criteria_yml() -> None:
    relaxed = dataclasses.replace(SETTINGS, min_civil_society_actors=4)
    four = entry(members=[member(c) for c in ("KE", "IN", "BR", "DE")])
    assert check("regional-diversity", four, relaxed).met
    assert "at least 4 civil society actors" in CRITERIA[0].text(relaxed)


# --- through the validator: enforce and the warnings ---------------------------------------------------------

def _example() -> dict[str, Any]:
    loaded = load_text(EXAMPLE.read_text(encoding="utf-8"), "example")
    assert loaded.document is not None
    return copy.deepcopy(dict(loaded.document.data))


def _validate(root: Path, data: dict[str, Any], committed: str = "") -> list[tuple[str, str]]:
    """The problems of `data` as a file of the registry at `root`, committed on the day `committed` if given
    (`stale` needs a file last changed before its window)."""
    path = root / "registry" / "coalitions" / f"{data['id']}.yml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    if committed:
        git_commit_all(root, day=committed)
    report = validate(make_settings(root), [path])
    return [(p.severity, p.rule) for p in report.problems]


def _enforce(root: Path) -> None:
    criteria = root / "registry" / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("enforce: false", "enforce: true"),
                        encoding="utf-8")


def test_enforce_turns_a_miss_into_an_error(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    data = _example()
    data["workplan"] = data["workplan"][:1]
    assert _validate(root, data) == []  # forming, not an error
    _enforce(root)
    path = root / "registry" / "coalitions" / "example-ocean-futures.yml"
    report = validate(make_settings(root), [path])
    assert [(p.severity, p.rule, p.pointer) for p in report.problems] == [("error", "work-plan", "/workplan")]
    problem = report.problems[0]
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == '"workplan": ['
    assert "ImPACT criterion 4 (A work plan) is not met" in problem.message
    assert "1 of the 2 milestones needed" in problem.message
    assert not report.ok and report.entries[0].status is None


def test_enforce_accepts_a_justified_exception(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    _enforce(root)
    data = _example()
    data["members"] = [m for m in data["members"] if m["country"] != "FJ"]  # 4 civil society actors
    assert ("error", "regional-diversity") in _validate(root, data)
    data["exceptions"] = {"regional-diversity": "We are still forming and look for more partners in every region."}
    assert _validate(root, data) == []


def test_the_example_has_no_warning(registry_root: Callable[..., Path]) -> None:
    assert _validate(registry_root(), _example()) == []


def _youth_without_youth_member(data: dict[str, Any]) -> None:
    data["members"][2]["constituency"] = "ngos"


def _one_sector(data: dict[str, Any]) -> None:
    data["members"] = [m for m in data["members"] if m["sector"] == "civil-society"]


def _one_theme(data: dict[str, Any]) -> None:
    data["themes"] = ["climate-environment"]


def _no_related(data: dict[str, Any]) -> None:
    del data["related_initiatives"]


def _stale(data: dict[str, Any]) -> None:
    data["updates"][0]["date"] = "2025-09-20"  # "today" is 2026-09-21: 12 months and a day ago


LONG_AGO = "2024-01-15"  # a commit before the stale window

WARNINGS = {"youth-engagement": _youth_without_youth_member, "organisational-diversity": _one_sector,
            "transdisciplinary": _one_theme, "synergies": _no_related, "stale": _stale}


@pytest.mark.parametrize("rule", sorted(WARNINGS))
def test_each_warning_fires_alone(rule: str, registry_root: Callable[..., Path]) -> None:
    data = _example()
    WARNINGS[rule](data)
    assert _validate(registry_root(), data, LONG_AGO) == [("warning", rule)]


def test_no_youth_warning_without_youth_focus(registry_root: Callable[..., Path]) -> None:
    data = _example()
    _youth_without_youth_member(data)
    data["youth_focus"] = False
    assert _validate(registry_root(), data) == []


def test_an_empty_related_initiatives_list_still_warns(registry_root: Callable[..., Path]) -> None:
    data = _example()
    data["related_initiatives"] = []
    assert _validate(registry_root(), data) == [("warning", "synergies")]


@pytest.mark.parametrize(("updated", "stale"), [("2025-09-21", False), ("2025-09-20", True)])
def test_stale_after_twelve_months(updated: str, stale: bool, registry_root: Callable[..., Path]) -> None:
    data = _example()
    data["updates"][0]["date"] = updated
    assert (("warning", "stale") in _validate(registry_root(), data, LONG_AGO)) is stale


def test_a_recent_milestone_or_one_ahead_keeps_an_entry_fresh(registry_root: Callable[..., Path]) -> None:
    root = registry_root()
    data = _example()
    del data["updates"]
    assert ("warning", "stale") in _validate(root, data, LONG_AGO)
    data["workplan"].append({"date": "2026-12-01", "title": "Planned, not yet happened"})
    assert ("warning", "stale") not in _validate(root, data, LONG_AGO)  # a plan in progress (#14, item 6)
    data["workplan"][-1] = {"date": "2026-03-01", "title": "Second review", "status": "done"}
    assert ("warning", "stale") not in _validate(root, data, LONG_AGO)


def test_a_single_member_is_no_sector_monoculture(registry_root: Callable[..., Path]) -> None:
    data = _example()
    data["members"] = data["members"][:1]
    assert ("warning", "organisational-diversity") not in _validate(registry_root(), data)
