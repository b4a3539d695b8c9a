"""No English interface text on a page of another language (issue #15, item 6): every sentence of the catalogs that
its translation changes is absent from the translated pages, once the text the coalitions wrote (marked with its
own `lang`) and code are left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.i18n.catalogs import DOMAIN, LOCALE_DIR
from generator.i18n.languages import CODES, TRANSLATED

from .support.sites import BuiltSite, build_in, shipped_registry

SKIPPED = {"script", "style", "code", "pre", "svg", "template", "textarea", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MARKUP = re.compile(r"<[^>]+>|%\([a-z_]+\)[sd]|\{[a-z_]+\}|&[a-z]+;", re.I)


class InterfaceText(HTMLParser):
    """The page's text in its own language: not inside script or code, nor inside an element of another `lang`."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, whether its text counts)
        self.language = language
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        counts = not self.stack or self.stack[-1][1]
        lang = dict(attrs).get("lang")
        if tag in SKIPPED or (lang is not None and lang.split("-")[0] != self.language and tag != "html"):
            counts = False
        self.stack.append((tag, counts))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1][1]:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def interface_text(page: Path, language: str) -> str:
    parser = InterfaceText(language)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text()


def english_sentences(code: str) -> set[str]:
    """The English pieces (between placeholders and markup) of every message the catalog translates differently."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as stream:
        catalog = read_po(stream)
    pieces: set[str] = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            for piece in MARKUP.split(english):
                piece = re.sub(r"\s+", " ", piece).strip(" .,:;—()")
                # Long enough to be a phrase of the interface, and not kept as is by the translation (a name).
                if len(piece) >= 16 and " " in piece and not any(piece in s for s in strings):
                    pieces.add(piece)
    return pieces


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_in(shipped_registry(tmp_path_factory.mktemp("six") / "repo"), languages=CODES)


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_interface_text_is_left_on_the_pages_of_another_language(six: BuiltSite, code: str) -> None:
    sentences = english_sentences(code)
    assert len(sentences) > 50  # the catalog does translate the interface
    pages = sorted((six.site / code).rglob("index.html"))
    assert len(pages) > 10
    left = {}
    for page in pages:
        text = interface_text(page, code)
        found = sorted(s for s in sentences if s in text)
        if found:
            left[str(page.relative_to(six.site))] = found[:5]
    assert left == {}


def test_the_check_finds_english_left_on_a_page(tmp_path: Path) -> None:
    """The same reading finds an English sentence of the interface, and skips text marked as another language."""
    sentences = english_sentences("fr")
    sentence = sorted(sentences)[0]
    page = tmp_path / "index.html"
    page.write_text(f'<html lang="fr"><body><p>{sentence}</p><p lang="en">Written by a coalition, kept in English'
                    "</p></body></html>", encoding="utf-8")
    text = interface_text(page, "fr")
    assert sentence in text and "Written by a coalition" not in text
