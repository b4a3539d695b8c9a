"""A coalition's texts stay in their own language (issue #15, item 4): `language` (any BCP 47 tag, default en) and
the entry's own `translations` of name, summary and objectives; the model's shown() picks what a page in one
language shows; the open data carries both; the pages mark the untranslated text with its own `lang`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model.objects import Coalition, Translation, text_direction
from generator.problems import Problem
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.open_data import coalitions_csv, open_data
from generator.site.render import SiteInfo

from .support.registry import CASES, EXAMPLE, make_root, registry_of

TRANSLATED = CASES / "valid" / "translated" / "example-river-voices.yml"
SITE = SiteInfo("Registry", "https://registry.example.org/", "", "main")

PORTUGUESE = (EXAMPLE.read_text(encoding="utf-8")
              .replace("id: example-ocean-futures\n", "id: example-ocean-futures\nlanguage: pt-BR\n")
              .replace("name: Example Coalition for Ocean Futures", "name: Coalizão Exemplo pelos Futuros do Oceano")
              .replace("objectives:\n", "translations:\n  en:\n    name: Example Coalition for Ocean Futures\n"
                                        "  es:\n    name: Coalición Ejemplo por los Futuros del Océano\n"
                                        "    objectives:\n"
                                        "      - Un asiento permanente para las comunidades costeras.\n"
                                        "      - Una revisión anual de los compromisos del Pacto sobre el océano.\n"
                                        "objectives:\n"))


def problems_of(text: str, registry_root: Callable[..., Path]) -> list[Problem]:
    report = validate(make_settings(registry_root({"example-ocean-futures.yml": text})), similarity=False)
    return [p for p in report.problems if p.severity == "error"]


def line_of(text: str, start: str, after: str = "") -> int:
    """The number of the first line that starts with `start` (after the first line starting with `after`)."""
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith(after)) if after else 0
    return next(n for n, line in enumerate(lines) if n >= first and line.startswith(start)) + 1


# --- the file ---------------------------------------------------------------------------------------------------


def test_an_entry_may_declare_its_language_and_translate_its_name_summary_and_objectives(
        registry_root: Callable[..., Path]) -> None:
    assert problems_of(PORTUGUESE, registry_root) == []
    assert problems_of(TRANSLATED.read_text(encoding="utf-8").replace("example-river-voices", "example-ocean-futures"),
                       registry_root) == []


@pytest.mark.parametrize("tag", ["sw", "fil", "pt-BR", "zh-Hant", "zh-Hans-CN", "es-419", "sr-Latn-RS"])
def test_any_bcp_47_tag_is_a_language(tag: str, registry_root: Callable[..., Path]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("schema_version: 1\n", f"schema_version: 1\nlanguage: {tag}\n")
    assert problems_of(text, registry_root) == []


@pytest.mark.parametrize("tag", ["Portuguese", "PT", "pt_BR", "p", "pt-", "pt-BR-", "'pt-BR\\n'", "'en '"])
def test_a_language_that_is_no_language_tag_is_refused_on_its_line(tag: str,
                                                                   registry_root: Callable[..., Path]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("origin: conference\n", f"origin: conference\nlanguage: {tag}\n")
    [problem] = problems_of(text.replace("'", '"'), registry_root)
    assert (problem.pointer, problem.line) == ("/language", line_of(text, "language:"))
    assert problem.rule in {"schema", "single-line"} and problem.message.startswith("language")


def test_a_translation_into_a_language_the_site_does_not_have_is_refused_on_its_line(
        registry_root: Callable[..., Path]) -> None:
    text = PORTUGUESE.replace("  es:\n", "  sw:\n")
    [problem] = problems_of(text, registry_root)
    assert (problem.rule, problem.pointer, problem.line) == ("schema", "/translations/sw", line_of(text, "  sw:"))
    assert "ar, zh, en, fr, ru, es" in problem.message


def test_an_empty_translation_is_refused(registry_root: Callable[..., Path]) -> None:
    text = PORTUGUESE.replace("    name: Example Coalition for Ocean Futures\n", "    {}\n")
    assert [(p.rule, p.pointer) for p in problems_of(text, registry_root)] == [("schema", "/translations/en")]


def test_a_translation_follows_the_rules_of_the_field_it_translates(registry_root: Callable[..., Path]) -> None:
    text = PORTUGUESE.replace("    name: Example Coalition for Ocean Futures\n",
                              "    name: EC\n    summary: Too short.\n")
    found = {(p.rule, p.pointer, p.line) for p in problems_of(text, registry_root)}
    assert found == {("schema", "/translations/en/name", line_of(text, "    name: EC")),
                     ("schema", "/translations/en/summary", line_of(text, "    summary: Too short."))}
    text = PORTUGUESE.replace("Coalición Ejemplo por los Futuros del Océano", "Coalición\\u2028Ejemplo")
    text = text.replace("    name: Coalición\\u2028Ejemplo", '    name: "Coalición\\nEjemplo"')
    assert [(p.rule, p.pointer) for p in problems_of(text, registry_root)] == [("single-line", "/translations/es/name")]


@pytest.mark.parametrize("objectives", [1, 3])
def test_translated_objectives_are_all_of_them(objectives: int, registry_root: Callable[..., Path]) -> None:
    listed = "".join(f"      - Objetivo traducido número {n + 1}.\n" for n in range(objectives))
    text = PORTUGUESE.replace("      - Un asiento permanente para las comunidades costeras.\n"
                              "      - Una revisión anual de los compromisos del Pacto sobre el océano.\n", listed)
    [problem] = problems_of(text, registry_root)
    assert (problem.rule, problem.pointer) == ("translation-objectives-count", "/translations/es/objectives")
    assert problem.line == line_of(text, "    objectives:", after="  es:")
    assert f"has {objectives} objective" in problem.message and "objectives has 2" in problem.message
    assert " — " in problem.message  # and says what to do


@pytest.mark.parametrize(("language", "code"), [("", "en"), ("language: en-GB\n", "en"), ("language: fr\n", "fr"),
                                                ("language: fr-CA\n", "fr")])
def test_a_translation_into_the_entrys_own_language_is_refused_on_its_line(
        language: str, code: str, registry_root: Callable[..., Path]) -> None:
    text = (EXAMPLE.read_text(encoding="utf-8").replace("schema_version: 1\n", f"schema_version: 1\n{language}")
            .replace("objectives:\n", f"translations:\n  {code}:\n    name: Another name for the same\nobjectives:\n"))
    [problem] = problems_of(text, registry_root)
    assert (problem.rule, problem.pointer, problem.line) == ("translation-same-language", f"/translations/{code}",
                                                             line_of(text, f"  {code}:"))
    assert f"translations.{code}" in problem.message and " — " in problem.message


# --- the model --------------------------------------------------------------------------------------------------


@pytest.fixture
def portuguese(tmp_path: Path) -> Coalition:
    [only] = registry_of(make_root(tmp_path / "pt", {"example-ocean-futures.yml": PORTUGUESE})).coalitions
    return only


@pytest.fixture
def translated(tmp_path: Path) -> Coalition:
    files: dict[str, str | bytes] = {"example-river-voices.yml": TRANSLATED.read_text(encoding="utf-8")}
    [only] = registry_of(make_root(tmp_path / "fr", files)).coalitions
    return only


def test_the_model_keeps_the_language_and_the_translations(portuguese: Coalition, translated: Coalition) -> None:
    assert portuguese.language == "pt-BR"
    assert portuguese.translations == (
        Translation("en", name="Example Coalition for Ocean Futures"),
        Translation("es", name="Coalición Ejemplo por los Futuros del Océano",
                    objectives=("Un asiento permanente para las comunidades costeras.",
                                "Una revisión anual de los compromisos del Pacto sobre el océano.")))
    assert portuguese.name == "Coalizão Exemplo pelos Futuros do Oceano"  # the attributes keep the original
    assert translated.language == "en" and [t.code for t in translated.translations] == ["fr"]


def test_shown_gives_each_text_translated_where_there_is_a_translation(portuguese: Coalition) -> None:
    english = portuguese.shown("en")
    assert (english.name, english.name_lang) == ("Example Coalition for Ocean Futures", "en")
    assert (english.summary, english.summary_lang) == (portuguese.summary, "pt-BR")
    assert (english.objectives, english.objectives_lang) == (portuguese.objectives, "pt-BR")
    assert not english.translated
    spanish = portuguese.shown("es")
    assert spanish.name_lang == spanish.objectives_lang == "es" and spanish.summary_lang == "pt-BR"
    assert spanish.objectives[0] == "Un asiento permanente para las comunidades costeras."
    french = portuguese.shown("fr")
    assert (french.name, french.summary, french.objectives) == (portuguese.name, portuguese.summary,
                                                                portuguese.objectives)
    assert {french.name_lang, french.summary_lang, french.objectives_lang} == {"pt-BR"} and not french.translated


def test_shown_in_the_entrys_own_language_is_the_original(portuguese: Coalition, translated: Coalition) -> None:
    own = portuguese.shown("pt")  # not a site language, but the same rule: pt-BR reads as Portuguese
    assert own.translated and own.name == portuguese.name
    english = translated.shown("en")
    assert english.translated and (english.name, english.name_lang) == (translated.name, "en")
    french = translated.shown("fr")
    assert french.name == "Coalition exemple pour la voix des rivières" and french.name_lang == "fr"
    assert french.summary.startswith("Une coalition fictive") and french.summary_lang == "fr"
    assert french.objectives == translated.objectives and french.objectives_lang == "en"
    assert not french.translated  # the objectives are still in English


def test_text_direction_follows_the_language_and_its_script() -> None:
    assert [text_direction(tag) for tag in ("ar", "fa-IR", "he", "ur", "en", "pt-BR", "zh-Hant", "az-Arab",
                                            "sd-Deva")] == ["rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "ltr", "rtl",
                                                            "ltr"]


# --- the open data ----------------------------------------------------------------------------------------------


def test_the_open_data_carries_the_language_and_the_translations_after_the_other_fields(
        portuguese: Coalition, translated: Coalition) -> None:
    record = json.loads(json.dumps(open_data(portuguese, SITE)))
    assert list(record)[-2:] == ["language", "translations"]
    assert record["language"] == "pt-BR"
    assert record["translations"] == {
        "en": {"name": "Example Coalition for Ocean Futures"},
        "es": {"name": "Coalición Ejemplo por los Futuros del Océano",
               "objectives": ["Un asiento permanente para las comunidades costeras.",
                              "Una revisión anual de los compromisos del Pacto sobre el océano."]}}
    assert json.loads(json.dumps(open_data(translated, SITE)))["translations"] == {"fr": {
        "name": "Coalition exemple pour la voix des rivières",
        "summary": "Une coalition fictive pour les tests du registre : elle demande une voix plus forte des "
                   "communautés riveraines dans la gouvernance mondiale de l'eau."}}


def test_an_entry_without_translations_has_none_in_its_record_and_english_as_its_language(
        registry_root: Callable[..., Path]) -> None:
    registry = registry_of(registry_root({"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")}))
    record = open_data(registry.coalitions[0], SITE)
    assert record["language"] == "en" and "translations" not in record
    rows = list(csv.reader(io.StringIO(coalitions_csv(registry), newline="")))
    assert rows[0][-1] == "language" and rows[1][-1] == "en"


# --- the pages --------------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Elements(HTMLParser):
    """Every element of a page: its tag, attributes and text (its children's included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.found: list[tuple[str, dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, attrs, text = self.open.pop()
            self.found.append((name, attrs, " ".join("".join(text).split())))
            if self.open:
                self.open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def elements(page: Path, tag: str, css_class: str = "") -> list[tuple[dict[str, str | None], str]]:
    parser = Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return [(attrs, text) for name, attrs, text in parser.found
            if name == tag and (not css_class or css_class in (attrs.get("class") or "").split())]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .support.git import git_commit_all
    from .support.sites import build_in

    root = make_root(tmp_path_factory.mktemp("languages") / "repo", {
        "example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8"),  # English, no translation
        "example-river-voices.yml": TRANSLATED.read_text(encoding="utf-8"),  # English, name and summary in French
        "example-rio-vozes.yml": PORTUGUESE.replace("id: example-ocean-futures", "id: example-rio-vozes")})
    git_commit_all(root)
    return build_in(root, languages=("en", "fr")).site


def page(site: Path, code: str, coalition: str) -> Path:
    return site / ("" if code == "en" else code) / "coalitions" / coalition / "index.html"


def test_a_french_page_shows_the_entrys_french_translation_as_french(site: Path) -> None:
    french = page(site, "fr", "example-river-voices")
    [(html, _)] = elements(french, "html")
    assert html["lang"] == "fr"
    [(h1, name)] = elements(french, "h1")
    assert name == "Coalition exemple pour la voix des rivières (ECRV)" and "lang" not in h1  # the page's language
    [(summary, text)] = elements(french, "p", "impact-summary")
    assert text.startswith("Une coalition fictive pour les tests du registre") and "lang" not in summary
    # the objectives have no French translation: English, marked as such, and said to be untranslated
    [(objectives, _)] = [e for e in elements(french, "ol") if "Give coastal communities" in e[1]]
    assert (objectives["lang"], objectives["dir"]) == ("en", "ltr")
    assert len(elements(french, "p", "impact-untranslated")) == 1
    # the English page of the same entry shows the original, unmarked
    [(h1, name)] = elements(page(site, "en", "example-river-voices"), "h1")
    assert name.startswith("Example Coalition for River Voices") and "lang" not in h1


def test_a_french_page_shows_an_untranslated_entry_in_english_marked_en_and_says_so(site: Path) -> None:
    french = page(site, "fr", "example-ocean-futures")
    [(h1, name)] = elements(french, "h1")
    assert name.startswith("Example Coalition for Ocean Futures") and (h1["lang"], h1["dir"]) == ("en", "ltr")
    [(summary, text)] = elements(french, "p", "impact-summary")
    assert text.startswith("A fictional coalition used in the registry's tests") and summary["lang"] == "en"
    [(description, _)] = [e for e in elements(french, "div", "impact-markdown") if "This entry is fictional" in e[1]]
    assert description["lang"] == "en"  # and the rest the entry wrote, which has no translation
    [(note, said)] = elements(french, "p", "impact-untranslated")
    assert said and "lang" not in note  # in the page's language
    # the English page is unchanged: no marks, no note
    english = page(site, "en", "example-ocean-futures")
    assert [attrs for attrs, _ in elements(english, "h1") + elements(english, "p", "impact-summary")
            if "lang" in attrs] == []
    assert elements(english, "p", "impact-untranslated") == []


def test_an_entry_written_in_portuguese_is_marked_pt_on_the_english_page_too(site: Path) -> None:
    english = page(site, "en", "example-rio-vozes")
    [(summary, _)] = elements(english, "p", "impact-summary")
    assert summary["lang"] == "pt-BR"
    [(objectives, _)] = [e for e in elements(english, "ol") if "Give coastal communities" in e[1]]
    assert objectives["lang"] == "pt-BR"
    [(h1, name)] = elements(english, "h1")  # the entry's own English name
    assert name.startswith("Example Coalition for Ocean Futures") and "lang" not in h1
    assert len(elements(english, "p", "impact-untranslated")) == 1
    [(h1, name)] = elements(page(site, "fr", "example-rio-vozes"), "h1")  # no French name: the Portuguese one
    assert name.startswith("Coalizão Exemplo") and h1["lang"] == "pt-BR"


def links_to(home: Path, coalition: str) -> list[tuple[dict[str, str | None], str]]:
    return [e for e in elements(home, "a") if e[0].get("href") == f"coalitions/{coalition}/#updates"]


def update_titles(home: Path) -> list[str]:
    """The `lang` of each marked title of the update all three example entries give."""
    return sorted(str(attrs["lang"]) for attrs, text in elements(home, "span")
                  if text == "Second yearly review in preparation")


def test_the_home_pages_latest_updates_name_each_coalition_as_its_page_does(site: Path) -> None:
    french = site / "fr" / "index.html"
    [(link, name)] = links_to(french, "example-river-voices")
    assert name == "Coalition exemple pour la voix des rivières" and "lang" not in link
    [(link, name)] = links_to(french, "example-ocean-futures")
    assert name == "Example Coalition for Ocean Futures" and link["lang"] == "en"
    assert update_titles(french) == ["en", "en", "pt-BR"]  # no translation of a title: marked
    english = site / "index.html"
    [(link, name)] = links_to(english, "example-rio-vozes")
    assert name == "Example Coalition for Ocean Futures" and "lang" not in link  # its own English name
    [(link, _)] = links_to(english, "example-ocean-futures")
    assert "lang" not in link
    assert update_titles(english) == ["pt-BR"]


def test_the_directory_shows_each_card_as_the_coalitions_page_does(site: Path) -> None:
    french = site / "fr" / "coalitions" / "index.html"
    cards = {attrs.get("href"): (attrs, name) for attrs, name in elements(french, "a")}
    assert cards["example-river-voices/"] == ({"href": "example-river-voices/"},
                                              "Coalition exemple pour la voix des rivières")
    assert cards["example-ocean-futures/"][0]["lang"] == "en" and cards["example-rio-vozes/"][0]["lang"] == "pt-BR"
    summaries = sorted((text[:13], str(attrs.get("lang"))) for attrs, text in elements(french, "p")
                       if text.startswith(("Une coalition fictive", "A fictional coalition")))
    assert summaries == [("A fictional c", "en"), ("A fictional c", "pt-BR"), ("Une coalition", "None")]
    assert len(elements(french, "p", "impact-untranslated")) == 2  # not for the card in French
    assert 'data-text="example coalition for river voices coalition exemple pour la voix des rivières' in \
        french.read_text(encoding="utf-8")  # found by either name
    english = site / "coalitions" / "index.html"
    assert len(elements(english, "p", "impact-untranslated")) == 1  # the Portuguese summary
    assert [attrs for attrs, _ in elements(english, "a") if attrs.get("href") == "example-ocean-futures/"] == \
        [{"href": "example-ocean-futures/"}]
