"""Which open pull requests to merge now (issue #17, item 1): auto-merge.yml lists them and their commit
statuses with GitHub's API, fetches each head as data, and asks `impact auto-merge select`.

A pull request is merged when, at the commit GitHub lists as its head: it is no draft and not labelled
`hold`; the last `registry/verdict` status set by the judge (pr-judge.yml) says success; that verdict is at
least the waiting period old (every push, reopening or edit is judged again and starts the wait again); and
the base branch's check (automerge.assess) finds it eligible now. Two pull requests that change the same file
are not merged in one run: the second is judged again against the base the first one made.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.i18n.catalogs import _, ngettext, pgettext
from generator.pullrequest.automerge import AutoMerge, assess
from generator.pullrequest.judge import STATUS_CONTEXT
from generator.text import code_span, md

HOLD_LABEL = "hold"
DEFAULT_WAIT_HOURS = 24
JUDGE_ACCOUNT = "github-actions[bot]"  # who sets the verdict: pr-judge.yml's report job, with its own token
_SHA = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Pull:
    """One open pull request, as `gh pr list --json number,headRefOid,author,labels,isDraft` lists it."""

    number: int
    sha: str
    author: str
    labels: tuple[str, ...]
    draft: bool


@dataclass(frozen=True)
class Decision:
    pull: Pull
    merge: bool
    reasons: tuple[str, ...]
    auto_merge: AutoMerge | None = None  # None when it was not needed to decide

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"number": self.pull.number, "sha": self.pull.sha, "author": self.pull.author,
                                    "merge": self.merge, "reasons": list(self.reasons)}
        if self.auto_merge is not None:
            found["auto_merge"] = self.auto_merge.as_json()
        return found


def read_pulls(text: str) -> list[Pull]:
    """The list `gh pr list` wrote; UsageError naming what is wrong when it is not that list."""
    try:
        listed = json.loads(text)
        pulls = [Pull(int(p["number"]), str(p["headRefOid"]), str((p.get("author") or {}).get("login", "")),
                      tuple(str(label["name"]) for label in p.get("labels") or ()), bool(p.get("isDraft")))
                 for p in listed]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise UsageError(_("the list of pull requests is not what {command} writes ({reason})").format(
            command="`gh pr list --json number,headRefOid,author,labels,isDraft`",
            reason=f"{type(exc).__name__}: {exc}")) from exc
    for pull in pulls:
        if len(pull.sha) != 40 or not set(pull.sha) <= _SHA:
            raise UsageError(_("pull request {number}: {value} is not a commit id").format(
                number=f"#{pull.number}", value=f"'{pull.sha[:60]}'"))
    return pulls


def _time(text: object) -> dt.datetime | None:
    try:
        found = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def verdict_since(statuses: Any) -> tuple[dt.datetime | None, str]:
    """When the judge's last verdict on the commit was set, if it is a success; else None and why not.

    `statuses` is what GitHub's API gives for the commit (repos/…/commits/SHA/statuses): only the judge's own
    `registry/verdict` statuses count, whoever else may set statuses.
    """
    verdicts = [(when, s.get("state")) for s in statuses if isinstance(s, Mapping)
                and s.get("context") == STATUS_CONTEXT and (s.get("creator") or {}).get("login") == JUDGE_ACCOUNT
                and (when := _time(s.get("created_at"))) is not None] if isinstance(statuses, list) else []
    if not verdicts:
        return None, _("the judge has set no {context} status on this commit yet").format(context=STATUS_CONTEXT)
    when, state = max(verdicts, key=lambda found: found[0])
    if state != "success":
        return None, _("the last {context} status on this commit is {state}, not {success}").format(
            context=STATUS_CONTEXT, state=state, success="success")
    return when, _("the registry verdict on this commit is {success} since {time}").format(success="success",
                                                                                          time=when.isoformat())


def waited(since: dt.datetime, now: dt.datetime, hours: int) -> tuple[bool, str]:
    """Whether the waiting period after the last verdict has passed, and what that means."""
    ready = since + dt.timedelta(hours=hours)
    if now >= ready:
        return True, ngettext("it has waited the {count} hour since then", "it has waited the {count} hours since then",
                              hours).format(count=hours)
    return False, ngettext("it waits until {time} ({count} hour after the last verdict)",
                           "it waits until {time} ({count} hours after the last verdict)", hours).format(
        time=ready.isoformat(), count=hours)


def decide(root: str, base: str, pull: Pull, statuses: Any, now: dt.datetime, hours: int) -> Decision:
    """Whether to merge one pull request now, with the reasons; the base's check runs last (it is the slowest)."""
    if pull.draft:
        return Decision(pull, False, (_("it is a draft"),))
    if HOLD_LABEL in (label.lower() for label in pull.labels):
        return Decision(pull, False, (_("it is labelled {label}: a registry maintainer reviews it").format(
            label=HOLD_LABEL),))
    since, verdict = verdict_since(statuses)
    if since is None:
        return Decision(pull, False, (verdict,))
    ready, wait = waited(since, now, hours)
    if not ready:
        return Decision(pull, False, (verdict, wait))
    auto = assess(root, base, pull.sha, pull.author)
    return Decision(pull, auto.eligible, (verdict, wait, *auto.reasons), auto)


def select(root: str, base: str, pulls: Sequence[Pull], statuses: Mapping[int, Any], now: dt.datetime,
           hours: int) -> list[Decision]:
    """The decision on each pull request, oldest first; at most one merge per changed file in one run."""
    decisions, taken = [], set[str]()
    for pull in sorted(pulls, key=lambda p: p.number):
        decision = decide(root, base, pull, statuses.get(pull.number), now, hours)
        files = set(decision.auto_merge.files) if decision.merge and decision.auto_merge is not None else set()
        if files & taken:
            again = _("another pull request merged in this run changes the same file: it is judged again in the next "
                      "run")
            decision = Decision(pull, False, (*decision.reasons, again), decision.auto_merge)
        taken |= files
        decisions.append(decision)
    return decisions


def read_statuses(folder: Path, pulls: Sequence[Pull]) -> dict[int, Any]:
    """Each pull request's statuses from FOLDER/<number>.json (missing or unreadable: none)."""
    found: dict[int, Any] = {}
    for pull in pulls:
        try:
            found[pull.number] = json.loads((folder / f"{pull.number}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found[pull.number] = []
    return found


def summary_markdown(decisions: Sequence[Decision], hours: int) -> str:
    """The run's summary: each pull request, merged or not, and why."""
    merged = sum(d.merge for d in decisions)
    out = ["## " + ngettext("Auto-merge: {merged} of {count} open pull request to merge",
                            "Auto-merge: {merged} of {count} open pull requests to merge", len(decisions)).format(
        merged=merged, count=len(decisions)), "",
           ngettext("Waiting period: {count} hour after the last registry verdict.",
                    "Waiting period: {count} hours after the last registry verdict.", hours).format(count=hours), ""]
    merge, not_now = "**" + pgettext("a pull request", "merge") + "**", pgettext("a pull request", "not now")
    for d in decisions:
        pull = _("{number} ({commit} by {author})").format(number=f"#{d.pull.number}",
                                                           commit=code_span(d.pull.sha[:12]), author=md(d.pull.author))
        out.append(f"- {pull}: {merge if d.merge else not_now} — {md('; '.join(d.reasons))}")
    return "\n".join(out) + "\n"
