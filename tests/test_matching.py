"""insight/matching.py on its own: which offers and organisations answer a need, the requests grouped by region
and constituency, and coverage counts with their gaps. Small fictional registries, validated and modelled as the
build does; merged and archived coalitions must never ask, offer or count."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.insight.coverage import coverage
from generator.insight.matching import SHOWN_MEMBERS, partner_matches, partner_requests
from generator.model.objects import Registry, open_coalitions
from generator.reference import REGION_LABELS, THEME_LABELS

from .support.hostile import base_entry, dump
from .support.registry import make_root, registry_of


def member(name: str, country: str, sector: str = "civil-society", constituency: str | None = "ngos") -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "country": country, "sector": sector}
    if constituency:
        found["constituency"] = constituency
    return found


def need(kind: str, description: str, **asks: list[str]) -> dict[str, Any]:
    return {"kind": kind, "description": description, **asks}


def coalition(coalition_id: str, name: str, members: list[dict[str, Any]], **fields: Any) -> str:
    data = base_entry(0)
    data.update({"id": coalition_id, "name": name, "acronym": "EX", "members": members, "needs": [], "offers": [],
                 **fields})
    return dump(data)


OCEAN = coalition(
    "example-ocean", "Example Ocean Coalition",
    [member("Coastal Network (example)", "KE"), member("Harbour Council (example)", "PL", "local-government", None)],
    needs=[need("partners", "Partners for coastal fisheries monitoring", regions=["eastern-european"]),
           need("expertise", "Expertise in ocean data governance"),
           need("funding", "Funding for meetings", constituencies=["farmers"])],
    offers=[need("expertise", "Expertise in coastal fisheries monitoring")],
    themes=["climate-environment"], pact_chapters=["I"], sdgs=[14])
DATA = coalition(
    "example-data", "Example Data Coalition",
    [member("Data Watchers (example)", "UA"), member("The Coastal Network Foundation", "KE"),
     member("Farmers Union (example)", "BR", constituency="farmers")],
    needs=[need("partners", "Partners from farmers groups", constituencies=["farmers"])],
    offers=[need("expertise", "Governance reviews"), need("expertise", "Ocean data governance training"),
            need("partners", "Partners in fisheries monitoring"), need("funding", "Small grants for travel")],
    themes=["digital-cooperation", "climate-environment"])
CLOSED = coalition(  # archived: the best offer and the only Asia-Pacific member, both out of the matching
    "example-closed", "Example Closed Coalition",
    [member("Closed Women Forum (example)", "IN", constituency="women"), member("Closed Office (example)", "IN")],
    needs=[need("partners", "Partners for ocean data", regions=["asia-pacific"])],
    offers=[need("expertise", "Expertise in ocean data governance")], themes=["peace-security"], sdgs=[6])
DECISIONS = "decisions:\n  - {coalition: example-closed, decision: archived, date: '2026-01-01'}\n"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    root = make_root(tmp_path_factory.mktemp("matching") / "repo", {
        "example-ocean.yml": OCEAN, "example-data.yml": DATA, "example-closed.yml": CLOSED})
    (root / "registry" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    return registry_of(root)


def test_only_open_coalitions_take_part(registry: Registry) -> None:
    assert {c.id for c in registry.coalitions} == {"example-ocean", "example-data", "example-closed"}
    assert [c.id for c in open_coalitions(registry)] == ["example-data", "example-ocean"]  # in the registry's order


# --- partner_matches -----------------------------------------------------------------------------------------------


def _needs(registry: Registry) -> dict[tuple[str, str], Any]:
    return {(n.coalition.id, n.kind): n for n in partner_matches(registry)}


def test_every_need_of_an_open_coalition_is_listed_once(registry: Registry) -> None:
    assert [(n.coalition.id, n.kind) for n in partner_matches(registry)] == [
        ("example-data", "partners"), ("example-ocean", "partners"), ("example-ocean", "expertise"),
        ("example-ocean", "funding")]


def test_offers_of_the_same_kind_are_ranked_by_the_words_they_share(registry: Registry) -> None:
    expertise = _needs(registry)[("example-ocean", "expertise")]
    assert [(o.description, o.shared) for o in expertise.offers] == [
        ("Ocean data governance training", ("ocean", "data", "governance")),  # three words of five in common
        ("Governance reviews", ("governance",)),
    ]
    assert all(o.coalition.id == "example-data" for o in expertise.offers)  # never its own, never a closed one


def test_shared_words_are_given_as_the_need_writes_them(registry: Registry) -> None:
    partners = _needs(registry)[("example-ocean", "partners")]
    [offer] = partners.offers
    assert offer.description == "Partners in fisheries monitoring"
    assert offer.shared == ("partners", "fisheries", "monitoring")


def test_an_offer_of_another_kind_or_without_a_shared_word_does_not_answer(registry: Registry) -> None:
    funding = _needs(registry)[("example-ocean", "funding")]
    assert funding.offers == ()  # "Small grants for travel" shares no word with "Funding for meetings"
    assert _needs(registry)[("example-data", "partners")].offers == ()  # the ocean offers expertise only


def test_organisations_from_the_regions_asked_for_other_than_its_own(registry: Registry) -> None:
    partners = _needs(registry)[("example-ocean", "partners")]
    assert partners.regions == ("eastern-european",) and partners.constituencies == ()
    assert [(m.member.name, m.coalition.id) for m in partners.members] == [("Data Watchers (example)", "example-data")]
    assert partners.more_members == 0 and partners.found


def test_organisations_from_the_constituencies_asked_for(registry: Registry) -> None:
    funding = _needs(registry)[("example-ocean", "funding")]
    assert [m.member.name for m in funding.members] == ["Farmers Union (example)"]
    assert funding.found  # an organisation is an answer even without an offer


def test_a_need_answered_only_by_its_own_members_is_not_found(registry: Registry) -> None:
    partners = _needs(registry)[("example-data", "partners")]
    assert (partners.members, partners.more_members, partners.found) == ((), 0, False)


def test_a_need_that_asks_for_no_region_or_constituency_lists_no_organisation(registry: Registry) -> None:
    expertise = _needs(registry)[("example-ocean", "expertise")]
    assert (expertise.regions, expertise.constituencies, expertise.members, expertise.more_members) == ((), (), (), 0)


def test_beyond_the_organisations_shown_the_rest_are_counted(tmp_path: Path) -> None:
    countries = ["NG", "GH", "SN", "ZA", "ET", "TZ", "UG"]
    many = coalition("example-many", "Example Many Coalition",
                     [member(f"African Member {i} (example)", code) for i, code in enumerate(countries)])
    asking = coalition("example-asking", "Example Asking Coalition",
                       [member("Asking Home Group (example)", "KE"), member("Asking Partner (example)", "BR")],
                       needs=[need("partners", "African partners wanted", regions=["african"])])
    registry = registry_of(make_root(tmp_path / "repo", {"example-many.yml": many, "example-asking.yml": asking}))
    [found] = partner_matches(registry)
    assert [m.member.name for m in found.members] == [f"African Member {i} (example)" for i in range(SHOWN_MEMBERS)]
    assert found.more_members == len(countries) - SHOWN_MEMBERS  # its own African member is not counted


# --- partner_requests ----------------------------------------------------------------------------------------------


def test_requests_are_grouped_by_what_they_ask_for_most_asked_first(registry: Registry) -> None:
    requests = partner_requests(registry)
    assert [(r.regions, r.constituencies, [c.id for c in r.coalitions]) for r in requests] == [
        ((), ("farmers",), ["example-data", "example-ocean"]),
        (("eastern-european",), (), ["example-ocean"]),
    ]  # the archived coalition's Asia-Pacific request is not there


def test_a_request_counts_every_organisation_that_fits_its_askers_own_included(registry: Registry) -> None:
    eastern = partner_requests(registry)[1]
    assert [m.member.name for m in eastern.members] == ["Data Watchers (example)", "Harbour Council (example)"]
    assert eastern.total == 2
    shown_one = partner_requests(registry, shown=1)[1]
    assert len(shown_one.members) == 1 and shown_one.total == 2


# --- coverage ------------------------------------------------------------------------------------------------------


def _by_key(counts: tuple[Any, ...]) -> dict[str, tuple[int, int]]:
    return {c.key: (c.coalitions, c.members) for c in counts}


def test_regions_count_coalitions_and_each_organisation_once(registry: Registry) -> None:
    regions = _by_key(coverage(registry).regions)
    assert list(regions) == list(REGION_LABELS)  # every group, in the reference order
    assert regions["african"] == (2, 1)  # "Coastal Network (example)" and "The Coastal Network Foundation"
    assert regions["eastern-european"] == (2, 2)
    assert regions["latin-american-caribbean"] == (1, 1)
    assert regions["asia-pacific"] == (0, 0)  # its only members are in the archived coalition


def test_constituencies_count_members_that_have_one_and_leave_other_out(registry: Registry) -> None:
    constituencies = _by_key(coverage(registry).constituencies)
    assert "other" not in constituencies
    assert constituencies["ngos"] == (2, 2) and constituencies["farmers"] == (1, 1)
    assert constituencies["women"] == (0, 0)


def test_themes_chapters_and_goals_count_coalitions_and_their_organisations(registry: Registry) -> None:
    covered = coverage(registry)
    themes = _by_key(covered.themes)
    assert themes["climate-environment"] == (2, 4) and themes["digital-cooperation"] == (1, 3)
    assert themes["peace-security"] == (0, 0)
    chapters = _by_key(covered.chapters)
    assert chapters["I"] == (1, 2) and chapters["II"] == (0, 0)
    sdgs = _by_key(covered.sdgs)
    assert sdgs["14"] == (1, 2) and sdgs["6"] == (0, 0)
    assert next(c.label for c in covered.sdgs if c.key == "14").startswith("SDG 14: ")
    assert covered.theme_regions["climate-environment"] == {
        "african": 1, "asia-pacific": 0, "eastern-european": 2, "latin-american-caribbean": 1,
        "western-european-others": 0}


def test_gaps_name_what_no_open_coalition_covers(registry: Registry) -> None:
    gaps = coverage(registry).gaps
    asia = REGION_LABELS["asia-pacific"]
    climate, health = THEME_LABELS["climate-environment"].lower(), THEME_LABELS["health"].lower()
    assert f"No member organisation from the {asia}" in gaps
    assert f"No member organisation from the {REGION_LABELS['african']}" not in gaps
    assert f"No coalition works on {health}" in gaps and f"No coalition works on {climate}" not in gaps
    assert f"No coalition has an Asia-Pacific member working on {climate}" in gaps
    assert f"No coalition has an African member working on {climate}" not in gaps
    assert not any(g.endswith(f"working on {health}") for g in gaps)  # a theme nobody works on: one gap, not five
    assert any(g.startswith("No coalition names SDG 6: ") for g in gaps)
    assert not any(g.startswith("No coalition names SDG 14: ") for g in gaps)
    assert any(g.startswith("No member organisation in the constituency ") and "Women" in g for g in gaps)


def test_gaps_come_in_a_fixed_order(registry: Registry) -> None:
    gaps = coverage(registry).gaps
    kinds = ["No member organisation from the", "No member organisation in the constituency", "No coalition works on",
             "No coalition addresses", "No coalition names", "No coalition has"]
    first = [min(i for i, g in enumerate(gaps) if g.startswith(kind)) for kind in kinds]
    assert first == sorted(first)


def test_an_empty_registry_is_all_gaps(tmp_path: Path) -> None:
    covered = coverage(registry_of(make_root(tmp_path / "repo")))
    assert all(c.coalitions == c.members == 0 for c in (*covered.regions, *covered.themes, *covered.sdgs))
    assert len(covered.gaps) == (len(covered.regions) + len(covered.constituencies) + len(covered.themes)
                                 + len(covered.chapters) + len(covered.sdgs))
    assert partner_matches(registry_of(make_root(tmp_path / "repo"))) == []
