"""CONTRIBUTING in every language (issue #15, item 3): each translation says it is a draft and how to improve it,
keeps every section of the volunteers' guide (the English anchors, so links agree) and its examples unchanged."""

from __future__ import annotations

import re

import pytest

from generator.i18n.languages import TRANSLATED

from .support.registry import CHECKOUT

ENGLISH = (CHECKOUT / "CONTRIBUTING.md").read_text(encoding="utf-8")
VOLUNTEERS = ENGLISH.split("\n## For the registry maintainers", 1)[0]  # the part every language translates
FENCE = re.compile(r"^```.*?^```$", re.S | re.M)


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation out, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lstrip("#").strip().lower()).replace(" ", "-")


def headings(text: str) -> list[str]:
    outside = FENCE.sub("", text)  # a YAML comment in an example is not a heading
    return [anchor(line.lstrip("#")) for line in outside.splitlines() if re.match(r"#{2,3} ", line)]


def test_the_english_guide_has_the_sections_the_translations_follow() -> None:
    assert {"what-is-public", "three-ways-to-register", "translations"} <= set(headings(VOLUNTEERS))
    assert anchor("### `impact new` on your own computer") == "impact-new-on-your-own-computer"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_translation_keeps_every_section_and_example(code: str) -> None:
    translated = (CHECKOUT / f"CONTRIBUTING.{code}.md").read_text(encoding="utf-8")
    ids = set(re.findall(r'<a id="([^"]+)"></a>', translated))
    assert [name for name in headings(VOLUNTEERS) if name not in ids] == []
    assert [block for block in FENCE.findall(VOLUNTEERS) if block not in translated] == []
    # Its own links to its sections lead somewhere.
    assert [target for target in re.findall(r"\]\(#([^)]+)\)", translated) if target not in ids] == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_translation_says_it_is_a_draft_and_how_to_improve_it(code: str) -> None:
    top = (CHECKOUT / f"CONTRIBUTING.{code}.md").read_text(encoding="utf-8")[:1500]
    assert "CONTRIBUTING.md" in top and "#translations" in top
    assert "AI" in top or "IA" in top or "ИИ" in top or "الذكاء" in top or "人工智能" in top
