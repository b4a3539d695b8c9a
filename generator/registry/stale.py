"""When an entry is stale (criteria.yml: stale_after_months): neither its file nor its activity moved lately.

One rule for the validator's `stale` warning and the maintainers' list of stale entries. An entry is stale
only when both are older than the window:
- its file's last commit (git.last_changes): a file with no commit yet (new, not committed) is never stale;
- its activity: updates, milestones up to today and the founding date.
A milestone after today is a plan in progress, so it keeps the entry from being stale too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.registry.criteria import months_before


@dataclass(frozen=True)
class Staleness:
    stale: bool  # no change and no activity from `since` to today, and no milestone ahead
    since: str  # the first day that counts, YYYY-MM-DD
    latest: str  # the latest activity up to today, "" when there is none
    changed: str  # the file's last commit, "" when it has none


def stale_since(today: dt.date, months: int) -> str:
    """The first day whose change or activity keeps an entry from being stale, YYYY-MM-DD."""
    return months_before(today, months).isoformat()


def staleness(today: dt.date, months: int, updates: Iterable[str], milestones: Iterable[str],
              founded: str, changed: str) -> Staleness:
    """Whether an entry went `months` months without activity and without a change to its file, as of `today`.

    `founded` is "" when unknown; `changed` is the date of the file's last commit, "" when it has none.
    """
    now = today.isoformat()
    since = stale_since(today, months)
    dates = list(milestones)
    activity = [*updates, *(day for day in dates if day <= now)]
    if founded:
        activity.append(founded)
    active = any(since <= day <= now for day in activity)
    planned = any(day > now for day in dates)
    stale = bool(changed) and changed < since and not active and not planned
    return Staleness(stale, since, max((day for day in activity if day <= now), default=""), changed)
