"""The six-language site in Chromium with Debian's Noto fonts (issue #15, item 2): each page says its language and
direction, Arabic pages lay out right to left (the sidebar and tables mirrored), no page is wider than a phone in
Arabic or Chinese, the glyphs come from real fonts, the language selector leads to the same page, and the register
form works in Arabic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.i18n.languages import CODES, TRANSLATED, site_prefix

from .support.browser import browser_page
from .support.register_page import fill_page, submitted, validated
from .support.sites import BuiltSite, build_in, served, shipped_registry
from .test_register_browser import BASE

pytestmark = pytest.mark.browser

PAGES = ("", "coalitions/", "coalitions/earth-governance/", "criteria/", "faq/", "register/", "hub/", "stats/",
         "maintainers/")


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped registry, built in all six languages."""
    return build_in(shipped_registry(tmp_path_factory.mktemp("six") / "repo"), languages=CODES)


@pytest.fixture(scope="module")
def base(six: BuiltSite) -> Iterator[str]:
    with served(six.site) as url:
        yield url


def test_every_page_exists_in_every_language(six: BuiltSite) -> None:
    missing = [f"{site_prefix(code)}{path}" for code in CODES for path in PAGES
               if not (six.site / site_prefix(code) / path / "index.html").is_file()]
    assert missing == []


@pytest.mark.parametrize("code", CODES)
def test_each_page_says_its_language_and_direction(base: str, code: str) -> None:
    with browser_page() as (browser, watch):
        page: Any = browser
        for path in PAGES:
            page.goto(f"{base}{site_prefix(code)}{path}")
            lang, direction, computed = page.evaluate(
                "() => [document.documentElement.lang, document.documentElement.dir,"
                " getComputedStyle(document.documentElement).direction]")
            assert (lang, direction, computed) == (code, "rtl" if code == "ar" else "ltr",
                                                   "rtl" if code == "ar" else "ltr"), path
        assert watch.console_errors == [] and watch.foreign_requests == [] and watch.dialogs == []


def test_arabic_pages_are_mirrored(base: str) -> None:
    with browser_page() as (browser, _):
        page: Any = browser
        page.set_viewport_size({"width": 1280, "height": 900})
        for code, mirrored in (("ar", True), ("en", False)):
            page.goto(f"{base}{site_prefix(code)}criteria/")
            sidebar = page.locator(".md-sidebar--primary").bounding_box()
            assert (sidebar["x"] > 640) is mirrored, code  # the navigation on the right in Arabic
            page.goto(f"{base}{site_prefix(code)}stats/")
            first, last = page.evaluate("""() => {
                const shown = table => [...table.querySelectorAll("thead th")].filter(th =>
                    th.getBoundingClientRect().width > 0);
                const cells = shown([...document.querySelectorAll("table")].find(t => shown(t).length > 1));
                return [cells[0].getBoundingClientRect().x, cells[cells.length - 1].getBoundingClientRect().x];
            }""")
            assert (first > last) is mirrored, (code, first, last)  # the first column on the right in Arabic


@pytest.mark.parametrize("code", ("ar", "zh", "fr"))
def test_no_page_is_wider_than_a_phone(base: str, code: str) -> None:
    with browser_page() as (browser, _):
        page: Any = browser
        page.set_viewport_size({"width": 390, "height": 844})
        wide = []
        for path in PAGES:
            page.goto(f"{base}{site_prefix(code)}{path}")
            width = page.evaluate("() => document.scrollingElement.scrollWidth")
            if width > 390:
                wide.append((path, width))
        assert wide == []


@pytest.mark.parametrize(("code", "script"), [("ar", "Arabic"), ("zh", "CJK")])
def test_the_glyphs_come_from_the_noto_fonts(base: str, code: str, script: str) -> None:
    """Chromium reports the system font each text was drawn with: a Noto font, not a box for a missing glyph."""
    with browser_page() as (browser, _):
        page: Any = browser
        page.goto(f"{base}{code}/criteria/")
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        document = session.send("DOM.getDocument")
        heading = session.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "h1"})
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": heading["nodeId"]})["fonts"]
        families = {font["familyName"] for font in fonts if font["glyphCount"] > 0}
        assert any("Noto" in family for family in families), (script, families)


def test_the_language_selector_leads_to_the_same_page(base: str) -> None:
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(f"{base}fr/criteria/")
        targets = page.eval_on_selector_all(".md-select__link", "links => links.map(a => [a.hreflang, a.href])")
        assert [lang for lang, _ in targets] == list(CODES)
        for lang, href in targets:
            assert href == f"{base}{site_prefix(lang)}criteria/"
            assert page.request.get(href).status == 200
        assert watch.foreign_requests == []


def test_the_register_form_works_in_arabic(base: str, six: BuiltSite) -> None:
    with browser_page() as (browser, watch):
        page: Any = browser
        page.goto(f"{base}ar/register/")
        fill_page(page, BASE)
        text = submitted(page)
        assert watch.console_errors == [] and watch.foreign_requests == []
    validated(six.root, BASE.id, text)


@pytest.mark.parametrize("code", TRANSLATED)
def test_draft_translations_say_so_on_every_page(six: BuiltSite, code: str) -> None:
    from generator.site.languages import reviewed

    pages = [six.site / site_prefix(code) / path / "index.html" for path in PAGES]
    noted = [page for page in pages if 'class="impact-draft-note"' in page.read_text(encoding="utf-8")]
    assert len(noted) == (0 if reviewed(code) else len(pages))
    english = (six.site / "index.html").read_text(encoding="utf-8")
    assert "impact-draft-note" not in english


def test_the_shared_files_are_not_duplicated(six: BuiltSite) -> None:
    for code in TRANSLATED:
        folder = six.site / code
        assert not any((folder / shared).exists() for shared in ("api", "badges", "schema", "feed")), code
    assert (six.site / "api" / "coalitions.json").is_file()


def test_each_sitemap_lists_every_page_in_every_language(six: BuiltSite) -> None:
    """hreflang in the sitemaps too: each page with its six versions, English the root, as the heads have them."""
    import re

    for code in CODES:
        sitemap = (six.site / site_prefix(code) / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
        assert len(urls) >= len(PAGES) - 1  # coalition pages are listed as well
        for url in urls:
            loc = re.search(r"<loc>([^<]+)</loc>", url).group(1)  # type: ignore[union-attr]
            alternates = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', url))
            assert list(alternates) == list(CODES), loc
            assert alternates[code] == loc
