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
        raise UsageError(f"the list of pull requests is not what `gh pr list --json number,headRefOid,author,labels,"
                         f"isDraft` writes ({type(exc).__name__}: {exc})") from exc
    for pull in pulls:
        if len(pull.sha) != 40 or not set(pull.sha) <= _SHA:
            raise UsageError(f"pull request #{pull.number}: '{pull.sha[:60]}' is not a commit id")
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
        return None, f"the judge has set no {STATUS_CONTEXT} status on this commit yet"
    when, state = max(verdicts, key=lambda found: found[0])
    if state != "success":
        return None, f"the last {STATUS_CONTEXT} status on this commit is {state}, not success"
    return when, f"the registry verdict on this commit is success since {when.isoformat()}"


def waited(since: dt.datetime, now: dt.datetime, hours: int) -> tuple[bool, str]:
    """Whether the waiting period after the last verdict has passed, and what that means."""
    ready = since + dt.timedelta(hours=hours)
    if now >= ready:
        return True, f"it has waited the {hours} hours since then"
    return False, f"it waits until {ready.isoformat()} ({hours} hours after the last verdict)"


def decide(root: str, base: str, pull: Pull, statuses: Any, now: dt.datetime, hours: int) -> Decision:
    """Whether to merge one pull request now, with the reasons; the base's check runs last (it is the slowest)."""
    if pull.draft:
        return Decision(pull, False, ("it is a draft",))
    if HOLD_LABEL in (label.lower() for label in pull.labels):
        return Decision(pull, False, (f"it is labelled {HOLD_LABEL}: a registry maintainer reviews it",))
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
            decision = Decision(pull, False, (*decision.reasons, "another pull request merged in this run changes "
                                              "the same file: it is judged again in the next run"), decision.auto_merge)
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
    out = [f"## Auto-merge: {merged} of {len(decisions)} open pull request{'s' * (len(decisions) != 1)} to merge",
           "", f"Waiting period: {hours} hours after the last registry verdict.", ""]
    for d in decisions:
        out.append(f"- #{d.pull.number} ({code_span(d.pull.sha[:12])} by {md(d.pull.author)}): "
                   f"{'**merge**' if d.merge else 'not now'} — {md('; '.join(d.reasons))}")
    return "\n".join(out) + "\n"
