"""generator/registry/text_checks.py on its own: Markdown fields beyond the renderer's limits (markdown-limits) and link
fields that carry an e-mail address (address-in-link), on entries read through the registry's loader."""

from __future__ import annotations

from typing import Any

import pytest

from generator.markdown.blocks import BLOCK_LINES, DEPTH
from generator.registry.load import Document
from generator.registry.text_checks import text_errors

from .support.entries import document_of
from .support.hostile import base_entry

ADDRESS = "someone@example.org"


def entry(**change: Any) -> dict[str, Any]:
    data = base_entry(0)
    data.update(change)
    return data


def found(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.rule, p.pointer) for p in text_errors(document_of(data))]


def lines(count: int) -> str:
    return "\n".join(f"Line {n} of one long paragraph." for n in range(1, count + 1))


def nested(depth: int) -> str:
    return "A quote:\n" + "> " * depth + "said deep inside"  # its second line nests `depth` quotes deep


def test_the_base_entry_has_no_text_error() -> None:
    assert text_errors(document_of(entry())) == []


# --- markdown-limits -----------------------------------------------------------------------------------------------


def test_a_block_of_the_most_lines_allowed_passes_and_one_more_is_refused() -> None:
    assert found(entry(description=lines(BLOCK_LINES))) == []
    document = document_of(entry(description=lines(BLOCK_LINES + 1)))
    [problem] = text_errors(document)
    assert (problem.severity, problem.rule, problem.pointer) == ("error", "markdown-limits", "/description")
    assert (problem.line, problem.column) == document.locate("/description")
    assert problem.message.startswith(f"description, line {BLOCK_LINES + 1} of the text: more than {BLOCK_LINES} lines")
    assert "shown as plain text" in problem.message


def test_a_blank_line_starts_a_new_block() -> None:
    text = lines(BLOCK_LINES) + "\n\n" + lines(BLOCK_LINES)
    assert found(entry(description=text)) == []
    assert found(entry(description=lines(BLOCK_LINES) + "\n \t \n" + lines(5))) == []  # blanks and tabs only


def test_nesting_to_the_limit_passes_and_one_level_more_is_refused() -> None:
    data = entry()
    data["updates"].append({"date": "2026-09-02", "title": "Nested", "body": nested(DEPTH)})
    assert found(data) == []
    data["updates"][1]["body"] = nested(DEPTH + 1)
    [problem] = text_errors(document_of(data))
    assert (problem.rule, problem.pointer) == ("markdown-limits", "/updates/1/body")
    assert problem.message.startswith(f"updates[1].body, line 2 of the text: it nests lists, quotes or "
                                      f"indents {DEPTH + 1} levels deep")


def test_only_the_markdown_fields_are_held_to_the_limits() -> None:
    data = entry(governance=lines(BLOCK_LINES + 1))  # shown as plain text, never through Markdown
    data["workplan"][0]["description"] = nested(DEPTH + 1)
    assert found(data) == []


def test_every_markdown_field_is_reported_and_only_the_first_place_in_each() -> None:
    data = entry(description=lines(BLOCK_LINES + 5) + "\n\n" + nested(DEPTH + 3))
    data["updates"][0]["body"] = nested(DEPTH + 1)
    problems = text_errors(document_of(data))
    assert [(p.pointer, p.message.split(":")[0]) for p in problems] == [
        ("/description", f"description, line {BLOCK_LINES + 1} of the text"),
        ("/updates/0/body", "updates[0].body, line 2 of the text")]


# --- address-in-link -----------------------------------------------------------------------------------------------


def _with_url(pointer: str, url: str) -> dict[str, Any]:
    data = entry(sources=["https://source.example.org"])
    data["members"][0]["website"] = "https://member.example.org"
    data["contact"]["url"] = "https://contact.example.org"
    node: Any = data
    parts = [int(p) if p.isdigit() else p for p in pointer.strip("/").split("/")]
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = url
    return data


URL_FIELDS = ["/members/0/website", "/related_initiatives/0/url", "/events/0/url", "/resources/0/url",
              "/contact/url", "/sources/0"]


@pytest.mark.parametrize("pointer", URL_FIELDS)
def test_every_link_field_is_checked_for_an_address(pointer: str) -> None:
    assert found(_with_url(pointer, "https://example.org/page")) == []
    document = document_of(_with_url(pointer, f"https://example.org/write?to={ADDRESS}"))
    [problem] = text_errors(document)
    assert (problem.rule, problem.pointer) == ("address-in-link", pointer)
    assert (problem.line, problem.column) == document.locate(pointer)


@pytest.mark.parametrize("url", [f"mailto:{ADDRESS}", f"https://example.org/{ADDRESS.upper()}",
                                 "https://example.org/?to=someone\uff20example.org",
                                 "https://example.org/?to=someone%40example.org",
                                 "https://example.org/?to=someone%2540example.org"],
                         ids=["mailto", "upper", "fullwidth-at", "percent-encoded", "percent-encoded-twice"])
def test_an_address_in_any_form_the_site_hides_is_refused(url: str) -> None:
    assert found(_with_url("/resources/0/url", url)) == [("address-in-link", "/resources/0/url")]


def test_an_at_sign_in_a_path_without_a_domain_after_it_is_no_address() -> None:
    assert found(_with_url("/resources/0/url", "https://social.example.org/@someone")) == []


def test_the_message_names_the_field_and_never_repeats_the_address() -> None:
    [problem] = text_errors(document_of(_with_url("/members/0/website", f"https://example.org/?to={ADDRESS}")))
    assert problem.message.startswith("members[0].website carries an e-mail address (")
    assert ADDRESS not in problem.message and "someone" in problem.message
    assert "link to a web page instead" in problem.message


def test_a_very_long_link_is_cut_in_the_message() -> None:
    url = f"https://example.org/?to={ADDRESS}&pad=" + "x" * 1500
    [problem] = text_errors(document_of(_with_url("/events/0/url", url)))
    shown = problem.message.split("(", 1)[1].split("): the site", 1)[0]
    assert len(shown) == 200


def test_markdown_problems_come_before_link_problems() -> None:
    data = _with_url("/contact/url", f"https://example.org/?to={ADDRESS}")
    data["description"] = nested(DEPTH + 1)
    assert found(data) == [("markdown-limits", "/description"), ("address-in-link", "/contact/url")]


# --- types the schema reports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [
    {"description": ["a", "list"]}, {"description": 12}, {"updates": "none"}, {"updates": ["text", None]},
    {"members": [{"name": "X", "website": 42}, "text"]}, {"contact": "someone@example.org"},
    {"sources": [1, None, {"url": f"https://example.org/?to={ADDRESS}"}]}, {"resources": {"url": ADDRESS}},
], ids=["description-list", "description-number", "updates-text", "update-items", "website-number", "contact-text",
        "source-items", "resources-mapping"])
def test_values_of_the_wrong_type_are_left_to_the_schema(change: dict[str, Any]) -> None:
    assert found(entry(**change)) == []


def test_a_document_that_is_not_a_mapping_has_no_text_error() -> None:
    document = Document("registry/coalitions/x.yml", ["a", "list"], {"": (1, 1)}, {})
    assert text_errors(document) == []
