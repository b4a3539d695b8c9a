"""The site in other languages (#15, items 1 and 3): every English page has its translation at the same path under
/<code>/, each page says its language and direction, and the links to the files every language shares (open data,
badges, the schema, the feeds — only at the site's root) reach them from any language. The register page's script
says its messages in the page's language, from the words the page gives it.

Built once for the module from a real (synthetic) registry, in English, French and Arabic.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
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


# --- the register page's script speaks the page's language (#15, item 3) ---------------------------------------

WORDS_BLOCK = re.compile(r'<script type="application/json" id="register-words">(.*?)</script>', re.S)
REPOSITORY = Path(__file__).resolve().parents[1]


def page_words(page: Path) -> dict[str, object]:
    """The words a register page gives its script (register.md.j2's #register-words block)."""
    found = WORDS_BLOCK.search(page.read_text(encoding="utf-8"))
    assert found, f"{page} has no register-words block"
    words: dict[str, object] = json.loads(found.group(1))
    return words


def catalog_words(code: str) -> dict[str, object]:
    """The same messages as the catalog of `code` gives them, each plural by the form of a few telling counts."""
    from generator.i18n.catalogs import _, use_language
    from generator.site.register import SCRIPT_PLURALS, SCRIPT_WORDS, criterion_words

    with use_language(code):
        words: dict[str, object] = {key: _(text) for key, text in SCRIPT_WORDS.items()}
        words.update(criterion_words())
        words.update({key: [said(n) for n in COUNTS] for key, said in SCRIPT_PLURALS.items()})
    return words


# Counts that tell apart every plural form of the six languages, and counts past the page's table of them.
COUNTS = (0, 1, 2, 3, 5, 10, 11, 12, 21, 22, 25, 99, 100, 101, 102, 103, 111, 199, 200, 201, 202, 211, 1001, 1005)


def form_of(word: dict[str, object], n: int) -> str:
    """The form register.js says for a count: its index in the page's table, 100 plus the last two digits beyond."""
    plural, forms = str(word["plural"]), word["forms"]
    assert isinstance(forms, list)
    return str(forms[int(plural[n if n < len(plural) else 100 + n % 100])])


@pytest.mark.parametrize("code", ["en", *TRANSLATED])
def test_the_register_page_gives_its_script_the_catalog_s_words(site: BuiltSite, code: str) -> None:
    """Every message register.js writes is the catalog's: no French (or English) written into the test."""
    words = page_words(site.site / ("" if code == "en" else code) / "register" / "index.html")
    expected = catalog_words(code)
    assert set(words) == set(expected)
    for key, value in expected.items():
        if isinstance(value, list):  # a message that names a count: the form of each count
            word = words[key]
            assert isinstance(word, dict)
            assert [form_of(word, n) for n in COUNTS] == value, key
        else:
            assert words[key] == value, key


def test_the_register_script_s_own_english_is_the_catalogs_english() -> None:
    """register.js falls back to its own English for a word the page does not give: the same as the catalogs'."""
    script = (REPOSITORY / "site_templates" / "assets" / "register.js").read_text(encoding="utf-8")
    found = re.search(r"var ENGLISH = (\{.*?\n  \});", script, re.S)
    assert found
    english = json.loads(re.sub(r'"\s*\+\s*"', "", found.group(1)))  # strings wrapped over lines, joined
    words = catalog_words("en")
    plurals = {key for key, value in words.items() if isinstance(value, list)}
    assert {key: value for key, value in english.items() if key not in plurals} == \
        {key: value for key, value in words.items() if key not in plurals}
    for key in plurals:  # English: the first form for one, the second for any other count
        assert [english[key]["forms"][0 if n == 1 else 1] for n in COUNTS] == words[key]


def test_the_register_page_offers_the_issue_form_and_guide_of_its_language(site: BuiltSite) -> None:
    for code, form, guide in (("en", "register-coalition.yml", "CONTRIBUTING.md"),
                              ("fr", "register-coalition-fr.yml", "CONTRIBUTING.fr.md")):
        page = (site.site / ("" if code == "en" else code) / "register" / "index.html").read_text(encoding="utf-8")
        assert f"/issues/new?template={form}" in page and f"/{guide}#an-example-file" in page
        assert (REPOSITORY / ".github" / "ISSUE_TEMPLATE" / form).is_file() and (REPOSITORY / guide).is_file()
    # the translated guides keep the English heading's anchor
    assert 'id="an-example-file"' in (REPOSITORY / "CONTRIBUTING.fr.md").read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_french_register_page_s_script_says_what_its_words_block_says(site: BuiltSite) -> None:
    """The page's messages come from its block: a copy of the French page with every word marked says them marked
    (the block's values are the catalog's, test above), the file it makes unchanged."""
    from .support.browser import browser_page
    from .support.sites import served

    folder = site.site / "fr" / "register"
    text = (folder / "index.html").read_text(encoding="utf-8")
    words = page_words(folder / "index.html")

    def marked(value: object) -> object:
        if isinstance(value, dict):
            return {**value, "forms": [f"⟦{form}⟧" for form in value["forms"]]}
        return f"⟦{value}⟧"

    block = json.dumps({key: marked(value) for key, value in words.items()}, ensure_ascii=False)
    copy = folder / "marked.html"  # beside the page, so that its links lead where the page's do
    copy.write_text(WORDS_BLOCK.sub(lambda _: f'<script type="application/json" id="register-words">{block}</script>',
                                    text), encoding="utf-8")
    with served(site.site) as url, browser_page() as (browser, watch):
        page: Any = browser
        page.goto(url + "fr/register/marked.html")
        title = f"⟦{words['member_title']}⟧".replace("{number}", "1")
        assert page.inner_text("#member-rows .impact-row-title") == title
        page.click("button[type=submit]")
        assert page.inner_text("#f-themes-error") == f"⟦{words['no_theme']}⟧"
        name = page.inner_text("label[for='f-name'] > .impact-required")
        label = page.inner_text("label[for='f-name']").removesuffix(name).rstrip()  # without "(required)"
        assert page.inner_text("#f-name-error") == f"⟦{words['required']}⟧".replace("{field}", label)
        shown = page.evaluate("Array.from(document.querySelectorAll(\"#register-form .impact-error[id$='-error']\"))"
                              ".filter(e => e.textContent).length")
        to_fix = words["to_fix"]
        assert isinstance(to_fix, dict)
        assert page.inner_text("#register-summary") == f"⟦{form_of(to_fix, shown)}⟧".replace("{count}", str(shown))
        assert watch.console_errors == []
    copy.unlink()
