"""The hub, statistics and maintainers' pages and the feeds in a real browser, on both test sites."""

from __future__ import annotations

import pytest

from .support.browser import axe_violations, browser_page
from .support.sites import BuiltSite, served

pytestmark = pytest.mark.browser

PAGES = {"hub": "hub/", "stats": "stats/", "maintainers": "maintainers/"}
FEEDS = {"feed/updates.atom": "<feed xmlns=\"http://www.w3.org/2005/Atom\"", "feed/events.ics": "BEGIN:VCALENDAR"}


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def site_url(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    site: BuiltSite = request.getfixturevalue(f"{request.param}_site")
    with served(site.site) as url:
        yield url


@pytest.mark.parametrize("name", sorted(PAGES))
def test_community_pages_have_no_serious_accessibility_violation(site_url: str, name: str) -> None:
    with browser_page() as (page, watch):
        response = page.goto(site_url + PAGES[name])
        assert response is not None and response.status == 200
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == []
        assert watch.console_errors == []
        assert watch.foreign_requests == []
        assert watch.dialogs == []


def test_the_charts_load_as_images(site_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url + "stats/")
        widths = page.eval_on_selector_all(".impact-chart img", "imgs => imgs.map(i => i.naturalWidth)")
        assert len(widths) >= 5 and all(w == 640 for w in widths)
        alts = page.eval_on_selector_all(".impact-chart img", "imgs => imgs.map(i => i.alt)")
        assert all(alt.startswith("Bar chart: ") for alt in alts)
        page.locator("details summary").first.click()
        assert page.locator("details table").first.is_visible()
        assert watch.console_errors == [] and watch.foreign_requests == []


def test_the_feeds_linked_from_the_hub_are_served(site_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url + "hub/")
        links = page.eval_on_selector_all(".impact-feeds a", "links => links.map(a => a.href)")
        assert sorted(link.removeprefix(site_url) for link in links) == sorted(FEEDS)
        for link in links:
            response = page.request.get(link)
            assert response.status == 200, link
            assert FEEDS[link.removeprefix(site_url)] in response.text()
        assert watch.foreign_requests == []


def test_the_nav_reaches_the_community_pages(site_url: str) -> None:
    with browser_page() as (page, watch):
        page.goto(site_url)
        for label, path in (("Learning hub", "hub/"), ("Statistics", "stats/"), ("Maintainers", "maintainers/")):
            link = page.locator(".md-nav--primary a.md-nav__link", has_text=label).first
            assert (link.get_attribute("href") or "").rstrip("/").endswith(path.rstrip("/")), label
        assert watch.console_errors == [] and watch.foreign_requests == []
