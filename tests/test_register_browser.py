"""The Register page follows the validator's rulebook (issue #14): the member fields a member needs appear when
it needs them, the page says what it will be listed as, the id is made as the Python channels make it, the
messages clear as fields are fixed, and without JavaScript the page offers the other ways in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.form.questions import DATA_LICENCE
from generator.intake.entry import Answers, Engagement, Member, Milestone, coalition_yaml
from generator.text import slug

from .support.browser import AXE, CHROMIUM, CHROMIUM_ARGS, axe_violations, browser_page
from .support.register_page import fill_page, submitted, validated
from .support.registry import make_root
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser

BASE = Answers(
    id="fictional-rulebook-coalition", name="Fictional Rulebook Coalition (example)",
    summary="A fictional coalition that checks the register page against the validator.",
    themes=("health",), objectives=("Show that the page follows the validator's rules.",),
    members=(Member(name="Fictional Clinic Network (example)", country="KE", sector="civil-society",
                    constituency="ngos"),),
    email="rulebook@example.org", maintainers=("example-volunteer",), public=False)


@pytest.fixture(scope="module")
def site_url(shipped_site: BuiltSite) -> Iterator[str]:
    with served(shipped_site.site) as url:
        yield url


@pytest.fixture
def page(site_url: str) -> Iterator[Any]:
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(site_url + "register/")
        yield page
        assert watch.console_errors == [] and watch.foreign_requests == []


def shown(page: Any, row: int, name: str) -> bool:
    return bool(page.locator(f"#member-rows > .impact-row:nth-child({row}) [data-field='members.{name}']").is_visible())


# --- item 1: the member fields the validator asks for ------------------------------------------------------------

def test_a_members_extra_fields_appear_exactly_when_its_answers_need_them(page: Any) -> None:
    row = "#member-rows > .impact-row:nth-child(1)"
    assert not any(shown(page, 1, name) for name in ("region", "primary_region", "constituency_other"))
    page.select_option(f"{row} [data-field='members.country']", "HK")  # in no UN Regional Group
    assert shown(page, 1, "region")
    page.select_option(f"{row} [data-field='members.scope']", "global")  # its primary region counts instead
    assert shown(page, 1, "primary_region") and not shown(page, 1, "region")
    page.select_option(f"{row} [data-field='members.scope']", "national")
    page.select_option(f"{row} [data-field='members.country']", "KE")
    assert not shown(page, 1, "region") and not shown(page, 1, "primary_region")
    page.select_option(f"{row} [data-field='members.constituency']", "other")
    assert shown(page, 1, "constituency_other")
    for name in ("scope", "role", "website"):  # the member syntax's other optional fields are always there
        assert shown(page, 1, name)


@pytest.mark.parametrize(("member", "needed"), [
    (Member(name="Fictional Harbour Forum (example)", country="HK", sector="civil-society", constituency="ngos"),
     "region"),
    (Member(name="Fictional Global Alliance (example)", country="CH", sector="civil-society", constituency="ngos",
            scope="global"), "primary_region"),
    (Member(name="Fictional Dockers Circle (example)", country="KE", sector="civil-society", constituency="other"),
     "constituency_other"),
])
def test_a_needed_member_field_left_empty_is_said_and_no_file_is_made(page: Any, member: Member, needed: str) -> None:
    fill_page(page, replace(BASE, members=(member,)))
    page.click("button[type=submit]")
    assert not page.locator("#register-output").is_visible()
    box = page.locator(f"#member-rows > .impact-row:nth-child(1) [data-field='members.{needed}']")
    assert page.inner_text("#" + box.get_attribute("id") + "-error").endswith("is required.")


def test_members_outside_every_group_global_or_of_another_constituency_pass_the_validator(
        page: Any, tmp_path: Path) -> None:
    answers = replace(BASE, members=(
        Member(name="Fictional Harbour Forum (example)", country="HK", sector="civil-society", constituency="other",
               constituency_other="Port workers", region="asia-pacific", role="lead",
               website="https://harbour.example.org"),
        Member(name="Fictional Global Alliance (example)", country="PR", sector="think-tank", constituency="ngos",
               scope="global", primary_region="latin-american-caribbean")))
    fill_page(page, answers)
    text = submitted(page)
    assert text == coalition_yaml(answers)
    validated(make_root(tmp_path / "repo"), answers.id, text)


# --- item 13: without JavaScript --------------------------------------------------------------------------------

def test_without_javascript_the_page_offers_the_other_two_ways_instead_of_the_form(site_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(site_url + "register/")
        assert not page.locator("#register-form").is_visible()
        assert page.locator("#register-fallback").is_visible()
        links = page.eval_on_selector_all("#register-fallback a", "as => as.map(a => a.href)")
        browser.close()
    repository = "https://github.com/impact-coalitions/registry"
    assert f"{repository}/issues/new?template=register-coalition.yml" in links
    assert f"{repository}/new/main/registry/coalitions" in links


def test_with_javascript_the_form_replaces_the_other_ways(page: Any) -> None:
    assert page.locator("#register-form").is_visible()
    assert not page.locator("#register-fallback").is_visible()


# --- item 18 ----------------------------------------------------------------------------------------------------

def test_messages_clear_as_their_fields_are_fixed(page: Any) -> None:
    page.click("button[type=submit]")
    before = page.inner_text("#register-summary")
    assert "required" in page.inner_text("#f-summary-error")
    page.fill("#f-summary", "A fictional coalition whose summary is now long enough.")
    assert page.inner_text("#f-summary-error") == ""
    assert page.get_attribute("#f-summary", "aria-invalid") is None
    page.check("#f-theme-health")
    assert page.inner_text("#f-themes-error") == ""
    assert page.inner_text("#register-summary") != before
    # A message already shown changes with the answer; a field not yet checked gets none while typing.
    page.fill("#f-name", "No")
    assert "at least 3 characters (now 2)" in page.inner_text("#f-name-error")
    page.click("#add-member")
    page.fill("#f-members-name-2", "X")
    assert page.inner_text("#f-members-name-2-error") == ""


@pytest.mark.parametrize("name", [
    "Fundación Río Verde — Coalición", "Coalition for the Rights of Rivers, Lakes & Wetlands in the Great Basin Region",
    "  Ocean -- Futures  ", "AB", "中文联盟", "Ωmega 2030 Alliance"])
def test_the_id_is_made_from_the_name_as_the_python_channels_make_it(page: Any, name: str) -> None:
    page.fill("#f-name", name)
    made = slug(name)
    assert page.input_value("#f-id") == (made if len(made) >= 3 else "")


def test_a_typed_id_is_kept_until_it_is_emptied(page: Any) -> None:
    page.fill("#f-name", "Fictional Lakes Coalition")
    assert page.input_value("#f-id") == "fictional-lakes-coalition"
    page.fill("#f-id", "lakes")
    page.fill("#f-name", "Fictional Lakes and Rivers Coalition")
    assert page.input_value("#f-id") == "lakes"
    page.fill("#f-id", "")
    page.fill("#f-name", "Fictional Rivers Coalition")
    assert page.input_value("#f-id") == "fictional-rivers-coalition"


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.id"))


def test_remove_buttons_say_what_they_remove_and_focus_stays_near(page: Any) -> None:
    names = ["Fictional First Network (example)", "Fictional Second Network (example)", "Fictional Third (example)"]
    for number, name in enumerate(names, 1):
        if number > 1:
            page.click("#add-member")
        page.fill(f"#member-rows > .impact-row:nth-child({number}) [data-field='members.name']", name)
    page.get_by_role("button", name=f"Remove member 2: {names[1]}").click()
    assert focused(page) == f"Remove member 1: {names[0]}"
    assert page.get_by_role("button", name=f"Remove member 2: {names[2]}").count() == 1  # renumbered
    page.get_by_role("button", name=f"Remove member 1: {names[0]}").click()
    assert focused(page) == "add-member"
    page.get_by_role("button", name=f"Remove member 1: {names[2]}").click()
    assert focused(page) == "add-member"
    page.get_by_role("button", name="Remove milestone 2").click()
    assert focused(page) == "Remove milestone 1"
    assert axe_violations(page) == []


CIVIL = "civil-society"
# Each criterion one answer short of being met: four civil society actors, of which three from the global south,
# one through its region and one through its primary region; "other" constituencies count once per wording,
# whatever its case; a plan of 39 characters; the work plan a day short of the Summit of the Future.
FORMING = replace(
    BASE, members=(
        Member(name="Fictional River Network (example)", country="KE", sector=CIVIL, constituency="ngos"),
        Member(name="Fictional Harbour Forum (example)", country="HK", sector=CIVIL, constituency="other",
               constituency_other="Port workers", region="asia-pacific"),
        Member(name="Fictional Dock Union (example)", country="DE", sector=CIVIL, constituency="other",
               constituency_other="PORT  workers"),
        Member(name="Fictional Global Alliance (example)", country="US", sector="think-tank", constituency="ngos",
               scope="global", primary_region="latin-american-caribbean"),
        Member(name="Fictional Chamber (example)", country="FR", sector="private-sector")),
    engagement=Engagement(member_states="Brief the missions once a year, or more"),  # 39 characters
    workplan=(Milestone(date="2024-01-01", title="Launch call"), Milestone(date="2024-09-21", title="Statement")))
ELIGIBLE = replace(
    FORMING, members=(*FORMING.members[:4], replace(FORMING.members[4], sector="academia",
                                                    constituency="education-academia")),
    engagement=Engagement(member_states="Brief the missions once a year, or more."),
    workplan=(*FORMING.workplan, Milestone(date="2024-09-22", title="At the Summit of the Future")))


@pytest.mark.parametrize("answers", [FORMING, ELIGIBLE], ids=["forming", "eligible"])
def test_the_page_says_what_the_validator_will_list_it_as(page: Any, tmp_path: Path, answers: Answers) -> None:
    fill_page(page, answers)
    text = submitted(page)
    report = validated(make_root(tmp_path / "repo"), answers.id, text)
    on_page = {item.get_attribute("data-criterion"): item.get_attribute("class")
               for item in page.locator("#register-criteria > li").all()}
    assert on_page == {key: "met" if result["met"] else "missing" for key, result in report["criteria"].items()}
    met = sum(result["met"] for result in report["criteria"].values())
    status = page.inner_text("#register-status")
    if report["status"] == "eligible":
        assert status.startswith("It will be listed as meeting the ImPACT criteria: 4 of 4.")
    else:
        assert status.startswith(f"It will be listed as forming: it meets {met} of the 4 ImPACT criteria.")
    assert (met, report["status"]) == ((0, "forming") if answers is FORMING else (4, "eligible"))
    assert axe_violations(page) == []


def test_help_is_written_for_people(page: Any) -> None:
    help_text = " ".join(page.locator(".impact-help").all_inner_texts())
    for jargon in ("ISO 3166", "true to show", "YYYY-MM-DD", "constituency is 'other'", "lead for a"):
        assert jargon not in help_text


def test_countries_are_found_by_their_common_names_and_listed_by_name(page: Any) -> None:
    select = "#f-members-country-1"
    labels = page.eval_on_selector_all(f"{select} option", "os => os.slice(1).map(o => o.textContent)")
    assert {"United Kingdom (GB)", "United States (US)", "Åland Islands (AX)"} <= set(labels)
    assert labels[0] == "Afghanistan (AF)" and labels.index("Åland Islands (AX)") < labels.index("Albania (AL)")
    page.focus(select)
    page.keyboard.type("United K")
    assert page.input_value(select) == "GB"


def test_dates_are_picked_within_the_validators_years(page: Any) -> None:
    date = "#f-workplan-date-1"
    assert (page.get_attribute(date, "min"), page.get_attribute(date, "max")) == ("1900-01-01", "2100-12-31")
    page.fill(date, "1899-12-31")
    page.fill("#f-workplan-title-1", "Founding")
    page.click("button[type=submit]")
    assert page.inner_text(date + "-error") == "Date must be between 1900-01-01 and 2100-12-31."


# --- the file's text: the same quoting as the Python writer -----------------------------------------------------

# Texts a YAML reader would take for something else, or that start or hold a YAML indicator.
TRICKY = ["No", "yes", "ON", "true", "Null", "~x", "12", "1.5", "1e3", "0x1F", "0o17", "+1", "-1", ".5", ".inf",
          "2024-06-01", "1_000", "<<", "- a", "-a", "? b", "?b", ": c", ":c", "a: b", "a:b", "a #b", "a#b", "#x",
          "[x]", "x, y", "{x}", "&x", "*x", "!x", "|x", ">x", "'x", '"x', "%x", "@x", "`x", "it's", "---x", "...x",
          "x:", "é ü", "中文", "emoji 😀", 'both \' and "', "back\\slash", "tab\there", "nbsp\u00a0here",
          "zero\u200bwidth", "bidi\u202eoverride", "2024-06-01 10:00:00", "2024-6-1T9:00:00Z", "0b101", "-.5", "1.",
          "+.inf", ".NaN", "TRUE", "=x", "x=", "a, b", "a,b", "~~", "x~", "?x y", "--", "-- a", "non\ufffecharacter"]


def test_every_text_is_quoted_as_the_python_writer_quotes_it(page: Any) -> None:
    answers = replace(BASE, members=tuple(Member(name=text, country="PL", sector="private-sector") for text in TRICKY))
    fill_page(page, replace(answers, members=()))
    page.evaluate("""names => {  // one member per text, all at once: typing each would take long
        for (let i = 1; i < names.length; i++) document.getElementById("add-member").click();
        document.querySelectorAll("#member-rows > .impact-row").forEach((row, i) => {
            row.querySelector("[data-field='members.name']").value = names[i];
            row.querySelector("[data-field='members.country']").value = "PL";
            row.querySelector("[data-field='members.sector']").value = "private-sector";
        });
    }""", list(TRICKY))
    expected = coalition_yaml(replace(answers, members=tuple(
        replace(m, name=re.sub(r"[\u200b\u202e]", "", " ".join(m.name.split()))) for m in answers.members)))
    assert submitted(page) == expected


def test_user_names_are_read_as_the_python_channels_read_them(page: Any) -> None:
    page.fill("#f-maintainers", "@example-volunteer, https://github.com/example-second/, example third")
    page.click("button[type=submit]")
    message = page.inner_text("#f-maintainers-error")
    assert message.startswith("'example third' is not a GitHub user name: separate several with commas;")
    assert "example-volunteer" not in message and "example-second" not in message


@pytest.mark.parametrize("address", ["ftp://files.example.org", "harbour.example.org"])
def test_a_website_the_schema_refuses_is_refused_on_the_page(page: Any, address: str) -> None:
    member = Member(name="Fictional Harbour Forum (example)", country="KE", sector="private-sector", website=address)
    fill_page(page, replace(BASE, members=(member,)))
    page.click("button[type=submit]")
    assert not page.locator("#register-output").is_visible()
    assert page.inner_text("#f-members-website-1-error").startswith("Website is not a web address")


# --- #14, items 12 and 22: what is public, and the agreement to the data licence ------------------------------

def test_no_file_is_shown_until_the_data_licence_is_agreed_to(page: Any) -> None:
    fill_page(page, BASE)
    page.uncheck("#f-agree-licence")
    page.click("button[type=submit]")
    assert not page.locator("#register-output").is_visible()
    assert page.inner_text("#f-licence-error") == ("Agreeing to the data licence is needed: every entry is published "
                                                   "as open data.")
    assert page.get_attribute("#f-licence", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "f-agree-licence"  # focus goes to the box to tick
    assert page.inner_text("#register-summary") == "1 thing to fix: see the messages next to the fields."
    assert page.inner_text("label[for='f-agree-licence']") == DATA_LICENCE.text  # the issue form's own text
    assert 'rel="license">Creative Commons Attribution 4.0 International</a> (CC-BY-4.0)' in \
        page.inner_html("#f-licence-help")
    page.check("#f-agree-licence")
    assert page.inner_text("#f-licence-error") == ""  # cleared as it is fixed
    assert submitted(page) == coalition_yaml(BASE)  # the agreement is not part of the file
    assert axe_violations(page) == []


def test_the_e_mail_help_says_the_file_is_public(page: Any) -> None:
    help_text = page.inner_text("#f-contact-email-help")
    assert "public on GitHub" in help_text and "This site shows it only if you tick the box below" in help_text
    assert "stays off" not in help_text


# --- #14, item 22: the footer's licence line is legible --------------------------------------------------------

def licence_line_contrast(page: Any) -> dict[str, list[Any]]:
    """Axe's colour-contrast rule on the footer's licence line alone: its nodes by outcome."""
    page.add_script_tag(path=str(AXE))
    found: dict[str, Any] = page.evaluate("""async () => await axe.run({include: [['.impact-licences']]},
                                                                   {runOnly: ['color-contrast']})""")
    return {outcome: [node for rule in found[outcome] for node in rule["nodes"]]
            for outcome in ("violations", "incomplete", "passes")}


@pytest.mark.parametrize("path", ["", "faq/", "register/", "coalitions/"])
def test_the_footers_licence_line_has_enough_contrast(site_url: str, path: str) -> None:
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(site_url + path)
        nodes = licence_line_contrast(page)
        assert nodes["violations"] == [] and nodes["incomplete"] == []  # measured, and enough
        ratios = {" ".join(node["target"]): node["any"][0]["data"]["contrastRatio"] for node in nodes["passes"]}
        assert len(ratios) == 3, ratios  # the line's text and its two links
        assert min(ratios.values()) >= 7, ratios  # the footer's full colour, not the theme's faint copyright grey
        assert watch.console_errors == []
