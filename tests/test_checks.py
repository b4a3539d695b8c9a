"""generator/registry/checks.py on its own: each cross-field error and each warning, at its edges, on entries read
through the registry's loader (no registry folder, no schema run)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from generator.problems import Problem
from generator.registry.checks import entry_errors, entry_warnings

from .support.entries import document_of
from .support.hostile import base_entry
from .support.registry import CHECKOUT, checkout_criteria

CRITERIA = checkout_criteria()
SCHEMA = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 9, 21)
LONG_AGO = "2024-01-15"  # the file's last commit, for `stale`: long before the window
FILE_ID = "hostile-0000"  # base_entry(0)'s id


def entry(**change: Any) -> dict[str, Any]:
    data = base_entry(0)
    data.update(change)
    return data


def errors(data: dict[str, Any], file_id: str = FILE_ID) -> list[Problem]:
    return entry_errors(document_of(data), file_id, CRITERIA)


def warnings(data: dict[str, Any], today: dt.date = TODAY, changed: str = LONG_AGO) -> list[Problem]:
    return entry_warnings(document_of(data), CRITERIA, today, changed)


def rules(problems: list[Problem]) -> list[str]:
    return [p.rule for p in problems]


def test_the_base_entry_has_no_error_and_no_warning() -> None:
    assert errors(entry()) == []
    assert warnings(entry()) == []


# --- errors --------------------------------------------------------------------------------------------------------


def test_an_id_other_than_the_file_name_is_id_mismatch_at_the_id() -> None:
    data = entry(id="other-name")
    document = document_of(data)
    [problem] = entry_errors(document, FILE_ID, CRITERIA)
    assert (problem.severity, problem.rule, problem.pointer) == ("error", "id-mismatch", "/id")
    assert (problem.line, problem.column) == document.locate("/id") != (1, 1)
    assert "'other-name'" in problem.message and f"'{FILE_ID}.yml'" in problem.message
    assert "rename the file to 'other-name.yml'" in problem.message


@pytest.mark.parametrize("value", ["two\nlines", "trailing\n", 42, None, ["a-list"]],
                         ids=["line-break", "trailing-break", "number", "null", "list"])
def test_an_id_that_is_not_one_line_of_text_is_left_to_the_schema(value: object) -> None:
    assert "id-mismatch" not in rules(errors(entry(id=value)))


def test_an_unknown_two_letter_upper_case_code_is_unknown_country() -> None:
    data = entry()
    data["members"][1]["country"] = "XQ"
    [problem] = errors(data)
    assert (problem.rule, problem.pointer) == ("unknown-country", "/members/1/country")
    assert problem.message.startswith("members[1].country: 'XQ' is not an ISO 3166 country code")


@pytest.mark.parametrize("code", ["xq", "XQZ", "X", "Xq", 12], ids=repr)
def test_codes_of_the_wrong_shape_are_left_to_the_schema(code: object) -> None:
    data = entry()
    data["members"][0]["country"] = code
    assert errors(data) == []


def test_a_country_in_no_regional_group_needs_a_region() -> None:
    data = entry()
    data["members"][0]["country"] = "BM"  # Bermuda: in no UN Regional Group
    [problem] = errors(data)
    assert (problem.rule, problem.pointer) == ("region-required", "/members/0")
    assert "Bermuda belongs to no UN Regional Group" in problem.message
    assert "Fictional Member 0 (example)" in problem.message  # the member is named


@pytest.mark.parametrize("extra", [{"region": "latin-american-caribbean"},
                                   {"scope": "global", "primary_region": "african"}], ids=["region", "global"])
def test_a_region_or_a_global_scope_with_a_primary_region_satisfies_region_required(extra: dict[str, str]) -> None:
    data = entry()
    data["members"][0].update(country="BM", **extra)
    assert errors(data) == []


def test_a_global_scope_without_a_primary_region_still_needs_a_region() -> None:
    data = entry()
    data["members"][0].update(country="BM", scope="global")
    assert rules(errors(data)) == ["region-required"]


@pytest.mark.parametrize("sector", ["civil-society", "think-tank", "academia"])
def test_a_civil_society_sector_without_a_constituency_is_constituency_required(sector: str) -> None:
    data = entry()
    del data["members"][0]["constituency"]
    data["members"][0]["sector"] = sector
    [problem] = errors(data)
    assert (problem.rule, problem.pointer) == ("constituency-required", "/members/0")
    assert "members[0] (Fictional Member 0 (example)) is a civil society actor" in problem.message


def test_the_constituency_message_says_why_and_lists_every_allowed_value() -> None:
    data = entry()
    del data["members"][0]["constituency"]
    [problem] = errors(data)
    allowed = SCHEMA["properties"]["members"]["items"]["properties"]["constituency"]["enum"]
    assert f"add constituency: with one of {', '.join(allowed)} (with other, add constituency_other: too" in \
        problem.message
    assert "the constituency diversity criterion counts the Major Groups and other stakeholder groups" in \
        problem.message
    assert "e.g." not in problem.message  # every value, not examples


@pytest.mark.parametrize("sector", ["private-sector", "local-government"])
def test_other_sectors_need_no_constituency(sector: str) -> None:
    data = entry()
    del data["members"][0]["constituency"]
    data["members"][0]["sector"] = sector
    assert errors(data) == []


def test_a_member_name_with_line_breaks_is_one_line_in_the_message() -> None:
    data = entry()
    del data["members"][0]["constituency"]
    data["members"][0]["name"] = "Split\nOver  Lines"
    [problem] = errors(data)
    assert "(Split Over Lines)" in problem.message and "\n" not in problem.message


def test_every_member_is_checked_and_reported_in_order() -> None:
    data = entry()
    data["members"][0]["country"] = "XQ"
    data["members"][1]["country"] = "BM"
    assert [(p.rule, p.pointer) for p in errors(data)] == [("unknown-country", "/members/0/country"),
                                                          ("region-required", "/members/1")]


def test_an_event_that_ends_before_it_starts_is_invalid_date_at_its_end() -> None:
    data = entry(events=[{"date": "2026-12-10", "title": "A", "end_date": "2026-12-10"},
                         {"date": "2026-12-10", "title": "B", "end_date": "2026-12-09"}])
    [problem] = errors(data)
    assert (problem.rule, problem.pointer) == ("invalid-date", "/events/1/end_date")
    assert "events[1].end_date 2026-12-09 is before its date 2026-12-10" in problem.message


@pytest.mark.parametrize("event", [{"date": "2026-12", "end_date": "2026-11-30"},  # lengths differ: the schema's
                                   {"date": 20261210, "end_date": "2026-12-09"},
                                   {"date": "2026-12-10"}], ids=["short-date", "number", "no-end"])
def test_dates_the_schema_refuses_are_not_compared(event: dict[str, Any]) -> None:
    assert errors(entry(events=[{"title": "A", **event}])) == []


@pytest.mark.parametrize("change", [{"members": "not a list"}, {"members": ["text", 3, None]}, {"events": "soon"},
                                    {"events": ["text"]}, {"members": []}],
                         ids=["members-text", "members-items", "events-text", "events-items", "no-members"])
def test_errors_are_defensive_about_types(change: dict[str, Any]) -> None:
    assert errors(entry(**change)) == []


def test_text_errors_are_part_of_the_entry_errors() -> None:
    data = entry()
    data["resources"][0]["url"] = "https://example.org/?to=someone@example.org"
    [problem] = errors(data)
    assert (problem.rule, problem.pointer) == ("address-in-link", "/resources/0/url")


# --- warnings ------------------------------------------------------------------------------------------------------


def test_youth_focus_without_a_youth_constituency_warns_at_youth_focus() -> None:
    data = entry(youth_focus=True)
    document = document_of(data)
    [problem] = entry_warnings(document, CRITERIA, TODAY, LONG_AGO)
    assert (problem.severity, problem.rule, problem.pointer) == ("warning", "youth-engagement", "/youth_focus")
    assert (problem.line, problem.column) == document.locate_key("/youth_focus")
    data["members"][1]["constituency"] = "children-youth"
    assert warnings(data) == []


def test_all_members_of_one_sector_is_organisational_diversity_naming_the_sector() -> None:
    data = entry()
    data["members"][1].update(sector="civil-society", constituency="ngos")
    [problem] = warnings(data)
    assert (problem.rule, problem.pointer) == ("organisational-diversity", "/members")
    assert "all members are of one sector (civil-society)" in problem.message


def test_one_theme_is_transdisciplinary_and_two_are_not() -> None:
    assert rules(warnings(entry(themes=["health"]))) == ["transdisciplinary"]
    assert warnings(entry(themes=["health", "human-rights"])) == []


@pytest.mark.parametrize("value", [[], None], ids=["empty", "null"])
def test_no_related_initiatives_is_synergies_at_the_top_of_the_file(value: object) -> None:
    data = entry(related_initiatives=value)
    [problem] = warnings(data)
    assert (problem.rule, problem.pointer, problem.line, problem.column) == ("synergies", "", 1, 1)


def test_no_related_initiatives_key_at_all_is_synergies_too() -> None:
    data = entry()
    del data["related_initiatives"]
    assert rules(warnings(data)) == ["synergies"]


# The stale window with criteria.yml's 12 months and today 2026-09-21: 2025-09-21 … 2026-09-21, both ends counted.
def _only_activity(update: str | None = None, milestone: str | None = None,
                   founded: str | None = None) -> dict[str, Any]:
    data = entry(updates=[{"date": update, "title": "Progress"}] if update else [],
                 workplan=[{"date": milestone, "title": "Step"}] if milestone else [])
    if founded:
        data["founded"] = founded
    return data


@pytest.mark.parametrize(("activity", "stale"), [
    ({"update": "2025-09-21"}, False), ({"update": "2025-09-20"}, True), ({"update": TODAY.isoformat()}, False),
    ({"update": "2026-09-22"}, True),  # an update dated tomorrow says nothing about today
    ({"milestone": "2026-01-01"}, False), ({"milestone": "2024-12-01"}, True),
    ({"milestone": "2026-12-01"}, False),  # a milestone ahead: a plan in progress (#14, item 6)
    ({"founded": "2026-03-01"}, False), ({"founded": "2024-03-01"}, True),
], ids=["since", "day-before", "today", "tomorrow", "past-milestone", "old-milestone", "future-milestone", "founded",
        "old-founded"])
def test_stale_counts_updates_milestones_and_founding_inside_the_window(activity: dict[str, str],
                                                                        stale: bool) -> None:
    assert ("stale" in rules(warnings(_only_activity(**activity)))) is stale


def test_stale_names_the_latest_activity_and_points_at_the_updates() -> None:
    data = _only_activity(update="2024-05-01", milestone="2025-01-01")
    [problem] = [p for p in warnings(data) if p.rule == "stale"]
    assert problem.pointer == "/updates"
    assert "no update or milestone since 2025-09-21 (the latest is 2025-01-01), and the file was last changed on " \
        f"{LONG_AGO}" in problem.message


def test_stale_without_any_activity_says_so_at_the_top_of_the_file() -> None:
    [problem] = [p for p in warnings(_only_activity()) if p.rule == "stale"]
    assert (problem.pointer, problem.line, problem.column) == ("", 1, 1)
    assert "(there are none)" in problem.message


@pytest.mark.parametrize(("changed", "stale"), [("", False), ("2025-09-21", False), ("2025-09-20", True)],
                         ids=["never-committed", "committed-inside", "committed-before"])
def test_stale_needs_the_file_unchanged_since_the_window_too(changed: str, stale: bool) -> None:
    """An entry with no activity is stale only when its file's last commit is older than the window (#14, 6)."""
    assert ("stale" in rules(warnings(_only_activity(), changed=changed))) is stale


def test_the_stale_window_follows_the_day_given() -> None:
    data = _only_activity(update="2026-09-01")
    assert "stale" not in rules(warnings(data, dt.date(2027, 9, 1)))
    assert "stale" in rules(warnings(data, dt.date(2027, 9, 2)))


def test_warnings_come_in_a_fixed_order() -> None:
    data = _only_activity()
    data.update(youth_focus=True, themes=["health"], related_initiatives=[])
    data["members"][1].update(sector="civil-society", constituency="ngos")
    assert rules(warnings(data)) == ["youth-engagement", "organisational-diversity", "transdisciplinary",
                                     "synergies", "stale"]
