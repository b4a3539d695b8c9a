"""The validator's messages for volunteers (generator/registry/schemas.py): a missing field says why it is needed
and what it may be, counts agree in number, and a date written another way is shown as YYYY-MM-DD."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.registry.criteria import evaluate
from generator.registry.load import load_file
from generator.registry.schemas import load_schema, schema_problems

from .support.entries import document_of
from .support.registry import CHECKOUT, EXAMPLE, checkout_criteria

SCHEMA = load_schema(CHECKOUT / "schema" / "coalition.schema.json")


def example() -> dict[str, Any]:
    document = load_file(EXAMPLE, EXAMPLE.name).document
    assert document is not None
    return copy.deepcopy(dict(document.data))


def messages(entry: dict[str, Any]) -> list[str]:
    return [problem.message for problem in schema_problems(document_of(entry), SCHEMA)]


def test_a_global_member_without_primary_region_is_told_why_and_the_groups() -> None:
    entry = example()
    entry["members"][0]["scope"] = "global"
    assert messages(entry) == [
        "members[0]: the field 'primary_region' is missing, needed because scope is global — add primary_region: "
        "with one of african, asia-pacific, eastern-european, latin-american-caribbean, western-european-others "
        "(For a global organisation: the UN Regional Group where it primarily operates. It counts instead of the "
        "country's group.)"]


def test_constituency_other_without_its_own_words_is_told_why() -> None:
    entry = example()
    entry["members"][0]["constituency"] = "other"
    assert messages(entry) == [
        "members[0]: the field 'constituency_other' is missing, needed because constituency is other — add "
        "constituency_other: (The constituency in your own words, when constituency is 'other'.)"]


def test_a_missing_choice_lists_what_it_may_be() -> None:
    entry = example()
    del entry["members"][0]["sector"]
    [message] = messages(entry)
    assert message.startswith("members[0]: the field 'sector' is missing — add sector: with one of civil-society, "
                              "think-tank, academia, private-sector, un-entity, member-state, local-government, ")


@pytest.mark.parametrize(("name", "says"), [
    ("X", "members[0].name is 1 character long; it needs at least 2"),
    ("x" * 201, "members[0].name is 201 characters long; it may have at most 200"),
])
def test_counts_agree_in_number(name: str, says: str) -> None:
    entry = example()
    entry["members"][0]["name"] = name
    assert messages(entry) == [f"{says} — {'say a little more' if len(name) == 1 else 'shorten it'}"]


@pytest.mark.parametrize(("written", "says"), [
    ("10/05/2024", "'10/05/2024' could be 10 May 2024 or 5 October 2024 — write it as 2024-05-10 or 2024-10-05, "
                   "whichever is meant: dates are written year-month-day (YYYY-MM-DD)"),
    ("25/05/2024", "'25/05/2024': write it as 2024-05-25 — dates are written year-month-day (YYYY-MM-DD)"),
    ("05/25/2024", "'05/25/2024': write it as 2024-05-25"),
    ("10.05.2024", "'10.05.2024' could be 10 May 2024 or 5 October 2024"),
    ("2024/5/10", "'2024/5/10': write it as 2024-05-10"),
    ("10 May 2024", "'10 May 2024': write it as 2024-05-10"),
    ("September 22, 2024", "'September 22, 2024': write it as 2024-09-22"),
    ("2024-02-30", "'2024-02-30' is not a real calendar date — write dates as YYYY-MM-DD, e.g. 2024-05-10"),
    ("31/02/2024", "'31/02/2024' is not a date the registry can read — write dates as YYYY-MM-DD"),
    ("next spring", "'next spring' is not a date the registry can read"),
    ("2101-01-01", "'2101-01-01' is outside the years the registry takes (1900 to 2100) — check the year"),
])
def test_a_date_written_another_way_is_shown_as_the_registry_writes_it(written: str, says: str) -> None:
    entry = example()
    entry["workplan"][0]["date"] = written
    [message] = messages(entry)
    assert message.startswith(f"workplan[0].date: {says}")


@pytest.mark.parametrize(("field", "written", "says"), [
    ("constituency", "youth", "did you mean 'children-youth'?"),
    ("constituency", "local", "did you mean 'local-authorities' or 'local-communities'?"),
    ("sector", "civil society", "did you mean 'civil-society'?"),
    ("region", "Africa", "did you mean 'african'?"),
])
def test_a_choice_written_another_way_is_suggested_from_labels_and_synonyms(field: str, written: str,
                                                                            says: str) -> None:
    entry = example()
    entry["members"][0][field] = written
    [message] = messages(entry)
    assert message.startswith(f"members[0].{field}: '{written}' is not one of the accepted values — {says} use one "
                              "of: "), message
    assert "'other'" not in message.split(" use one of")[0]


def test_a_plan_of_one_character_is_one_character() -> None:
    entry = example()
    entry["engagement"] = {"member_states": "x"}
    detail = evaluate(entry, checkout_criteria())["un-engagement"].detail
    assert detail.startswith("engagement.member_states has 1 character: write a plan of at least 40 characters")
