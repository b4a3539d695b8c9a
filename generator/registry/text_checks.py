"""Checks on what entry text will become on the site (issue #12): Markdown the renderer would show as plain
text, and links that would publish an e-mail address. Called once from checks.entry_errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.i18n.catalogs import _
from generator.markdown import blocks as markdown_blocks
from generator.markdown.sanitise import has_address, redact_emails
from generator.problems import Problem, pointer_to_field
from generator.registry.load import Document


def _items(data: Any, key: str) -> list[tuple[int, Any]]:
    value = data.get(key) if isinstance(data, dict) else None
    return list(enumerate(value)) if isinstance(value, list) else []


def _markdown_fields(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "/description", data.get("description")
    for index, update in _items(data, "updates"):
        if isinstance(update, dict):
            yield f"/updates/{index}/body", update.get("body")


def _url_fields(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, field in (("members", "website"), ("related_initiatives", "url"), ("events", "url"),
                       ("resources", "url")):
        for index, item in _items(data, key):
            if isinstance(item, dict):
                yield f"/{key}/{index}/{field}", item.get(field)
    contact = data.get("contact")
    if isinstance(contact, dict):
        yield "/contact/url", contact.get("url")
    for index, source in _items(data, "sources"):
        yield f"/sources/{index}", source


def _error(document: Document, rule: str, message: str, pointer: str) -> Problem:
    line, column = document.locate(pointer)
    return Problem("error", rule, message, document.file, pointer, line, column)


def text_errors(document: Document) -> list[Problem]:
    """Markdown beyond the renderer's limits (rule markdown-limits) and links carrying an e-mail address
    (rule address-in-link). Defensive about types: the schema reports wrong ones."""
    data = document.data
    if not isinstance(data, dict):
        return []
    problems = []
    for pointer, text in _markdown_fields(data):
        found = markdown_blocks.excess(text) if isinstance(text, str) else None
        if found is not None:
            number, advice = found
            problems.append(_error(document, "markdown-limits", _(
                "{field}, line {number} of the text: {advice} (longer or deeper Markdown would be shown as plain "
                "text)").format(field=pointer_to_field(pointer), number=number, advice=advice), pointer))
    for pointer, url in _url_fields(data):
        if isinstance(url, str) and has_address(url):
            problems.append(_error(document, "address-in-link", _(
                "{field} carries an e-mail address ({link}): the site never publishes an address, and hiding it "
                "would break the link — link to a web page instead, such as a contact form").format(
                field=pointer_to_field(pointer), link=redact_emails(url)[:200]), pointer))
    return problems
