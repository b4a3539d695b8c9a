"""The site's facts in a real browser (issue #14): the way back from a coalition page at desktop width, the filters
giving the figures they state, the home page's search without JavaScript, a phone-wide page, and the badges."""

from __future__ import annotations

import re

import pytest

from .support.browser import CHROMIUM, CHROMIUM_ARGS, axe_violations, browser_page
from .support.decided import decided_registry
from .support.sites import BuiltSite, build_in, served

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def decided_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_in(decided_registry(tmp_path_factory.mktemp("decided-browser") / "repo"))


@pytest.fixture(scope="module")
def decided_url(decided_site: BuiltSite):  # type: ignore[no-untyped-def]
    with served(decided_site.site) as url:
        yield url


def test_a_coalition_page_leads_back_to_the_directory_at_desktop_width(decided_url: str) -> None:
    with browser_page() as (page, watch):
        page.set_viewport_size(DESKTOP)
        page.goto(decided_url + "coalitions/example-ocean-shortlisted/")
        assert not page.locator(".md-sidebar--primary").is_visible()  # the navigation is hidden on this page
        crumbs = page.locator("nav.impact-breadcrumb")
        assert crumbs.is_visible()
        assert crumbs.locator("li").all_inner_texts() == ["Home", "Coalitions", "Example Shortlisted Ocean Coalition"]
        crumbs.get_by_role("link", name="Coalitions").click()
        page.wait_for_url(decided_url + "coalitions/")
        assert page.locator("h1").inner_text() == "Coalitions"
        page.go_back()
        page.locator("nav.impact-breadcrumb").get_by_role("link", name="Home").click()
        page.wait_for_url(decided_url)
        assert axe_violations(page) == []
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_each_filter_option_shows_as_many_coalitions_as_it_says(decided_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(decided_url + "coalitions/")
        listed = page.locator("#impact-cards > li").count()
        assert page.locator("#filter-count").inner_text() == f"{listed} of {listed} coalitions shown"
        for facet in ("status", "criteria"):
            options = page.eval_on_selector_all(f"#filter-{facet} option",
                                                "os => os.filter(o => o.value).map(o => [o.value, o.textContent])")
            assert options, facet
            for value, text in options:
                page.select_option(f"#filter-{facet}", value)
                said = int(re.fullmatch(r".+ \((\d+)\)", text).group(1))  # type: ignore[union-attr]
                shown = page.locator("#impact-cards > li:not([hidden])").count()
                assert shown == said, (facet, value)
                assert page.locator("#filter-count").inner_text() == f"{shown} of {listed} coalitions shown"
            page.select_option(f"#filter-{facet}", "")
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_the_home_search_says_it_needs_javascript_when_it_is_off(decided_url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(decided_url)
            assert not page.locator("#home-search").is_visible()
            note = page.get_by_text("Searching needs JavaScript")
            assert note.is_visible()
            note.get_by_role("link").click()
            page.wait_for_url(decided_url + "coalitions/")
            assert page.get_by_text("Filtering needs JavaScript").is_visible()
        finally:
            browser.close()
    with browser_page() as (page, _):  # with JavaScript: the box, and no note
        page.goto(decided_url)
        assert page.locator("#home-search").is_visible()
        assert not page.get_by_text("Searching needs JavaScript").is_visible()


@pytest.mark.parametrize("path", ["", "coalitions/", "coalitions/example-ocean-futures/", "coalitions/example-public/",
                                  "stats/", "maintainers/", "faq/", "criteria/"])
def test_no_page_is_wider_than_a_phone(decided_url: str, path: str) -> None:
    """Neither the members table nor a long page title in the theme's header widens the page, with JavaScript
    (the theme wraps tables) or without."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for scripts in (True, False):
                page = browser.new_context(java_script_enabled=scripts, viewport=PHONE).new_page()
                page.goto(decided_url + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], scripts
        finally:
            browser.close()


def test_both_badges_have_the_same_height_and_text_size(decided_url: str) -> None:
    with browser_page() as (page, watch):
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.goto(decided_url + "coalitions/example-ocean-futures/")
            badges = page.eval_on_selector_all(".impact-badges img", "imgs => imgs.map(i => [i.naturalWidth, "
                                               "i.naturalHeight, i.getBoundingClientRect().width, "
                                               "i.getBoundingClientRect().height])")
            assert len(badges) == 2
            # Shown at their own size: no badge is squeezed, so the text of both is 11 px high.
            for natural_width, natural_height, width, height in badges:
                assert (width, height) == (natural_width, natural_height) == (width, 20)
        assert watch.console_errors == [] and watch.foreign_requests == []
