"""When an entry is stale: nothing dated in the last months (criteria.yml: stale_after_months).

One rule for the validator's `stale` warning and the maintainers' list of stale entries: an entry shows
activity by its updates, by its milestones up to today and by its founding date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.registry.criteria import months_before


@dataclass(frozen=True)
class Staleness:
    stale: bool  # no activity from `since` to today
    since: str  # the first day that counts, YYYY-MM-DD
    latest: str  # the latest activity, "" when there is none


def stale_since(today: dt.date, months: int) -> str:
    """The first day whose activity keeps an entry from being stale, YYYY-MM-DD."""
    return months_before(today, months).isoformat()


def staleness(today: dt.date, months: int, updates: Iterable[str], milestones: Iterable[str],
              founded: str) -> Staleness:
    """Whether an entry with these update dates, milestone dates and founding date ("" when unknown) went
    `months` months without activity, as of `today`."""
    now = today.isoformat()
    since = stale_since(today, months)
    activity = [*updates, *(day for day in milestones if day <= now)]
    if founded:
        activity.append(founded)
    return Staleness(not any(since <= day <= now for day in activity), since, max(activity, default=""))
