"""Who may stop a pull request from merging itself (issue #17, item 1): a comment `/hold` becomes the label
`hold` (auto-merge.yml) only when its writer is a registry maintainer or a maintainer of an entry the pull
request changes — both read on the base branch, so a pull request cannot name who may (or may not) hold it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n.catalogs import _
from generator.pullrequest.check import (
    LOGIN,
    MAINTAINERS_FILE,
    is_coalition_file,
    listed_handles,
    pull_request_diff,
    read_blob,
)

COMMAND = "/hold"


@dataclass(frozen=True)
class Hold:
    allowed: bool
    reason: str
    asked: bool = True  # False when the comment is no /hold command at all (it gets no answer)

    def as_json(self) -> dict[str, object]:
        return {"hold": self.allowed, "asked": self.asked, "reason": self.reason}


def asks_to_hold(comment: str) -> bool:
    """The comment's first line is the command (any case, spaces around it allowed)."""
    lines = comment.strip().splitlines()
    return bool(lines) and lines[0].strip().lower() == COMMAND


def may_hold(root: str, base: str, head: str, login: str, comment: str) -> Hold:
    """Whether `login`'s comment puts the pull request from BASE to HEAD on hold. Raises GitError on a bad diff."""
    if not asks_to_hold(comment):
        return Hold(False, _("the comment does not start with {command}").format(command=COMMAND), asked=False)
    who = login.strip().lstrip("@")
    if not LOGIN.fullmatch(who):
        return Hold(False, _("'{login}' is not a GitHub user name").format(login=login[:60]))
    who = who.lower()
    diff = pull_request_diff(root, base, head)
    if who in (listed_handles(read_blob(root, diff.base, MAINTAINERS_FILE), MAINTAINERS_FILE) or set()):
        return Hold(True, _("{login} is a registry maintainer").format(login=who))
    for change in diff.changes:
        for path in dict.fromkeys(p for p in (change.old_path, change.path) if p and is_coalition_file(p)):
            if who in (listed_handles(read_blob(root, diff.base, path), path) or set()):
                return Hold(True, _("{login} is one of the maintainers of {path} on the base branch").format(
                    login=who, path=path))
    return Hold(False, _("{login} is neither a registry maintainer nor a maintainer, on the base branch, of an entry "
                         "this pull request changes").format(login=who))
