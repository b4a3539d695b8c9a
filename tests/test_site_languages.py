"""The site in other languages (#15, items 1 and 3): every English page has its translation at the same path under
/<code>/, each page says its language and direction, and the links to the files every language shares (open data,
badges, the schema, the feeds — only at the site's root) reach them from any language.

Built once for the module from a real (synthetic) registry, in English, French and Arabic.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest

from .support.sites import BuiltSite

SHARED = ("api", "badges", "schema", "feed")  # written once, at the site's root, for every language
TRANSLATED = {"fr": "ltr", "ar": "rtl"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from .support.sites import build_in, synthetic_registry

    root = synthetic_registry(tmp_path_factory.mktemp("languages") / "repo", 8)
    return build_in(root, languages=("en", *TRANSLATED))


def english_pages(site: Path) -> list[str]:
    """The English site's pages: every HTML file outside the other languages' folders and the shared files."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.split("/")[0] not in (*TRANSLATED, *SHARED, "assets"):
            pages.append(relative)
    return pages


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html = found
        for name in ("href", "src"):
            value = found.get(name)
            if value:
                self.links.append(value)


def parsed(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def resolved(page: str, link: str) -> PurePosixPath | None:
    """The site path a relative link on `page` (a path like fr/hub/index.html) leads to; None for other links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "/", "mailto:")) or not parts.path:
        return None
    segments: list[str] = list(PurePosixPath(page).parent.parts)
    for segment in parts.path.split("/"):
        if segment == "..":
            if not segments:
                return PurePosixPath("..")  # above the site's root
            segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    return PurePosixPath(*segments) if segments else PurePosixPath(".")


def test_every_english_page_has_its_translations_at_the_same_path(site: BuiltSite) -> None:
    pages = english_pages(site.site)
    assert {"index.html", "criteria/index.html", "hub/index.html", "stats/index.html", "maintainers/index.html",
            "404.html"} <= set(pages)
    assert sum(page.startswith("coalitions/") for page in pages) > 8  # the directory and every coalition
    for code in TRANSLATED:
        missing = [page for page in pages if not (site.site / code / page).is_file()]
        assert not missing, (code, missing)
        # the statistics' charts are drawn in each language, beside its page
        charts = sorted(p.name for p in (site.site / "stats").glob("*.svg"))
        assert charts and charts == sorted(p.name for p in (site.site / code / "stats").glob("*.svg"))
        # the shared files are not copied into a language's folder
        assert not any((site.site / code / shared).exists() for shared in SHARED)


@pytest.mark.parametrize("code", ["en", *TRANSLATED])
def test_every_page_says_its_language_and_direction(site: BuiltSite, code: str) -> None:
    direction = TRANSLATED.get(code, "ltr")
    for page in english_pages(site.site):
        html = parsed(site.site / ("" if code == "en" else code) / page).html
        assert (html.get("lang"), html.get("dir")) == (code, direction), (code, page)


def shared_links(site: Path, code: str, pages: list[str]) -> set[str]:
    """The shared folders that the pages link to, each link checked to reach an existing file at the site's root."""
    checked: set[str] = set()
    for page in pages:
        name = page if code == "en" else f"{code}/{page}"
        for link in parsed(site / name).links:
            target = resolved(name, link)
            if target is None:
                continue
            assert target.parts[:1] != ("..",), (name, link)
            # a shared folder named at the root, or (wrongly) inside a language's folder
            shared = target.parts[:1] in [(s,) for s in SHARED] or (
                target.parts[:1] in [(c,) for c in TRANSLATED] and target.parts[1:2] in [(s,) for s in SHARED])
            if shared:
                assert (site / target).is_file(), (name, link, str(target))
                checked.add(target.parts[0] if target.parts[0] in SHARED else target.parts[1])
    return checked


@pytest.mark.parametrize("code", ["en", *TRANSLATED])
def test_links_to_the_shared_files_reach_them_from_every_language(site: BuiltSite, code: str) -> None:
    # the home page's and the FAQ's open data and feeds, the hub's feeds, each coalition's badges
    assert shared_links(site.site, code, english_pages(site.site)) == set(SHARED)


def test_a_translated_page_names_countries_and_groups_in_its_language(site: BuiltSite) -> None:
    """The labels come from the glossary and CLDR, not from the English model (no catalog needed)."""
    english = (site.site / "maintainers" / "index.html").read_text(encoding="utf-8")
    french = (site.site / "fr" / "maintainers" / "index.html").read_text(encoding="utf-8")
    assert "Eastern European Group" in english and "Eastern European Group" not in french
    page = next((site.site / "fr" / "coalitions").glob("*/index.html")).read_text(encoding="utf-8")
    countries = re.findall(r"<td>([^<]+)</td><td data-search-exclude>", page)
    assert countries and not {"Germany", "India", "Mexico", "Brazil", "South Africa"} & set(countries)
