"""The site templates read as code: lines of at most 160 characters, entry data read by attribute, and the
shared macros (site_templates/macros.j2) writing what the pages wrote before them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.build import TEMPLATES
from generator.site.render import Renderer, SiteInfo

from .support.registry import checkout_criteria

LONGEST_LINE = 160
# What Jinja reads: the page templates and the theme's overrides. The files under assets/ are published
# byte for byte as they are written, so a line wrapped there would change the site.
TEMPLATE_FILES = sorted(path for path in TEMPLATES.rglob("*")
                        if path.is_file() and "assets" not in path.relative_to(TEMPLATES).parts)


def test_the_templates_are_found() -> None:
    names = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATE_FILES}
    assert {"coalition.md.j2", "macros.j2", "overrides/partials/search.html"} <= names


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_no_template_line_is_longer_than_160_characters(path: Path) -> None:
    long = [(number, len(line)) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if len(line) > LONGEST_LINE]
    assert long == [], f"lines (number, length) over {LONGEST_LINE} characters — wrap them as macros.j2 says"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_no_template_reads_a_mapping_with_get(path: Path) -> None:
    """Entry data comes as objects (generator/model/objects.py); labels through the `labels` filter."""
    assert ".get(" not in path.read_text(encoding="utf-8")


def render(source: str, **context: object) -> str:
    renderer = Renderer(TEMPLATES, SiteInfo("Registry", "https://registry.example.org/", "", "main"),
                        checkout_criteria(), {})
    return renderer.env.from_string('{% from "macros.j2" import coalition_link, labelled, link, link_or_text, time %}'
                                    + source).render(**context)


def test_link_goes_to_another_site_without_endorsing_it() -> None:
    assert render('{{ link("https://example.org/a?b=1&c=2", "Fictional <Trust>") }}') == \
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener ugc">Fictional &lt;Trust&gt;</a>'


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org", '<a href="https://example.org" rel="nofollow noopener ugc">Fictional Trust</a>'),
    (None, "Fictional Trust"),
    ("", "Fictional Trust"),
])
def test_link_or_text_links_only_when_there_is_an_address(url: str | None, expected: str) -> None:
    assert render('{{ link_or_text(url, "Fictional Trust") }}', url=url) == expected


def test_coalition_link_and_time() -> None:
    coalition = {"id": "example-ocean", "name": "Example Ocean & Co"}
    assert render("{{ coalition_link(c) }}", c=coalition) == \
        '<a href="../coalitions/example-ocean/">Example Ocean &amp; Co</a>'
    assert render('{{ coalition_link(c, base="", anchor="#updates") }}', c=coalition) == \
        '<a href="example-ocean/#updates">Example Ocean &amp; Co</a>'
    assert render('{{ time("2026-09-21") }}') == '<time datetime="2026-09-21">2026-09-21</time>'


def test_labelled_writes_labels_with_a_separator_and_unknown_values_as_they_are() -> None:
    assert render('{{ labelled(["african", "elsewhere"], REGION_LABELS, " or ") }}') == "African Group or elsewhere"
    assert render("{{ labelled([], REGION_LABELS) }}") == ""


def test_a_line_wrapped_by_a_comment_writes_what_one_line_would() -> None:
    assert render("<p>one{#\n#} two</p>") == "<p>one two</p>"
