"""A date written another way, read back: the advice that says how to write it as the registry does (YYYY-MM-DD).

`impact validate` gives it for a date field the schema refuses, `impact new` for an answer; both read the same
readings of the text, so they never disagree on what the volunteer meant.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.i18n.catalogs import N_, _

FIRST_YEAR, LAST_YEAR = 1900, 2100  # the schemas' date patterns; the calendar and feeds are safe inside them


def quoted(value: str) -> str:
    """A text in a message: on one line (a line break would split a report line in two), quoted, at most 60."""
    value = " ".join(value.split())
    return f"'{value[:60]}…'" if len(value) > 60 else f"'{value}'"


_MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))  # read in English
_MONTHS = {**{name.casefold(): n for n, name in enumerate(_MONTH_NAMES, 1)},
           **{name[:3].casefold(): n for n, name in enumerate(_MONTH_NAMES, 1)}, "sept": 9}
_NUMERIC = re.compile(r"([0-9]{1,4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,4})")
_IN_WORDS = re.compile(r"(?:([0-9]{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?|([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?),?\s+"
                       r"([0-9]{4})")


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _readings(text: str) -> list[dt.date]:
    """The days a date written another way may mean: 2024-5-10, 10/05/2024 (or 5 October), 10 May 2024."""
    found: list[dt.date | None] = []
    if numeric := _NUMERIC.fullmatch(text):
        first, second, third = (int(part) for part in numeric.groups())
        if len(numeric.group(1)) == 4:
            found.append(_day(first, second, third))
        elif len(numeric.group(3)) == 4:  # day first (most of the world) or month first (the United States)
            found += [_day(third, second, first), _day(third, first, second)]
    elif words := _IN_WORDS.fullmatch(text.casefold()):
        day, month = (words.group(1), words.group(2)) if words.group(1) else (words.group(4), words.group(3))
        if month in _MONTHS:
            found.append(_day(int(words.group(5)), _MONTHS[month], int(day)))
    return list(dict.fromkeys(day for day in found if day is not None))


def date_advice(value: str) -> str:
    """What to say of a date the registry does not take, and how to write it: the registry writes YYYY-MM-DD, and
    a date written another way is shown in that form (both, when it could mean two days)."""
    text = " ".join(value.split())
    iso = re.fullmatch("([0-9]{4})-[0-9]{2}-[0-9]{2}", text)
    if iso and not FIRST_YEAR <= int(iso.group(1)) <= LAST_YEAR:
        return _("{value} is outside the years the registry takes ({first} to {last}) — check the year").format(
            value=quoted(value), first=FIRST_YEAR, last=LAST_YEAR)
    readings = [] if iso else _readings(text)
    if len(readings) == 1:
        return _("{value}: write it as {date} — dates are written year-month-day ({form})").format(
            value=quoted(value), date=readings[0].isoformat(), form="YYYY-MM-DD")
    if readings:
        meanings = _(" or ").join(_("{day} {month} {year}").format(day=d.day, month=_(_MONTH_NAMES[d.month - 1]),
                                                                    year=d.year) for d in readings)
        forms = _(" or ").join(d.isoformat() for d in readings)
        return _("{value} could be {meanings} — write it as {dates}, whichever is meant: dates are written "
                 "year-month-day ({form})").format(value=quoted(value), meanings=meanings, dates=forms,
                                                   form="YYYY-MM-DD")
    if iso:
        return _("{value} is not a real calendar date — write dates as {form}, e.g. {example}").format(
            value=quoted(value), form="YYYY-MM-DD", example="2024-05-10")
    return _("{value} is not a date the registry can read — write dates as {form}, e.g. {example}").format(
        value=quoted(value), form="YYYY-MM-DD", example="2024-05-10")
