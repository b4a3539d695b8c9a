"""Shareable directory views (issue #17, item 5) in Chromium: the directory's filters live in the address, so a view
opened from a link is filtered, each choice is a step Back undoes, and nothing in the address becomes markup."""

from __future__ import annotations

import pytest

from .support.browser import CHROMIUM, CHROMIUM_ARGS, browser_page
from .support.git import git_commit_all
from .support.registry import CASES, EXAMPLE, coalition_text, make_root
from .support.sites import build_in, served

pytestmark = pytest.mark.browser

FORMING = (CASES / "valid" / "forming" / "example-forming.yml").read_text(encoding="utf-8")
PUBLIC = (CASES / "valid" / "public-sources" / "example-public.yml").read_text(encoding="utf-8")
DECISIONS = """\
decisions:
  - coalition: example-ocean-shortlisted
    decision: shortlisted
    date: "2026-05-04"
    note: Shortlisted for the networks' first round.
"""


def forming(coalition_id: str, name: str, themes: str, country: str) -> str:
    """The small forming example under another id and name, with other themes and its one member elsewhere."""
    return (FORMING.replace("id: example-forming", f"id: {coalition_id}")
            .replace("name: Example Coalition for Testing", f"name: {name}")
            .replace("themes: [health, human-rights]", f"themes: [{themes}]")
            .replace("country: KE", f"country: {country}"))


# Six listed coalitions: (id, themes, regions, status) — what each filter below should pick out of them.
FILES = {
    "example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8"),  # climate, governance; all five regions; eligible
    "example-ocean-shortlisted.yml": coalition_text("example-ocean-shortlisted", ["example-volunteer"])
    .replace("name: Example Coalition for Ocean Futures", "name: Example Shortlisted Ocean Coalition")
    .replace("themes: [climate-environment, global-governance-reform]", "themes: [health, climate-environment]"),
    "example-health-nairobi.yml": forming("example-health-nairobi", "Example Nairobi Health Network",
                                          "health, human-rights", "KE"),
    "example-health-brasilia.yml": forming("example-health-brasilia", "Example Brasilia Health Forum",
                                           "health, gender-equality", "BR"),
    "example-digital-nairobi.yml": forming("example-digital-nairobi", "Example Nairobi Digital Commons",
                                           "digital-cooperation", "KE"),
    "example-public.yml": PUBLIC,  # peace, justice; no members, so no region; forming
}
TOTAL = len(FILES)
SHOWN = "#impact-cards > li:not([hidden]) h2 a"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_root(tmp_path_factory.mktemp("directory-url") / "repo", FILES)
    (root / "registry" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    git_commit_all(root)
    with served(build_in(root).site) as base:
        yield base + "coalitions/"


def shown(page: object) -> set[str]:
    """The ids of the coalitions the directory shows (its links are `<id>/`)."""
    hrefs = page.eval_on_selector_all(SHOWN, "as => as.map(a => a.getAttribute('href'))")  # type: ignore[attr-defined]
    return {href.rstrip("/") for href in hrefs}


def address(page: object) -> str:
    """The page's address as the page itself has it now (Playwright's page.url follows history changes late)."""
    return page.evaluate("location.href")  # type: ignore[attr-defined,no-any-return]


def count(page: object) -> str:
    return page.locator("#filter-count").inner_text()  # type: ignore[attr-defined,no-any-return]


def controls(page: object) -> dict[str, str]:
    """Each filter control's name and value, as the form holds them."""
    return page.eval_on_selector_all(  # type: ignore[attr-defined,no-any-return]
        "#impact-filters input, #impact-filters select", "cs => Object.fromEntries(cs.map(c => [c.name, c.value]))")


def test_an_address_with_filters_opens_the_filtered_view(url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url + "?theme=health&region=african")
        assert shown(page) == {"example-ocean-shortlisted", "example-health-nairobi"}
        assert count(page) == f"2 of {TOTAL} coalitions shown"
        assert controls(page) == {"q": "", "theme": "health", "region": "african", "constituency": "", "chapter": "",
                                  "status": "", "criteria": ""}
        page.goto(url + "?status=forming&criteria=missing&q=nairobi")
        assert shown(page) == {"example-health-nairobi", "example-digital-nairobi"}
        assert count(page) == f"2 of {TOTAL} coalitions shown"
        page.goto(url + "?status=shortlisted")
        assert shown(page) == {"example-ocean-shortlisted"}
        assert address(page) == url + "?status=shortlisted"  # opening a view leaves its address as it was
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_choices_go_into_the_address_and_back_and_forward_restore_them(url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url)
        assert count(page) == f"{TOTAL} of {TOTAL} coalitions shown"
        page.select_option("#filter-theme", "health")
        assert address(page) == url + "?theme=health"
        page.select_option("#filter-region", "african")
        assert address(page) == url + "?theme=health&region=african"
        page.select_option("#filter-status", "forming")
        assert address(page) == url + "?theme=health&region=african&status=forming"
        assert shown(page) == {"example-health-nairobi"}
        assert count(page) == f"1 of {TOTAL} coalitions shown"

        page.go_back()
        page.wait_for_url(url + "?theme=health&region=african")
        assert controls(page)["status"] == ""
        assert shown(page) == {"example-ocean-shortlisted", "example-health-nairobi"}
        assert count(page) == f"2 of {TOTAL} coalitions shown"
        page.go_back()
        page.wait_for_url(url + "?theme=health")
        assert (controls(page)["theme"], controls(page)["region"]) == ("health", "")
        assert shown(page) == {"example-ocean-shortlisted", "example-health-nairobi", "example-health-brasilia"}
        page.go_forward()
        page.wait_for_url(url + "?theme=health&region=african")
        assert controls(page)["region"] == "african"
        assert count(page) == f"2 of {TOTAL} coalitions shown"

        page.select_option("#filter-theme", "")  # clearing a filter takes its parameter out of the address
        assert address(page) == url + "?region=african"
        assert shown(page) == {"example-ocean-futures", "example-ocean-shortlisted", "example-health-nairobi",
                               "example-digital-nairobi"}
        page.select_option("#filter-region", "")  # no filter left: the bare address
        assert address(page) == url
        assert count(page) == f"{TOTAL} of {TOTAL} coalitions shown"
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_typing_a_search_replaces_one_history_entry_and_back_undoes_the_whole_search(url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url + "?theme=health")
        before = page.evaluate("history.length")
        page.locator("#filter-text").press_sequentially("nairobi")
        assert address(page) == url + "?q=nairobi&theme=health"
        assert page.evaluate("history.length") == before + 1  # seven keys, one step back
        assert shown(page) == {"example-health-nairobi"}
        page.locator("#filter-text").fill("example nairobi")
        assert address(page) == url + "?q=example+nairobi&theme=health"
        assert page.evaluate("history.length") == before + 1
        page.go_back()
        page.wait_for_url(url + "?theme=health")
        assert controls(page)["q"] == ""
        assert count(page) == f"3 of {TOTAL} coalitions shown"
        page.go_forward()
        page.wait_for_url(url + "?q=example+nairobi&theme=health")
        assert controls(page)["q"] == "example nairobi"
        assert shown(page) == {"example-health-nairobi"}
        page.locator("#filter-text").fill("")
        assert address(page) == url + "?theme=health"
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_a_filtered_view_is_still_filtered_on_the_way_back_from_a_coalition(url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url + "?region=latin-american-caribbean&theme=gender-equality")
        page.click(SHOWN)
        page.wait_for_url(url + "example-health-brasilia/")
        page.go_back()
        page.wait_for_url(url + "?region=latin-american-caribbean&theme=gender-equality")
        assert shown(page) == {"example-health-brasilia"}
        assert count(page) == f"1 of {TOTAL} coalitions shown"
        assert watch.console_errors == [] and watch.foreign_requests == []


@pytest.mark.parametrize("query", [
    "theme=" + HOSTILE,
    "region=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "status=archived",  # the archived are not in the list: not a choice here
    "criteria=met%20missing",
    "theme=",
    "themes=health&Region=african&foo=bar&__proto__=x&constructor=y",
    "theme=health%20climate-environment",
    "q=",
])
def test_what_is_not_a_choice_in_the_address_is_ignored(url: str, query: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url + "?" + query)
        page.wait_for_load_state("load")
        assert len(shown(page)) == TOTAL  # nothing filtered away
        assert count(page) == f"{TOTAL} of {TOTAL} coalitions shown"
        assert set(controls(page).values()) == {""}
        assert page.locator("img[src=x], [onerror]").count() == 0
        assert watch.dialogs == [] and watch.console_errors == [] and watch.foreign_requests == []


def test_a_hostile_search_is_only_text_and_the_valid_filters_beside_it_still_apply(url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(url + "?theme=" + HOSTILE + "&theme=health&q=" + HOSTILE.replace(" ", "+") + "&status=forming")
        page.wait_for_load_state("load")
        assert controls(page)["q"] == HOSTILE  # a field's value, never markup
        assert controls(page)["theme"] == "health" and controls(page)["status"] == "forming"
        assert shown(page) == set() and count(page) == f"0 of {TOTAL} coalitions shown"
        assert page.locator("img[src=x], [onerror]").count() == 0
        page.locator("#filter-text").fill("")
        assert address(page) == url + "?theme=health&status=forming"  # rewritten from the controls: the junk is gone
        assert shown(page) == {"example-health-nairobi", "example-health-brasilia"}
        assert watch.dialogs == [] and watch.console_errors == [] and watch.foreign_requests == []


def test_the_home_page_search_hands_over_to_the_directory(url: str) -> None:
    home = url.removesuffix("coalitions/")
    with browser_page() as (page, watch):
        page.goto(home)
        assert address(page) == home  # the script leaves other pages' addresses alone
        page.fill("#home-search", "Nairobi")
        page.click(".impact-search button[type=submit]")
        page.wait_for_url(url + "?q=Nairobi")
        assert shown(page) == {"example-health-nairobi", "example-digital-nairobi"}
        page.select_option("#filter-theme", "health")
        assert address(page) == url + "?q=Nairobi&theme=health"
        assert shown(page) == {"example-health-nairobi"}
        page.go_back()
        page.wait_for_url(url + "?q=Nairobi")
        assert count(page) == f"2 of {TOTAL} coalitions shown"
        page.go_back()
        page.wait_for_url(home)
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_without_javascript_a_filtered_address_lists_every_coalition(url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(url + "?theme=health&region=african&q=nairobi")
            assert page.locator("#impact-cards > li:not([hidden])").count() == TOTAL
            assert page.locator(".impact-no-script").first.is_visible()
            assert not page.locator("#impact-filters").is_visible()
        finally:
            browser.close()
