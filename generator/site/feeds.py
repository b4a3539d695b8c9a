"""The learning community's feeds: an Atom feed of coalition updates and an iCalendar feed of events
and work-plan milestones.

Both are deterministic: ids come from the coalition, the date and the title; dates from the entries
and from the registry's "today", never the wall clock. Entry text is escaped for each format: the
Atom template is autoescaped (update bodies are rendered from Markdown, sanitised, and then escaped
once more as `type="html"` content); the calendar is written by the icalendar library, which escapes
and folds lines as RFC 5545 requires. Characters XML cannot carry are dropped first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import urlparse

import icalendar

from generator.markdown.sanitise import href_allowed, redact_emails
from generator.model.objects import Registry, open_coalitions
from generator.site.render import Renderer, SiteInfo, render_markdown
from generator.text import NOT_IN_XML

ATOM_PATH = "feed/updates.atom"
CALENDAR_PATH = "feed/events.ics"
ATOM_ENTRIES = 100  # the newest updates; the hub and the coalition pages have them all
CALENDAR_FROM_DAYS = 365  # the calendar keeps a year of past events and milestones, and everything ahead


def clean(text: str) -> str:
    """Text without the control characters that XML 1.0 and iCalendar cannot carry, and with any
    e-mail address obfuscated (the site carries none in plain text)."""
    return redact_emails(NOT_IN_XML.sub("", text))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def site_host(site: SiteInfo) -> str:
    return urlparse(site.url).hostname or "impact-coalitions.invalid"


@dataclass(frozen=True)
class AtomEntry:
    id: str
    title: str
    updated: str  # RFC 3339
    link: str
    author: str
    html: str  # sanitised HTML of the update's body, as text: the template escapes it once more


@dataclass(frozen=True)
class AtomFeed:
    id: str
    title: str
    updated: str
    self_link: str
    page_link: str
    entries: tuple[AtomEntry, ...]


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom_feed(renderer: Renderer, registry: Registry) -> str:
    site = renderer.site
    host = site_host(site)
    updates = sorted(((u, c) for c in registry.coalitions for u in c.updates),
                     key=lambda item: (item[0].date, item[1].id, item[0].title), reverse=True)[:ATOM_ENTRIES]
    entries = tuple(AtomEntry(
        id=f"tag:{host},{u.date}:coalitions/{c.id}/updates/{_digest(c.id, u.date, u.title)}",
        title=clean(f"{c.name}: {u.title}"), updated=_timestamp(u.date), link=f"{site.url}coalitions/{c.id}/#updates",
        author=clean(c.name), html=clean(str.__str__(render_markdown(u.body))) if u.body else "")
        for u, c in updates)
    feed = AtomFeed(id=f"tag:{host},2024:{ATOM_PATH}", title=clean(f"{site.name}: coalition updates"),
                    updated=entries[0].updated if entries else _timestamp(registry.today),
                    self_link=f"{site.url}{ATOM_PATH}", page_link=f"{site.url}hub/", entries=entries)
    return renderer.render("atom.xml.j2", feed=feed)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _event(uid: str, stamp: dt.datetime, start: str, end: str, summary: str, description: str,
           url: str, location: str = "") -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _day(start))
    event.add("dtend", _day(end or start) + dt.timedelta(days=1))  # all-day: DTEND is the day after
    event.add("summary", clean(summary))
    event.add("description", clean(description))
    if location:
        event.add("location", clean(location))
    if url:
        event.add("url", url)
    return event


def calendar_feed(registry: Registry, site: SiteInfo) -> bytes:
    """Events and planned or done milestones of open coalitions, from a year ago on."""
    host = site_host(site)
    today = _day(registry.today)
    since = (today - dt.timedelta(days=CALENDAR_FROM_DAYS)).isoformat()
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    items: list[tuple[str, str, icalendar.Event]] = []
    uids: set[str] = set()

    # UIDs are "<stem>.<host>", not RFC 5545's suggested "<stem>@<host>": that form reads as an e-mail
    # address, and the site carries none. Two entries with one date and title still get their own UID.
    def unique(stem: str) -> str:
        uid, n = f"{stem}.{host}", 1
        while uid in uids:
            n += 1
            uid = f"{stem}-{n}.{host}"
        uids.add(uid)
        return uid

    for c in open_coalitions(registry):
        page = f"{site.url}coalitions/{c.id}/"
        for e in c.events:
            if (e.end_date or e.date) >= since:
                uid = unique(f"event-{_digest(c.id, e.date, e.title)}")
                # An address that carries an e-mail address (or is no http(s) link) is replaced by the page:
                # the calendar never holds an address in plain text, nor a broken one.
                url = e.url if e.url and href_allowed(e.url) else page
                items.append((e.date, uid, _event(uid, stamp, e.date, e.end_date, f"{e.title} ({c.name})",
                                                  f"An event of {c.name}. More: {page}", url, e.location)))
        for m in c.workplan:
            if m.date >= since and m.status != "dropped":
                uid = unique(f"milestone-{_digest(c.id, m.date, m.title)}")
                text = f"A work-plan milestone of {c.name} ({m.status})."
                text += f" {m.description}" if m.description else ""
                items.append((m.date, uid, _event(uid, stamp, m.date, "", f"Milestone: {m.title} ({c.name})",
                                                  f"{text} More: {page}", page)))
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{clean(site.name)}//Events and milestones//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean(f"{site.name}: events and milestones"))
    for _, _, event in sorted(items, key=lambda item: (item[0], item[1])):
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
