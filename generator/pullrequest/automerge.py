"""Whether a pull request may merge itself (issue #17, item 1; docs/pull-requests.md, "What merges itself").

Only an owner's update: every change modifies a coalition file that is already on the base branch, whose
maintainers there include the author; no maintainers list or id changes; the base has not changed the file
since the pull request branched off (so the merge is the head's version, the one checked); and the head's
version validates with no error under the base's schema and criteria. Everything else — new entries, claims,
renames, deletions, governance files, workflows, code — waits for the registry maintainers.

Every reason names the file and says why, so that `impact check-pr --format json` and the comment can say it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.errors import ImpactError
from generator.problems import Problem
from generator.pullrequest.check import (
    Change,
    PullRequestDiff,
    check_pr,
    is_coalition_file,
    is_governance,
    listed_handles,
    pull_request_diff,
    read_blob,
)
from generator.pullrequest.head import head_files
from generator.registry.load import load_bytes
from generator.registry.report import Report
from generator.registry.validate import validate

_REVIEWED = "the registry maintainers review it"


@dataclass(frozen=True)
class AutoMerge:
    eligible: bool
    reasons: tuple[str, ...]  # why not; or, when eligible, what was checked
    files: tuple[str, ...] = ()  # when eligible: the coalition files it updates

    def as_json(self) -> dict[str, object]:
        return {"eligible": self.eligible, "reasons": list(self.reasons)}


def _field(raw: bytes | None, file: str, key: str) -> str | None:
    """A top-level field as canonical JSON (None when the file cannot be read): equal text, equal value."""
    if raw is None:
        return None
    document = load_bytes(raw, file).document
    if document is None or not isinstance(document.data, dict):
        return None
    value: Any = document.data.get(key)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _not_an_update(change: Change) -> str | None:
    """Why a change is no update of an existing entry, or None when it is one."""
    path = change.path
    if change.status == "A":
        return f"{path} is new: new entries and new files are not updates, so {_REVIEWED}"
    if change.status == "C":
        return f"{path} is a copy of {change.old_path}: new files are not updates, so {_REVIEWED}"
    if change.status == "R":
        return f"{change.old_path} is renamed to {path}: {_REVIEWED}"
    if change.status == "D":
        return f"{path} is deleted: {_REVIEWED}"
    if change.status != "M":
        return f"{path} changes its kind of file: {_REVIEWED}"
    if is_governance(path):
        return f"{path} is a governance file, which only the registry maintainers change"
    if path.startswith(".github/"):
        return f"{path} is a workflow or a repository setting: {_REVIEWED}"
    if not is_coalition_file(path):
        return f"{path} is code or another file outside registry/coalitions/: {_REVIEWED}"
    return None


def _update_reasons(root: str, diff: PullRequestDiff, change: Change, author: str) -> list[str]:
    """Why an edit of an existing coalition file cannot merge itself ([] when it can)."""
    path = change.path
    at_base = read_blob(root, diff.base, path)
    if at_base is None:
        return [f"{path} is not on the base branch any more: {_REVIEWED}"]
    owners = listed_handles(at_base, path) or set()
    if author not in owners:
        listed = ", ".join(sorted(owners)) or "nobody"
        return [f"{path}: {author} is not one of its maintainers on the base branch ({listed}); only updates by an "
                f"entry's own maintainers merge themselves"]
    at_head = read_blob(root, diff.head, path)
    reasons = []
    if _field(at_head, path, "maintainers") != _field(at_base, path, "maintainers"):
        reasons.append(f"{path} changes its maintainers list: who keeps an entry is for the registry maintainers "
                       "to review")
    if _field(at_head, path, "id") != _field(at_base, path, "id"):
        reasons.append(f"{path} changes its id: ids are permanent addresses, so {_REVIEWED}")
    if read_blob(root, diff.merge_base, path) != at_base:
        reasons.append(f"{path} was changed on the base branch after this pull request started: the merge would "
                       "combine two versions that were never checked together — bring the branch up to date (merge "
                       "the base branch into it) and it can merge itself")
    return reasons


def _validity(report: Report | None, path: str) -> tuple[str | None, int]:
    """Why the head's version of `path` fails validation (None when it passes), and its number of warnings."""
    entry = next((e for e in report.entries if e.file == path), None) if report is not None else None
    if entry is None:
        return f"{path} was not validated, so it cannot merge itself", 0
    warnings = sum(p.severity == "warning" for p in entry.problems)
    if not entry.ok:
        errors = len(entry.problems) - warnings
        return f"{path} has {errors} error{'s' * (errors != 1)} under the base's rules (see the report)", warnings
    return None, warnings


def auto_merge(root: str, diff: PullRequestDiff, author: str, ownership: Sequence[Problem],
               report: Report | None) -> AutoMerge:
    """The verdict on merging by itself, from the diff, check-pr's refusals and the head's validation report."""
    login = author.strip().lstrip("@").lower()
    if not diff.changes:
        return AutoMerge(False, ("the pull request changes nothing",))
    reasons: list[str] = []
    if ownership:
        files = ", ".join(dict.fromkeys(p.file for p in ownership))
        reasons.append(f"check-pr refuses {len(ownership)} change{'s' * (len(ownership) != 1)} ({files})")
    checked = []
    for change in diff.changes:
        found = _not_an_update(change)
        if found is not None:
            reasons.append(found)
            continue
        own = _update_reasons(root, diff, change, login)
        invalid, warnings = _validity(report, change.path)
        reasons += own + ([invalid] if invalid else [])
        if not own and invalid is None:
            noted = f" ({warnings} warning{'s' * (warnings != 1)}, which do not block it)" if warnings else ""
            checked.append(f"{change.path}: an update by {login}, one of its maintainers on the base branch; same "
                           f"id and maintainers; valid under the base's schema and criteria{noted}")
    if reasons:
        return AutoMerge(False, tuple(reasons))
    return AutoMerge(True, (*checked, "nothing else changes: no new, renamed or deleted file, no governance file, "
                            "workflow or code"), tuple(c.path for c in diff.changes))


def assess(root: str, base: str, head: str, author: str) -> AutoMerge:
    """`impact check-pr --format json`'s auto_merge: the diff, check-pr and the head's files validated, as the
    judge does. Never raises: whatever stops the check is a reason not to merge."""
    try:
        ownership = check_pr(root, base, author, head)
        diff = pull_request_diff(root, base, head)
        with head_files(root, diff) as settings:  # the updates only: whatever else changed is a reason anyway
            files = [settings.root / c.path for c in diff.changes if c.status == "M" and is_coalition_file(c.path)]
            report = validate(settings, files, similarity=False) if files else None
        return auto_merge(root, diff, author, ownership, report)
    except ImpactError as exc:
        return AutoMerge(False, (f"the pull request could not be checked: {exc}",))
