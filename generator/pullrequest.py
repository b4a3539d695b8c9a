"""Pull-request rules over the real git diff (DESIGN §7): who may change which file.

    git diff --raw -z -M BASE...HEAD  →  changes  →  findings (Problems with pr-* rule ids)

Maintainers are read at the base revision, so a pull request cannot grant itself rights.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .load import load_text
from .problems import ImpactError, Problem

COALITIONS = "registry/coalitions/"
GOVERNANCE = ("registry/decisions.yml", "registry/maintainers.yml", "registry/criteria.yml")
LINK_MODES = {"120000", "160000"}  # symbolic link, submodule


class GitError(ImpactError):
    """The diff cannot be computed: not a repository, or an unknown revision (exit 2)."""


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, R, C, T (git's letters)
    path: str  # the path after the change (before it, for a deletion)
    old_path: str | None
    new_mode: str


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git cannot run: {exc}") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
    return done.stdout


def changes(root: Path, base: str) -> list[Change]:
    """The pull request's changes: from the merge base of BASE and HEAD to HEAD, renames detected."""
    _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    fields = _git(root, "diff", "--raw", "-z", "-M", "--no-ext-diff", f"{base}...HEAD").split(b"\0")
    found: list[Change] = []
    index = 0
    while index < len(fields) - 1:
        meta = fields[index].decode()
        if not meta.startswith(":"):
            index += 1
            continue
        _, new_mode, _, _, status = meta[1:].split(" ", 4)
        letter = status[0]
        if letter in "RC":
            old, new = fields[index + 1].decode(), fields[index + 2].decode()
            found.append(Change(letter, new, old, new_mode))
            index += 3
        else:
            found.append(Change(letter, fields[index + 1].decode(), None, new_mode))
            index += 2
    return found


def _handles(text: str | None, file: str, key: str = "maintainers") -> set[str]:
    """GitHub handles listed under `key` in a YAML file's text (lower-cased: GitHub names ignore case)."""
    if text is None:
        return set()
    document = load_text(text, file).document
    if document is None or not isinstance(document.data, dict):
        return set()
    listed = document.data.get(key)
    return {str(h).lower() for h in listed if isinstance(h, str)} if isinstance(listed, list) else set()


def _show(root: Path, revision: str, path: str) -> str | None:
    try:
        return _git(root, "show", f"{revision}:{path}").decode("utf-8", errors="replace")
    except GitError:
        return None


def check_pr(root: Path, base: str, author: str) -> list[Problem]:
    """Every change the author may not make, as problems naming the file and what to do."""
    author = author.lstrip("@").lower()
    registry_maintainers = _handles(_show(root, base, "registry/maintainers.yml"), "registry/maintainers.yml")
    is_registry_maintainer = author in registry_maintainers
    problems: list[Problem] = []

    def refuse(rule: str, path: str, message: str) -> None:
        problems.append(Problem("error", rule, message, path))

    for change in changes(root, base):
        if change.new_mode in LINK_MODES:
            refuse("pr-symlink", change.path, "symbolic links (and submodules) are not accepted anywhere in the "
                   "registry — add the file's content as a regular file instead")
            continue
        if is_registry_maintainer:
            continue
        paths = [p for p in (change.old_path, change.path) if p]
        governance = [p for p in paths if p in GOVERNANCE or p.startswith("schema/")]
        if governance:
            refuse("pr-governance-file", governance[0], f"{governance[0]} can be changed only by the registry "
                   "maintainers — open an issue to ask for the change")
            continue
        outside = [p for p in paths if not (p.startswith(COALITIONS) and "/" not in p[len(COALITIONS):])]
        if outside:
            refuse("pr-outside-registry", outside[0], f"{outside[0]} is outside registry/coalitions/ — a coalition's "
                   "pull request changes only its own file there; ask the registry maintainers for other changes")
            continue
        if change.status == "R" and change.old_path and Path(change.old_path).stem != Path(change.path).stem:
            refuse("pr-id-rename", change.path, f"renaming {change.old_path} to {change.path} would change the "
                   "coalition's id, and ids are permanent links — keep the file name; to change the name shown, "
                   "edit the `name` field")
            continue
        if change.status in ("A", "C"):
            listed = _handles(_show(root, "HEAD", change.path), change.path)
            if author not in listed:
                refuse("pr-not-maintainer", change.path, f"a new coalition file must name its author among its "
                       f"maintainers — add your GitHub user name ({author}) to `maintainers` in {change.path}")
            continue
        # Modified, deleted, type-changed or renamed in place: the base revision's maintainers decide.
        before = change.old_path or change.path
        if author not in _handles(_show(root, base, before), before):
            refuse("pr-not-maintainer", change.path, f"{author} is not among the maintainers of {before} — only "
                   "the people listed in its `maintainers` (or a registry maintainer) may change it; ask one of "
                   "them to make or approve the change")
    return problems
