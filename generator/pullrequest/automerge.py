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
from generator.i18n.catalogs import N_, _, ngettext
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

_REVIEWED = N_("the registry maintainers review it")  # the end of several reasons, translated where said


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
    reviewed = _(_REVIEWED)
    if change.status == "A":
        return _("{path} is new: new entries and new files are not updates, so {reviewed}").format(
            path=path, reviewed=reviewed)
    if change.status == "C":
        return _("{path} is a copy of {old_path}: new files are not updates, so {reviewed}").format(
            path=path, old_path=change.old_path, reviewed=reviewed)
    if change.status == "R":
        return _("{old_path} is renamed to {path}: {reviewed}").format(old_path=change.old_path, path=path,
                                                                       reviewed=reviewed)
    if change.status == "D":
        return _("{path} is deleted: {reviewed}").format(path=path, reviewed=reviewed)
    if change.status != "M":
        return _("{path} changes its kind of file: {reviewed}").format(path=path, reviewed=reviewed)
    if is_governance(path):
        return _("{path} is a governance file, which only the registry maintainers change").format(path=path)
    if path.startswith(".github/"):
        return _("{path} is a workflow or a repository setting: {reviewed}").format(path=path, reviewed=reviewed)
    if not is_coalition_file(path):
        return _("{path} is code or another file outside {folder}: {reviewed}").format(
            path=path, folder="registry/coalitions/", reviewed=reviewed)
    return None


def _update_reasons(root: str, diff: PullRequestDiff, change: Change, author: str) -> list[str]:
    """Why an edit of an existing coalition file cannot merge itself ([] when it can)."""
    path = change.path
    at_base = read_blob(root, diff.base, path)
    if at_base is None:
        return [_("{path} is not on the base branch any more: {reviewed}").format(path=path, reviewed=_(_REVIEWED))]
    owners = listed_handles(at_base, path) or set()
    if author not in owners:
        listed = ", ".join(sorted(owners)) or _("nobody")
        return [_("{path}: {author} is not one of its maintainers on the base branch ({listed}); only updates by an "
                  "entry's own maintainers merge themselves").format(path=path, author=author, listed=listed)]
    at_head = read_blob(root, diff.head, path)
    reasons = []
    if _field(at_head, path, "maintainers") != _field(at_base, path, "maintainers"):
        reasons.append(_("{path} changes its maintainers list: who keeps an entry is for the registry maintainers "
                         "to review").format(path=path))
    if _field(at_head, path, "id") != _field(at_base, path, "id"):
        reasons.append(_("{path} changes its id: ids are permanent addresses, so {reviewed}").format(
            path=path, reviewed=_(_REVIEWED)))
    if read_blob(root, diff.merge_base, path) != at_base:
        reasons.append(_("{path} was changed on the base branch after this pull request started: the merge would "
                         "combine two versions that were never checked together — bring the branch up to date "
                         "(merge the base branch into it) and it can merge itself").format(path=path))
    return reasons


def _validity(report: Report | None, path: str) -> tuple[str | None, int]:
    """Why the head's version of `path` fails validation (None when it passes), and its number of warnings."""
    entry = next((e for e in report.entries if e.file == path), None) if report is not None else None
    if entry is None:
        return _("{path} was not validated, so it cannot merge itself").format(path=path), 0
    warnings = sum(p.severity == "warning" for p in entry.problems)
    if not entry.ok:
        errors = len(entry.problems) - warnings
        return ngettext("{path} has {count} error under the base's rules (see the report)",
                        "{path} has {count} errors under the base's rules (see the report)", errors).format(
            path=path, count=errors), warnings
    return None, warnings


def auto_merge(root: str, diff: PullRequestDiff, author: str, ownership: Sequence[Problem],
               report: Report | None) -> AutoMerge:
    """The verdict on merging by itself, from the diff, check-pr's refusals and the head's validation report."""
    login = author.strip().lstrip("@").lower()
    if not diff.changes:
        return AutoMerge(False, (_("the pull request changes nothing"),))
    reasons: list[str] = []
    if ownership:
        files = ", ".join(dict.fromkeys(p.file for p in ownership))
        reasons.append(ngettext("check-pr refuses {count} change ({files})", "check-pr refuses {count} changes "
                                "({files})", len(ownership)).format(count=len(ownership), files=files))
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
            noted = ngettext(" ({count} warning, which do not block it)", " ({count} warnings, which do not block it)",
                             warnings).format(count=warnings) if warnings else ""
            checked.append(_("{path}: an update by {author}, one of its maintainers on the base branch; same id and "
                             "maintainers; valid under the base's schema and criteria{noted}").format(
                path=change.path, author=login, noted=noted))
    if reasons:
        return AutoMerge(False, tuple(reasons))
    return AutoMerge(True, (*checked, _("nothing else changes: no new, renamed or deleted file, no governance file, "
                                        "workflow or code")), tuple(c.path for c in diff.changes))


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
        return AutoMerge(False, (_("the pull request could not be checked: {reason}").format(reason=exc),))
