"""The member line (generator/intake/member_line.py), read the same by `impact new` and `impact from-issue`:
name | country | sector | constituency, then field=value parts; choices by value, label or synonym
(generator/intake/choices.py, generator/reference/synonyms.csv)."""

from __future__ import annotations

import pytest

from generator.intake.checks import read_rules
from generator.intake.choices import country_choices
from generator.intake.entry import Member
from generator.intake.member_line import EXAMPLE, read_member_line
from generator.settings import make_settings

from .support.registry import CHECKOUT

RULES = read_rules(make_settings(CHECKOUT))


def problems(line: str) -> list[str]:
    read = read_member_line(line, RULES)
    assert read.member is None
    return [str(problem) for problem in read.problems]


def test_the_example_line_registers_a_member_outside_every_regional_group() -> None:
    assert read_member_line(EXAMPLE, RULES).member == Member(
        name="Example Harbour Forum", country="HK", sector="civil-society", constituency="other",
        constituency_other="Port workers", region="asia-pacific")


def test_every_field_a_line_may_add() -> None:
    line = "Fictional Ocean Alliance (example) | KE | think-tank | ngos | scope=global | primary region = Africa | " \
           "Role=convener | website=https://example.org/ocean"
    assert read_member_line(line, RULES).member == Member(
        name="Fictional Ocean Alliance (example)", country="KE", sector="think-tank", constituency="ngos",
        scope="global", primary_region="african", role="lead", website="https://example.org/ocean")


@pytest.mark.parametrize(("line", "says"), [
    ("Example Harbour Forum | HK | civil-society | ngos",
     "region: Hong Kong (HK) belongs to no UN Regional Group, so say which group the organisation counts in: add | "
     "region=…, one of: african, asia-pacific, eastern-european, latin-american-caribbean, western-european-others"),
    ("Example Global Network | KE | civil-society | ngos | scope=global",
     "primary_region: a global organisation (scope=global) counts in the UN Regional Group where it mainly works: "
     "add | primary_region=…, one of: african, asia-pacific"),
    ("Example Port Union | KE | civil-society | other",
     "constituency_other: with constituency other, say in your own words which constituency it is: add | "
     "constituency_other=…"),
    ("Example Academy | KE | academia",
     "constituency: an academia member is a civil society actor, so it needs a constituency — use one of: women, "
     "children-youth"),
])
def test_a_missing_part_is_named_with_why_and_the_allowed_values(line: str, says: str) -> None:
    said = problems(line)
    assert len(said) == 1 and said[0].startswith(says), said


def test_a_territory_with_a_global_scope_counts_in_its_primary_region() -> None:
    line = "Example Harbour Forum | PR | civil-society | ngos | scope=global | primary_region=latin-american-caribbean"
    member = read_member_line(line, RULES).member
    assert member is not None and member.region is None and member.primary_region == "latin-american-caribbean"


def test_every_problem_of_a_line_is_said_at_once_by_its_part() -> None:
    said = problems("Example Org | XX | hobby club | young | regoin=asia | website=example.org")
    assert said[0] == "part 2, country: 'XX' is not an ISO 3166 country code — use the two-letter code of the " \
        "country where the organisation is based, such as KE, BR, IN or DE, or its name in English"
    assert said[1].startswith("part 3, sector: 'hobby club' is not a sector — use one of: civil-society, think-tank")
    assert said[2].startswith("part 4, constituency: 'young' is not a constituency — did you mean 'children-youth'?")
    assert said[3].startswith("part 5: a member line has no 'regoin=' — did you mean region=? after the constituency "
                              "come only region=, primary_region=, scope=, constituency_other=, role=, website=")
    assert said[4].startswith("part 6, website: 'example.org' is not a web address — write it whole, starting with "
                              "https://")
    assert len(said) == 5


@pytest.mark.parametrize(("line", "says"), [
    ("Only a name", "the line: it needs at least: name | country code | sector"),
    ("A | Split | Name | KE | civil-society | ngos", "the line: it has 6 parts before the field=value parts"),
    ("Example Org | KE | civil-society | ngos | region=african | ngos", "part 6: 'ngos' comes after a field=value"),
    ("Example Org | KE | civil-society | ngos | role=lead | role=member", "part 6: role= is given twice"),
    ("Example Org | KE | civil-society | ngos | scope=planetary",
     "part 5, scope: 'planetary' is not a scope — use one of: national, regional, global"),
    ("Example Org | KE | civil-society | ngos | constituency_other=Dockers",
     "part 5, constituency_other: only a member of constituency other has one"),
    ("Example Org | KE | civil-society | ngos | primary_region=african", "part 5, primary_region: only a global "
                                                                         "organisation has one"),
])
def test_what_a_line_cannot_say(line: str, says: str) -> None:
    assert any(problem.startswith(says) for problem in problems(line)), problems(line)


@pytest.mark.parametrize(("line", "member"), [
    ("Example Youth Hub | Kenya | civil society | youth", ("KE", "civil-society", "children-youth")),
    ("Example Lab | Côte d'Ivoire | Think tank | Science and technology", ("CI", "think-tank", "science-technology")),
    ("Example Union | St Lucia | CSO | trade unions", ("LC", "civil-society", "workers-trade-unions")),
    ("Example Institute | Türkiye | University | Education and Academia Stakeholder Group",
     ("TR", "academia", "education-academia")),
    ("| Example Table Row | ke | Civil society organisation | NGO |", ("KE", "civil-society", "ngos")),
    ("Example Harbour Forum | HK | civil-society | other | Port workers", ("HK", "civil-society", "other")),
])
def test_labels_and_synonyms_are_taken_where_they_mean_one_choice(line: str, member: tuple[str, str, str]) -> None:
    read = read_member_line(line if "HK" not in line else line + " | region=Asia-Pacific Group", RULES)
    assert read.member is not None, read.problems
    assert (read.member.country, read.member.sector, read.member.constituency) == member


@pytest.mark.parametrize(("part", "says"), [
    ("Example Org | KE | civil-society | local", "'local' could be 'local-authorities' or 'local-communities' — "
                                                 "write the one you mean"),
    ("Example Org | Congo | civil-society | ngos", "'Congo' could be 'CG' (Congo - Brazzaville) or 'CD' (Congo - "
                                                   "Kinshasa) — write the one you mean"),
    ("Example Org | IND | civil-society | ngos", "did you mean 'IN' (India)?"),
    ("Example Org | Kenia | civil-society | ngos", "did you mean 'KE' (Kenya)?"),
    ("Example Org | KE | government | ngos", "'government' could be 'member-state' or 'local-government'"),
])
def test_a_word_that_could_mean_several_choices_is_suggested_not_taken(part: str, says: str) -> None:
    assert says in " ".join(problems(part))


def test_youth_is_never_taken_for_other() -> None:
    said = " ".join(problems("Example Org | KE | civil-society | yuoth"))
    assert "did you mean 'children-youth'?" in said and "'other'?" not in said


def test_country_names_of_every_country_are_taken() -> None:
    choices = country_choices()
    assert all(choices.pick(country) == code for code, country in
               ((code, choices.labels[code]) for code in choices.values))
