"""The Register page: fill the form in Chromium, take the YAML, and the validator accepts it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.form.fields import form_field
from generator.reference import countries
from generator.site.register import page_rules

from .support.browser import axe_violations, browser_page
from .support.cli import IMPACT
from .support.registry import CHECKOUT, checkout_criteria, make_root
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(shipped_site: BuiltSite):  # type: ignore[no-untyped-def]
    with served(shipped_site.site) as url:
        yield url


def fill_member(page, index: int, name: str, country: str, sector: str, constituency: str) -> None:  # type: ignore[no-untyped-def]
    page.fill(f"#f-members-name-{index}", name)
    page.select_option(f"#f-members-country-{index}", country)
    page.select_option(f"#f-members-sector-{index}", sector)
    if constituency:
        page.select_option(f"#f-members-constituency-{index}", constituency)


def test_a_filled_form_gives_a_file_the_validator_accepts(site_url: str, tmp_path: Path) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url + "register/")
        page.fill("#f-name", 'Fictional "Quotes" & Colons: Coalition (example)')
        page.fill("#f-id", "fictional-form-coalition")
        page.fill("#f-summary", "A fictional coalition registered through the web form: #hash, key: value, and - dash.")
        page.fill("#f-objectives", "Show that the form writes valid YAML.\nKeep every character: é, ü, 中文, 'quotes'.")
        page.check("#f-theme-health")
        page.check("#f-theme-human-rights")
        fill_member(page, 1, "Fictional Clinic Network (example)", "KE", "civil-society", "ngos")
        page.click("#add-member")
        fill_member(page, 2, "Imaginary Nurses Union: Lagos (example)", "NG", "civil-society", "workers-trade-unions")
        page.fill("#f-engagement-member-states", "Brief the health attachés of African missions before each session.")
        page.fill("#f-workplan-date-1", "2024-06-01")
        page.fill("#f-workplan-title-1", "Launch call")
        page.fill("#f-workplan-date-2", "2025-03-01")
        page.fill("#f-workplan-title-2", "First report")
        page.fill("#f-contact-email", "contact@example.org")
        page.fill("#f-maintainers", "@example-volunteer, example-second")
        for value in ("transparency", "accountability", "inclusivity"):
            page.check(f"#f-commit-{value}")
        page.check("#f-agree-licence")  # the agreement to the data licence (#14, item 22)
        page.click("button[type=submit]")
        assert page.locator("#register-output").is_visible()
        yaml_text = page.input_value("#register-yaml")
        assert page.inner_text("#register-filename") == "registry/coalitions/fictional-form-coalition.yml"
        link = page.get_attribute("#open-github", "href") or ""
        assert link.startswith("https://github.com/impact-coalitions/registry/new/main?filename=")
        assert watch.console_errors == [] and watch.foreign_requests == []
    root = make_root(tmp_path / "repo", {"fictional-form-coalition.yml": yaml_text})
    done = subprocess.run([IMPACT, "validate", "--format", "json", "--root", str(root)], capture_output=True, text=True,
                          check=False)
    report = json.loads(done.stdout)
    assert done.returncode == 0, done.stdout
    entry = next(e for e in report["entries"] if e["id"] == "fictional-form-coalition")
    assert entry["ok"] and entry["criteria"]["un-engagement"]["met"]
    assert "\nname: 'Fictional \"Quotes\" & Colons: Coalition (example)'\n" in yaml_text  # as entry.py writes it


def test_a_missing_field_shows_a_message_next_to_that_field(site_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url + "register/")
        page.fill("#f-name", "Fictional Coalition (example)")
        page.fill("#f-id", "Not A Slug")
        page.click("button[type=submit]")
        assert not page.locator("#register-output").is_visible()
        assert page.inner_text("#f-name-error") == ""
        assert "required" in page.inner_text("#f-summary-error")
        assert "lower-case letters" in page.inner_text("#f-id-error")
        assert page.get_attribute("#f-summary", "aria-invalid") == "true"
        assert "theme" in page.inner_text("#f-themes-error")
        assert "constituency" not in page.inner_text("#f-members-constituency-1-error")
        page.select_option("#f-members-sector-1", "academia")
        page.click("button[type=submit]")
        assert "constituency" in page.inner_text("#f-members-constituency-1-error")
        assert axe_violations(page) == []
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_the_form_takes_its_rules_from_the_schema() -> None:
    schema = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text())
    summary = form_field(schema, "summary")
    assert (summary.required, summary.minlength, summary.maxlength) == (True, 20, 600)
    assert form_field(schema, "acronym").required is False
    assert form_field(schema, "id").pattern == schema["properties"]["id"]["pattern"]
    sector = form_field(schema, "members.sector")
    assert [v for v, _ in sector.options] == schema["properties"]["members"]["items"]["properties"]["sector"]["enum"]
    assert form_field(schema, "contact.email").kind == "email"


@pytest.mark.parametrize("reserved", ["index", "example-water-criteria"])
def test_an_id_reserved_for_the_site_is_refused_in_the_form(site_url: str, reserved: str) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url + "register/")
        page.fill("#f-id", reserved)
        page.click("button[type=submit]")
        assert "reserved for the site's own pages" in page.inner_text("#f-id-error")
        page.fill("#f-id", "example-water-coalition")
        page.click("button[type=submit]")
        assert "reserved" not in page.inner_text("#f-id-error")
        assert watch.console_errors == []


def test_the_page_gets_criteria_yml_and_the_regional_groups_as_data() -> None:
    """What register.js evaluates the criteria and a member's region with: the validator's own settings."""
    schema = json.loads((CHECKOUT / "schema" / "coalition.schema.json").read_text())
    criteria = checkout_criteria()
    rules = page_rules(schema, criteria)
    assert (rules["criteria"]["min_civil_society_actors"], rules["criteria"]["reaches_at_least"]) == \
        (criteria.min_civil_society_actors, criteria.reaches_at_least)
    group_of = {code: group for group, codes in rules["groups"].items() for code in codes.split()}
    assert group_of == {c.code: c.region for c in countries().values() if c.region}
    assert {"HK", "PR", "TW"}.isdisjoint(group_of)
    assert rules["member_keys"][:5] == ["name", "country", "sector", "constituency", "constituency_other"]
