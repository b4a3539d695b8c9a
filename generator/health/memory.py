"""The memory between runs (`--state`; registry/health.json in the repository): each link's last reported result
and since when it has been failing, and the stale entries.

A failure counts only when a later run, at least `--confirm-after` hours after the first failing one, sees it
again: a site down for an afternoon is not reported. Until then the link is reported `ok`, its detail saying
what failed and when it will count. The file is the JSON report (generator/health/report.py) with the time of
the run and each link's `failing_since`, so that the maintainers' page can show the latest results.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, get_args

from generator.errors import UsageError
from generator.health.check import FAILING, Outcome, Status
from generator.health.links import Targets
from generator.i18n.catalogs import _

STATUSES = frozenset(get_args(Status))


@dataclass(frozen=True)
class Link:
    url: str
    files: tuple[str, ...]
    status: Status
    detail: str
    location: str | None
    failing_since: dt.datetime | None = None  # the first run of the current failure; None while it answers

    @property
    def pending(self) -> bool:
        """Failing, but not for long enough to count yet."""
        return self.status == "ok" and self.failing_since is not None

    def as_json(self) -> dict[str, Any]:
        return {"url": self.url, "files": list(self.files), "status": self.status, "detail": self.detail,
                "location": self.location}


@dataclass(frozen=True)
class State:
    checked: dt.datetime | None  # when the run that wrote it began
    links: Mapping[str, Link]  # by address, sorted
    stale: tuple[str, ...]


EMPTY = State(None, {}, ())


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _moment(value: Any, where: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(_("{field} is {value}, not a time such as {example}").format(
            field=where, value=json.dumps(value), example='"2026-09-21T06:00:00Z"'))
    return moment.astimezone(dt.UTC)


def _link(item: Any, n: int) -> Link:
    where = f"links[{n}]"
    if not isinstance(item, dict):
        raise ValueError(_("{field} is not an object").format(field=where))
    url, files, status, detail, location = (item.get(k) for k in ("url", "files", "status", "detail", "location"))
    if not isinstance(url, str) or not isinstance(detail, str) or not (location is None or isinstance(location, str)):
        raise ValueError(_("{field} needs {url} and {detail} as text, and {location} as text or {null}").format(
            field=where, url="url", detail="detail", location="location", null="null"))
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ValueError(_("{field} is not a list of file names").format(field=f"{where}.files"))
    if status not in STATUSES:
        raise ValueError(_("{field} is {value}, not one of {values}").format(
            field=f"{where}.status", value=json.dumps(status), values=", ".join(sorted(STATUSES))))
    return Link(url, tuple(files), cast(Status, status), detail, location,
                _moment(item.get("failing_since"), f"{where}.failing_since"))


def read_state(path: Path, name: str) -> State:
    """The state `path` holds (`name`: how messages show it); EMPTY when there is no file yet (a first run)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return EMPTY
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(_("{file} cannot be read ({reason}) — name a readable file with {option}").format(
            file=name, reason=exc, option="--state")) from exc
    except json.JSONDecodeError as exc:
        raise _bad(name, _("line {line}: not JSON ({reason})").format(line=exc.lineno, reason=exc.msg)) from exc
    try:
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError(_("it has no {field}").format(field='"version": 1'))
        links, stale = data.get("links"), data.get("stale")
        if not isinstance(links, list) or not isinstance(stale, list) or not all(isinstance(i, str) for i in stale):
            raise ValueError(_("{links} must be a list of links and {stale} a list of ids").format(
                links='"links"', stale='"stale"'))
        found = [_link(item, n) for n, item in enumerate(links)]
        return State(_moment(data.get("checked"), "checked"), {link.url: link for link in found}, tuple(stale))
    except ValueError as exc:
        raise _bad(name, str(exc)) from exc


def _bad(name: str, why: str) -> UsageError:
    return UsageError(_("{file}: {reason} — this is not a state file of {command}: correct it, or delete it to start "
                        "afresh (a failing link then needs two runs again before it counts)").format(
        file=name, reason=why, command="`impact health`"))


def state_json(state: State) -> dict[str, Any]:
    return {"version": 1, "checked": stamp(state.checked) if state.checked else None,
            "links": [{**link.as_json(), "failing_since": stamp(link.failing_since) if link.failing_since else None}
                      for link in state.links.values()],
            "stale": list(state.stale)}


def write_state(state: State, path: Path, name: str) -> None:
    """Replace the file whole (a new file renamed over it), so that a stopped run never leaves half of one."""
    fresh = path.with_name(f".{path.name}.new")
    try:
        fresh.write_text(json.dumps(state_json(state), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        fresh.replace(path)
    except OSError as exc:
        fresh.unlink(missing_ok=True)
        raise UsageError(_("cannot write the state to {file}: {reason} — name a writable file with {option}").format(
            file=name, reason=exc.strerror, option="--state")) from exc


def _pending(outcome: Outcome, since: dt.datetime, confirm_after: dt.timedelta) -> str:
    if not confirm_after:
        found = _("{detail} — failing since {since}: reported as {status} if it still fails on the next run")
    else:
        found = _("{detail} — failing since {since}: reported as {status} if it still fails on a run from {time}")
    return found.format(detail=outcome.detail, since=shown(since), status=outcome.status,
                        time=shown(since + confirm_after))


def remember(outcomes: Mapping[str, Outcome], targets: Targets, previous: State | None, now: dt.datetime,
             confirm_after: dt.timedelta) -> State:
    """This run's results, with the failures that do not count yet reported `ok`. With no `previous` state
    (no --state) nothing is remembered, and every failure counts at once."""
    links: dict[str, Link] = {}
    for url, files in targets.links.items():
        outcome = outcomes[url]
        if outcome.status not in FAILING:
            links[url] = Link(url, files, outcome.status, outcome.detail, outcome.location)
            continue
        before = previous.links.get(url) if previous is not None else None
        since = before.failing_since if before is not None and before.failing_since is not None else now
        counts = previous is None or (before is not None and before.failing_since is not None
                                      and now - since >= confirm_after)
        if counts:
            links[url] = Link(url, files, outcome.status, outcome.detail, outcome.location, since)
        else:
            links[url] = Link(url, files, "ok", _pending(outcome, since, confirm_after), outcome.location, since)
    return State(now, links, targets.stale)
