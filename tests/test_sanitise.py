"""What entry text becomes in every output (issue #12, item 9): only absolute http(s) hrefs, no attribute but
href and rel, and no e-mail address in plain text — after emphasis, in any script, inside a URL — in pages,
JSON, CSV, Atom and iCalendar alike; a URL field that carries an address is refused, never published broken."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import icalendar
import pytest

from generator.markdown.sanitise import href_allowed, redact_emails
from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import generate, site_config
from generator.site.feeds import ATOM_PATH, CALENDAR_PATH, calendar_feed
from generator.site.render import Files, SiteInfo, render_markdown

from .support.registry import EXAMPLE

ID = "example-hidden-addresses"
TEXT = ("Write to *alice*@example.org, **erin**@example.org, jörg@exämple.org or 山田@例え.jp; see "
        "https://example.org/?to=carol@example.org")
LINKS = ("[form](https://example.org/?to=dave@example.org) [mail](mailto:frank@example.org) "
         "[titled](https://titled.example.org/ok \"A title\") [proto](//evil.example.org/x) [rel](/relative) "
         "[userinfo](http://user:secret@example.org/) <https://example.org/?to=gina@example.org> "
         "[fine](https://fine.example.org/a_(b)?q=1)")
ENTRY = (EXAMPLE.read_text(encoding="utf-8")
         .replace("id: example-ocean-futures", f"id: {ID}")
         .replace("summary: >-\n", f"summary: >-\n  {TEXT}.\n")
         .replace("  This entry is **fictional**. It shows every field a coalition can fill in.\n",
                  f"  {TEXT}\n\n  {LINKS}\n")
         .replace("    body: The drafting group met in *Nairobi*.\n", f"    body: |\n      {TEXT}\n\n      {LINKS}\n")
         + "events:\n  - date: '2026-10-20'\n    title: Meet *hans*@example.org\n"
         + "    location: ask ülla@exämple.org\n    url: https://events.example.org/fair\n")

# Any address, whatever emphasis or tags sit around its at-sign; Unicode letters in both parts.
ADDRESS = re.compile(r"[\w.+-]+(?:</?\w+>|[*_~`])*[@＠﹫](?:</?\w+>|[*_~`])*[\w-]+(?:\.[\w-]+)+")
NAMES = ("alice", "erin", "jörg", "山田", "carol", "dave", "frank", "gina", "hans", "ülla")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    from .support.registry import make_root

    settings = make_settings(make_root(tmp_path_factory.mktemp("sanitise") / "repo", {f"{ID}.yml": ENTRY}))
    report = validate(settings, similarity=False)
    assert report.ok, [p.message for p in report.problems if p.severity == "error"]
    return generate(settings, report, site_config(settings))[1]


def text_of(files: Files, path: str) -> str:
    content = files[path]
    return content.decode() if isinstance(content, bytes) else content


def assert_no_address(text: str, where: str) -> None:
    found = ADDRESS.findall(text)
    assert not found, f"{where}: {found}"


def assert_obfuscated(text: str, where: str, names: tuple[str, ...] = NAMES) -> None:
    for name in names:
        if name in text:
            assert re.search(re.escape(name) + r"(?:</?\w+>|[*_~`])* \[at\] ", text), f"{where}: {name}"


def markdown_blocks(page: str) -> list[str]:
    return re.findall(r'<div class="impact-markdown"[^>]*>(.*?)</div>', page, re.DOTALL)


def test_no_address_in_plain_text_in_any_output(files: Files) -> None:
    outputs = [f"coalitions/{ID}.md", f"api/{ID}.json", "api/coalitions.json", "api/coalitions.csv", ATOM_PATH,
               CALENDAR_PATH, "hub.md", "index.md"]
    for path in outputs:
        text = text_of(files, path)
        if path.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if path.endswith(".atom"):  # entry HTML is escaped once more as XML text
            text = html.unescape(text)
        if path.endswith(".ics"):  # unfolded: a folded line could split an address
            text = "\n".join(str(v) for e in icalendar.Calendar.from_ical(text).walk() for v in e.values())
        assert_no_address(text, path)
        assert_obfuscated(text, path)
    page = text_of(files, f"coalitions/{ID}.md")
    assert "<em>alice</em> [at] example [dot] org" in page
    assert "<strong>erin</strong> [at] example [dot] org" in page
    assert "jörg [at] exämple [dot] org" in page and "山田 [at] 例え [dot] jp" in page
    assert "Meet *hans* [at] example [dot] org" in page and "ülla [at] exämple [dot] org" in page
    data = json.loads(text_of(files, f"api/{ID}.json"))
    assert data["summary"].startswith("Write to *alice* [at] example [dot] org, **erin** [at] example [dot] org")
    assert "https://example.org/?to=carol [at] example [dot] org" in data["description"]


def test_only_absolute_http_links_with_href_and_rel_survive(files: Files) -> None:
    page = text_of(files, f"coalitions/{ID}.md")
    entry_html = "".join(markdown_blocks(page)) + "".join(
        re.findall(r'<content type="html">(.*?)</content>', text_of(files, ATOM_PATH), re.DOTALL))
    assert entry_html
    hrefs = re.findall(r'href="([^"]*)"', entry_html)
    assert sorted(set(hrefs)) == ["https://fine.example.org/a_(b)?q=1", "https://titled.example.org/ok"]
    assert "title=" not in entry_html and "A title" not in entry_html
    for tag in re.findall(r"<a\b[^>]*>", page[page.index('<div class="impact-markdown"'):]):
        assert set(re.findall(r"\s(\w+)=", tag)) <= {"href", "rel"}, tag
    rendered = str(render_markdown(LINKS))
    for text in ("form", "mail", "proto", "rel", "userinfo"):  # each link kept as its text, with no href
        assert f'<a rel="nofollow noopener ugc">{text}</a>' in rendered
    assert "evil.example.org" not in rendered and "/relative" not in rendered and "secret" not in rendered


ODD_LINKS = (
    '<a href="//evil.example.org/x" title="t" lang="en" id="i" class="c">raw</a>',
    '<a href="HTTPS://EXAMPLE.ORG/" style="color:red" onclick="x()">raw</a>',
    "[x](javascript:alert(1))", "[x](data:text/html,hi)", "[x](https:example.org)", "[x](https:///example.org)",
    "[x](ftp://example.org/f)", '<p title="t" lang="en">para</p>',
)


def test_raw_html_and_odd_urls_lose_their_attributes() -> None:
    from generator.markdown.sanitise import href_allowed  # new in issue #12

    for markdown in ODD_LINKS:
        rendered = str(render_markdown(markdown))
        for tag in re.findall(r"<\w+\b[^>]*>", rendered):
            names = set(re.findall(r"\s([\w-]+)=", tag))
            assert names <= {"href", "rel"}, (markdown, tag)
            if "href" in names:
                assert href_allowed(re.search(r'href="([^"]*)"', tag).group(1)), tag  # type: ignore[union-attr]


def test_hrefs_are_never_broken_by_obfuscation() -> None:
    """A link that carries an address loses its href (the text is obfuscated): no href with ' [at] '."""
    rendered = redact_emails(str(render_markdown("[a](https://example.org/?to=x@example.org) "
                                                 "[b](https://example.org/@team/page)")))
    assert " [at] " not in "".join(re.findall(r'href="([^"]*)"', rendered))
    assert 'href="https://example.org/@team/page"' in rendered  # an at-sign that is no address is kept


def test_a_url_field_carrying_an_address_is_refused(registry_root) -> None:  # type: ignore[no-untyped-def]
    entry = ENTRY.replace("url: https://events.example.org/fair", "url: https://events.example.org/?to=ida@example.org")
    report = validate(make_settings(registry_root({f"{ID}.yml": entry})), similarity=False)
    errors = [p for p in report.problems if p.severity == "error"]
    assert [(p.rule, p.pointer) for p in errors] == [("address-in-link", "/events/0/url")]
    assert errors[0].line > 1 and "ida [at] example [dot] org" in errors[0].message
    assert "ida@example.org" not in errors[0].message


def test_calendar_replaces_an_event_url_that_carries_an_address(registry_root, files: Files) -> None:  # type: ignore[no-untyped-def]
    """Fail closed even without the validator: an event URL with an address is replaced by the page."""
    from generator.model.assemble import build_registry

    honest = icalendar.Calendar.from_ical(text_of(files, CALENDAR_PATH))
    assert {str(e["URL"]) for e in honest.walk("VEVENT") if "Meet" in str(e["SUMMARY"])} == \
        {"https://events.example.org/fair"}

    settings = make_settings(registry_root({f"{ID}.yml": ENTRY}))
    report = validate(settings, similarity=False)
    registry = build_registry(report, settings)
    coalition = registry.coalitions[0]
    event = dataclasses.replace(coalition.events[0], url="https://events.example.org/?to=jan@example.org")
    registry = dataclasses.replace(registry, coalitions=(dataclasses.replace(coalition, events=(event,)),))
    site = SiteInfo("Registry", "https://impact.example.org/", "https://github.com/example/registry", "main")
    ics = calendar_feed(registry, site).decode()
    unfolded = ics.replace("\r\n ", "")
    assert "jan@example.org" not in unfolded and "jan [at]" not in unfolded
    assert f"URL:https://impact.example.org/coalitions/{ID}/" in unfolded


@pytest.mark.parametrize("encoded", ["someone%40example.org", "someone%2540example.org"])
def test_a_percent_encoded_address_is_hidden_too(encoded: str) -> None:
    """A URL may carry an address as %40 (or encoded again): it decodes to an address, so it is one."""
    url = f"https://example.org/?to={encoded}"
    assert not href_allowed(url)
    rendered = redact_emails(str(render_markdown(f"[write]({url}) or <{url}>")))
    assert "example.org/?to=" not in "".join(re.findall(r'href="([^"]*)"', rendered))
    assert redact_emails(f"write {encoded}") == "write someone [at] example [dot] org"
