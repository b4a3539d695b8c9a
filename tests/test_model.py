"""The typed model (generator/model/): each part of an entry as an object, and the open data written from them
with the keys, order and omissions of the entry's own fields."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.model.objects import Coalition, Engagement, Event, Milestone, Need, RelatedInitiative, Resource, Update
from generator.site.open_data import open_data
from generator.site.render import SiteInfo

from .support.registry import EXAMPLE, checkout_criteria, registry_of

PARTS = """\
engagement:
  support_needed: "   "
  un_agencies: Share the yearly review with the relevant UN agencies and ask for a response.
  member_states: Brief the missions of coastal states in New York before each ocean-related negotiation.
workplan:
  - date: "2025-06-30"
    title: First yearly review published
    description: Printed and online.
  - date: "2024-06-15"
    title: First coalition call
    status: done
  - date: "2024-09-20"
    title: Statement at the Action Days of the Summit of the Future
    status: done
related_initiatives:
  - name: Example Ocean Alliance
    url: https://alliance.example.org
  - name: Example Reef Watch
needs:
  - kind: partners
    description: Partners from the Eastern European Group.
    regions: [eastern-european]
  - kind: funding
    description: Money for travel to the reef.
    regions: []
    constituencies: [women]
offers:
  - kind: expertise
    description: Community consultation methods.
updates:
  - date: "2026-01-05"
    title: Older news
  - date: "2026-09-01"
    title: Second yearly review in preparation
    body: The drafting group met in *Nairobi*.
events:
  - date: "2026-10-01"
    end_date: "2026-10-03"
    title: Reef days
    location: Suva
    url: https://reef.example.org
  - date: "2025-10-01"
    title: Reef day last year
resources:
  - title: A film about the reef
    url: https://video.example.org
    kind: video
  - title: A plain note
    url: https://note.example.org
"""


@pytest.fixture
def coalition(registry_root: Callable[..., Path]) -> Coalition:
    text = EXAMPLE.read_text(encoding="utf-8")
    start, end = text.index("engagement:"), text.index("contact:")
    [only] = registry_of(registry_root({"example-ocean-futures.yml": text[:start] + PARTS + text[end:]})).coalitions
    return only


def test_each_part_of_an_entry_is_an_object(coalition: Coalition) -> None:
    assert coalition.engagement == Engagement(
        member_states="Brief the missions of coastal states in New York before each ocean-related negotiation.",
        un_agencies="Share the yearly review with the relevant UN agencies and ask for a response.")
    assert coalition.needs == (Need("partners", "Partners from the Eastern European Group.", ("eastern-european",)),
                               Need("funding", "Money for travel to the reef.", (), ("women",)))
    assert coalition.related_initiatives == (RelatedInitiative("Example Ocean Alliance", "https://alliance.example.org"),
                                             RelatedInitiative("Example Reef Watch"))
    assert coalition.resources[1] == Resource("A plain note", "https://note.example.org")


def test_milestones_and_events_come_by_date_updates_newest_first(coalition: Coalition) -> None:
    assert [m.date for m in coalition.workplan] == ["2024-06-15", "2024-09-20", "2025-06-30"]
    assert coalition.workplan[-1] == Milestone("2025-06-30", "First yearly review published", "Printed and online.",
                                               "planned")
    assert coalition.updates[-1] == Update("2026-01-05", "Older news", "")
    assert coalition.events == (Event("2025-10-01", "", "Reef day last year", "", ""),
                                Event("2026-10-01", "2026-10-03", "Reef days", "Suva", "https://reef.example.org"))


def test_the_engagement_plans_come_labelled_in_the_schemas_order(coalition: Coalition) -> None:
    assert [label for label, _ in coalition.engagement.plans] == ["Member States", "UN agencies"]
    assert Engagement().plans == ()


def test_the_open_data_keeps_the_entrys_keys_and_leaves_out_what_it_did_not_write(coalition: Coalition) -> None:
    record = json.loads(json.dumps(open_data(coalition, SiteInfo("Registry", "https://registry.example.org/", "",
                                                                 "main"))))
    assert list(record["engagement"]) == ["member_states", "un_agencies"]  # the blank one is no plan
    assert [list(n.items()) for n in record["needs"]] == [
        [("kind", "partners"), ("description", "Partners from the Eastern European Group."),
         ("regions", ["eastern-european"])],
        [("kind", "funding"), ("description", "Money for travel to the reef."), ("regions", []),
         ("constituencies", ["women"])]]
    assert record["related_initiatives"][1] == {"name": "Example Reef Watch"}
    assert [list(r) for r in record["resources"]] == [["title", "url", "kind"], ["title", "url"]]
    assert record["workplan"][0] == {"date": "2024-06-15", "title": "First coalition call", "description": "",
                                     "status": "done"}
    assert record["updates"][1] == {"date": "2026-01-05", "title": "Older news", "body": ""}
    assert list(record["events"][0]) == ["date", "end_date", "title", "location", "url"]


# The checks' details name the file's fields for whoever edits it; the public pages say the same without them.
FIELD_PATH = re.compile(r"\b(?:engagement|workplan|updates)\.[a-z_]+|\.[a-z]+_[a-z_]+|\b[a-z]+_[a-z_]+\b|\bworkplan\b")


@pytest.mark.parametrize("entry", [
    {"engagement": {}, "workplan": []},
    {"engagement": {"member_states": "Too short.", "support_needed": "Short too."},
     "workplan": [{"date": "2023-05-01", "title": "Old history"}]},
    {"engagement": {"un_country_teams": "Brief.", "un_agencies": "Ask."},
     "workplan": [{"date": "2024-06-01", "title": "A"}]},
], ids=["nothing", "short-plans-old-milestone", "other-plans"])
def test_the_criteria_details_for_readers_name_no_field(entry: dict[str, object]) -> None:
    from generator.model.wording import reader_detail
    from generator.registry.criteria import evaluate

    results = evaluate({"members": [], **entry}, checkout_criteria())
    for criterion, result in results.items():
        if criterion in ("un-engagement", "work-plan"):
            assert FIELD_PATH.search(result.detail), "the check's own detail names fields: nothing to reword"
        shown = reader_detail(result.detail)
        assert FIELD_PATH.findall(shown) == [], (criterion, shown)
        assert re.findall(r"\d+", shown) == re.findall(r"\d+", result.detail)  # the same facts


def test_reader_detail_words_the_engagement_parts_and_keeps_other_text() -> None:
    from generator.model.wording import reader_detail

    assert reader_detail("engagement.member_states has 10 characters; engagement.support_needed has 9 characters") == \
        "the plan for Member States has 10 characters; the outline of the support needed has 9 characters"
    kept = "2 constituencies (ngos, other (rural co-ops e.g. fishers)): add one (e.g. women, children-youth)"
    assert reader_detail(kept) == kept
