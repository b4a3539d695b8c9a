"""The Atom feed of updates and the iCalendar feed of events and milestones: valid, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import icalendar
import pytest

from generator.registry.validate import validate
from generator.settings import make_settings
from generator.site.build import generate, site_config
from generator.site.feeds import ATOM_PATH, CALENDAR_PATH, clean
from generator.site.render import Files

from .support.registry import EXAMPLE

HOSTILE = (EXAMPLE.read_text(encoding="utf-8")
           .replace("id: example-ocean-futures", "id: example-hostile-text")
           .replace("name: Example Coalition for Ocean Futures", "name: 'Tides & <Waves> ]]> \"Coalition\"'")
           .replace("title: Second yearly review in preparation", "title: '<script>alert(1)</script> & more'")
           .replace("body: The drafting group met in *Nairobi*.",
                    "body: \"<script>alert(2)</script> <img src=x onerror=alert(3)> **bold** & [link](javascript:x)"
                    " ]]> end\"")
           + "events:\n"
           + "  - date: '2026-10-20'\n    end_date: '2026-10-22'\n    title: 'Meet; talk, plan \\ decide'\n"
           + "    location: \"Nairobi, Kenya; online\"\n    url: https://events.example.org/a?b=1,2\n"
           + "  - date: '2026-10-20'\n    end_date: '2026-10-22'\n    title: 'Meet; talk, plan \\ decide'\n"
           + "  - date: '2024-01-15'\n    title: An event long past\n")


@pytest.fixture
def files(registry_root) -> Files:  # type: ignore[no-untyped-def]
    root = registry_root({"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8"),
                          "example-hostile-text.yml": HOSTILE})
    settings = make_settings(root)
    report = validate(settings)
    assert report.ok, [p.message for p in report.problems if p.severity == "error"]
    return generate(settings, report, site_config(settings))[1]


def test_the_atom_feed_parses_without_errors(files: Files) -> None:
    feed = feedparser.parse(files[ATOM_PATH])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "ImPACT Coalitions Registry: coalition updates"
    assert feed.feed.updated == "2026-09-01T00:00:00Z"
    assert len(feed.entries) == 2
    titles = sorted(e.title for e in feed.entries)
    assert titles == ["Example Coalition for Ocean Futures: Second yearly review in preparation",
                      'Tides & <Waves> ]]> "Coalition": <script>alert(1)</script> & more']
    ocean = next(e for e in feed.entries if e.title.startswith("Example"))
    assert ocean.link == "https://impact-coalitions.example.org/coalitions/example-ocean-futures/#updates"
    assert ocean.content[0].type == "text/html"
    assert ocean.content[0].value == "<p>The drafting group met in <em>Nairobi</em>.</p>"
    assert ocean.id.startswith("tag:impact-coalitions.example.org,2026-09-01:coalitions/example-ocean-futures/")


def test_update_text_is_escaped_once_and_sanitised(files: Files) -> None:
    atom = str(files[ATOM_PATH])
    assert "<script" not in atom and "<img" not in atom and "javascript:" not in atom
    assert "<title type=\"text\">Tides &amp; &lt;Waves&gt; ]]&gt; &#34;Coalition&#34;: &lt;script&gt;" in atom
    content = atom[atom.index('<content type="html">'):]
    assert "&lt;strong&gt;bold&lt;/strong&gt;" in content  # HTML, escaped once for XML
    assert "&lt;strong&gt;bold&lt;/strong&gt; &amp;amp; &lt;a rel=" in content  # "&" in HTML, in XML
    assert "alert(2)" not in content and "alert(3)" not in content  # the sanitiser dropped script and handler
    hostile = next(e for e in feedparser.parse(atom).entries if e.title.startswith("Tides"))
    assert "<strong>bold</strong>" in hostile.content[0].value
    assert "onerror" not in hostile.content[0].value


def test_the_calendar_parses_and_keeps_punctuation_and_line_breaks(files: Files) -> None:
    calendar = icalendar.Calendar.from_ical(files[CALENDAR_PATH])
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    meet = [e for e in events if str(e["SUMMARY"]).startswith("Meet;")]
    assert len(meet) == 2 and meet[0]["UID"] != meet[1]["UID"]
    first = next(e for e in meet if "LOCATION" in e)
    assert str(first["SUMMARY"]) == 'Meet; talk, plan \\ decide (Tides & <Waves> ]]> "Coalition")'
    assert str(first["LOCATION"]) == "Nairobi, Kenya; online"  # one line: the schema refuses breaks (#12)
    assert str(first["URL"]) == "https://events.example.org/a?b=1,2"
    assert first.decoded("DTSTART") == dt.date(2026, 10, 20)
    assert first.decoded("DTEND") == dt.date(2026, 10, 23)  # all day: the day after the last
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Milestone: First yearly review published (Example Coalition for Ocean Futures)" not in summaries
    assert not any("An event long past" in s for s in summaries)  # more than a year before "today"
    raw = bytes(files[CALENDAR_PATH])
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"SUMMARY:Meet\\; talk\\, plan \\\\ decide" in raw


def test_milestones_of_the_last_year_and_ahead_are_in_the_calendar(registry_root) -> None:  # type: ignore[no-untyped-def]
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  - date: \"2025-06-30\"\n    title: First yearly review published\n",
        "  - date: \"2026-06-30\"\n    title: First yearly review published\n"
        "  - date: \"2027-03-01\"\n    title: Dropped plan\n    status: dropped\n"
        "  - date: \"2027-05-01\"\n    title: Second yearly review, published\n")
    root = registry_root({"example-ocean-futures.yml": text})
    settings = make_settings(root)
    files = generate(settings, validate(settings), site_config(settings))[1]
    events = list(icalendar.Calendar.from_ical(files[CALENDAR_PATH]).walk("VEVENT"))
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [
        ("Milestone: First yearly review published (Example Coalition for Ocean Futures)", dt.date(2026, 6, 30)),
        ("Milestone: Second yearly review, published (Example Coalition for Ocean Futures)", dt.date(2027, 5, 1))]
    assert all(e.decoded("DTSTAMP") == dt.datetime(2026, 9, 21, tzinfo=dt.UTC) for e in events)
    assert "coalitions/example-ocean-futures/" in str(events[0]["DESCRIPTION"])


def test_feeds_are_the_same_on_every_build(registry_root, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = registry_root({"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    settings = make_settings(root)
    first = generate(settings, validate(settings), site_config(settings))[1]
    second = generate(settings, validate(settings), site_config(settings))[1]
    assert first[ATOM_PATH] == second[ATOM_PATH] and first[CALENDAR_PATH] == second[CALENDAR_PATH]


def test_an_empty_registry_has_valid_empty_feeds(registry_root) -> None:  # type: ignore[no-untyped-def]
    root = registry_root({})
    settings = make_settings(root)
    files = generate(settings, validate(settings), site_config(settings))[1]
    feed = feedparser.parse(files[ATOM_PATH])
    assert not feed.bozo and feed.entries == [] and feed.feed.updated == "2026-09-21T00:00:00Z"
    assert list(icalendar.Calendar.from_ical(files[CALENDAR_PATH]).walk("VEVENT")) == []


def test_characters_xml_cannot_carry_are_dropped() -> None:
    assert clean("a\x00b\x1fc\ufffed\ttab\nline") == "abcd\ttab\nline"
