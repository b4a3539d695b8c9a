"""The built site in a real browser: Chromium driven by Playwright, served on localhost."""

from __future__ import annotations

import pytest

from .support.browser import axe_violations, browser_page
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser

PAGES = {"home": "", "directory": "coalitions/", "coalition": "coalitions/peacebuilding/",
         "criteria": "criteria/", "faq": "faq/"}


@pytest.fixture(scope="module")
def shipped_url(shipped_site: BuiltSite):  # type: ignore[no-untyped-def]
    with served(shipped_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def synthetic_url(synthetic_site: BuiltSite):  # type: ignore[no-untyped-def]
    with served(synthetic_site.site) as url:
        yield url


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_have_no_serious_accessibility_violation(shipped_url: str, name: str) -> None:
    with browser_page() as (page, watch):
        page.goto(shipped_url + PAGES[name])
        assert axe_violations(page) == []
        assert watch.console_errors == []
        assert watch.foreign_requests == []


def test_an_eligible_coalition_page_is_accessible_too(synthetic_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(synthetic_url + "coalitions/fictional-coalition-00001/")
        assert page.locator("table").count() == 1
        assert axe_violations(page) == []
        assert watch.foreign_requests == [] and watch.console_errors == []


def test_every_coalition_is_reachable_from_the_directory(synthetic_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(synthetic_url + "coalitions/")
        hrefs = page.eval_on_selector_all("#impact-cards a", "links => links.map(a => a.href)")
        assert len(hrefs) == 200
        for href in hrefs:
            response = page.request.get(href)
            assert response.status == 200, href
            assert 'data-coalition="' in response.text()
        assert watch.foreign_requests == []


def test_each_filter_narrows_the_list(synthetic_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(synthetic_url + "coalitions/")
        cards = page.locator("#impact-cards > li")
        total = cards.count()
        assert page.locator("#impact-filters").is_visible()
        for facet, value in (("theme", "health"), ("region", "eastern-european"), ("constituency", "farmers"),
                             ("chapter", "III"), ("status", "eligible")):
            page.select_option(f"#filter-{facet}", value)
            visible = page.locator("#impact-cards > li:not([hidden])")
            shown = visible.count()
            assert 0 < shown < total, (facet, shown)
            for attribute in visible.evaluate_all(f"cards => cards.map(c => c.dataset.{facet})"):
                assert value in attribute.split(), (facet, attribute)
            assert page.locator("#filter-count").inner_text() == f"{shown} of {total} coalitions shown"
            page.select_option(f"#filter-{facet}", "")
        page.fill("#filter-text", "fictional coalition 17 for")
        assert page.locator("#impact-cards > li:not([hidden])").count() == 1
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_the_directory_works_without_javascript(shipped_site: BuiltSite, shipped_url: str) -> None:
    from playwright.sync_api import sync_playwright

    from .support.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(shipped_url + "coalitions/")
        assert page.locator("#impact-cards > li").count() == 12
        assert not page.locator("#impact-filters").is_visible()  # the filters need JavaScript: hidden without it
        browser.close()


def test_search_finds_a_coalition_by_name(shipped_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(shipped_url)
        page.fill("#home-search", "peacebuilding")
        page.click(".impact-search button[type=submit]")
        page.wait_for_url("**/coalitions/?q=peacebuilding")
        shown = page.locator("#impact-cards > li:not([hidden]) h2 a")
        assert shown.count() == 1
        assert shown.first.get_attribute("href") == "peacebuilding/"
        assert watch.console_errors == [] and watch.foreign_requests == []


@pytest.mark.parametrize(("query", "expected"), [
    ("Fictional Coalition 42 for", "fictional-coalition-00042"),  # name
    ("Fictional Organisation 42-3", "fictional-coalition-00042"),  # a member organisation
])
def test_search_finds_by_name_and_member(synthetic_url: str, query: str, expected: str) -> None:
    with browser_page() as (page, _):
        page.goto(synthetic_url + "coalitions/?q=" + query.replace(" ", "+"))
        hrefs = page.eval_on_selector_all("#impact-cards > li:not([hidden]) h2 a",
                                          "as => as.map(a => a.getAttribute('href'))")
        assert hrefs == [expected + "/"]


def test_search_finds_by_acronym_theme_and_country(tmp_path_factory: pytest.TempPathFactory) -> None:
    from .support.registry import EXAMPLE, make_root
    from .support.sites import build_in

    root = make_root(tmp_path_factory.mktemp("search") / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text()},
                     with_real_registry=True)
    with served(build_in(root).site) as url, browser_page() as (page, watch):
        for query, expected in (("ECOF", {"example-ocean-futures/"}), ("Fiji", {"example-ocean-futures/"}),
                                ("climate and environment", {"example-ocean-futures/", "earth-governance/",
                                                             "science-policy-planet/"})):
            page.goto(url + "coalitions/")
            page.fill("#filter-text", query)
            shown = page.eval_on_selector_all("#impact-cards > li:not([hidden]) h2 a",
                                              "as => as.map(a => a.getAttribute('href'))")
            assert set(shown) == expected, query
        assert watch.foreign_requests == []


def test_nothing_is_downloaded_for_search_before_searching(shipped_url: str) -> None:
    with browser_page() as (page, _):
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(shipped_url + "coalitions/peacebuilding/")
        page.wait_for_load_state("networkidle")
        assert not [url for url in requests if "search" in url], requests
        assert [url for url in requests if not url.endswith((".html", "/", ".css", ".js", ".svg", ".png"))] == []


def test_badges_load_on_a_coalition_page(shipped_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(shipped_url + "coalitions/peacebuilding/")
        widths = page.eval_on_selector_all(".impact-badges img", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) == 2 and all(w > 0 for w in widths)
        assert watch.console_errors == [] and watch.foreign_requests == []
