"""Every git command the tool runs, through one runner: the pull-request checks read the diff and the
head's files as data; the site reads each file's dates from one `git log` pass."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.errors import GitError


def run_git(root: str, *args: str) -> bytes:
    try:
        # Literal pathspecs: a file named registry/coalitions/*.yml names itself, not every coalition.
        done = subprocess.run(["git", "-C", root, "--literal-pathspecs", "-c", "core.quotePath=false", *args],
                              capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git cannot run: {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(detail[0] if detail else f"git {args[0]} failed")
    return done.stdout


def resolve_commit(root: str, revision: str) -> str:
    """The commit a revision names; refuses anything git could read as an option."""
    if not revision or revision.startswith("-") or any(c.isspace() or c == "\0" for c in revision):
        raise GitError(f"'{revision}' is not a branch or commit name")
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except GitError as exc:
        raise GitError(f"'{revision}' is not a branch or commit in this repository — fetch it first "
                       "(in GitHub Actions: actions/checkout with fetch-depth: 0)") from exc


def repo_prefix(root: str) -> str:
    """Where the registry sits inside the git repository ('' when it is the repository's top)."""
    try:
        return run_git(root, "rev-parse", "--show-prefix").decode().strip()
    except GitError as exc:
        raise GitError(f"{root} is not a git repository — check-pr compares the pull request's commits with "
                       f"the base branch, so run it in a clone ({exc})") from exc


def blobs(root: str, shas: Sequence[str], cut_at: int) -> Iterator[bytes]:
    """Each blob's bytes, in order, through one `git cat-file --batch` (no filters, no textconv).

    A blob over `cut_at` bytes is cut at `cut_at` + 1 bytes: enough for a reader to refuse it as too large.
    """
    with tempfile.TemporaryFile() as request:
        request.write("".join(f"{sha}\n" for sha in shas).encode("ascii"))
        request.seek(0)
        with subprocess.Popen(["git", "-C", root, "cat-file", "--batch"], stdin=request,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
            out = process.stdout
            if out is None:
                raise GitError("git cat-file gave no output")
            for sha in shas:
                header = out.readline().decode("ascii", errors="replace").split()
                if len(header) != 3 or header[0] != sha or header[1] != "blob":
                    raise GitError(f"git cannot read the file {sha}")
                size = int(header[2])
                kept = out.read(min(size, cut_at + 1))
                left = size - len(kept)
                while left > 0:
                    chunk = out.read(min(left, 1 << 20))
                    if not chunk:
                        raise GitError(f"git stopped while reading the file {sha}")
                    left -= len(chunk)
                out.read(1)  # the newline after each object
                yield kept


def _file_dates(root: Path, folder: str, *options: str) -> list[tuple[str, str]]:
    """(file, commit date) for each file a `git log` pass over `folder` names, newest commit first."""
    try:  # outside a repository (a copy of a registry, a test folder) no file has a date
        out = run_git(str(root), "log", *options, "--format=%x00%cs", "--name-only", "--", folder)
    except GitError:
        return []
    found: list[tuple[str, str]] = []
    day = ""
    for line in out.decode("utf-8", errors="replace").splitlines():
        if line.startswith("\x00"):
            day = line[1:]
        elif line.strip():
            found.append((line.strip(), day))
    return found


def last_changes(root: Path, folder: str = "registry/coalitions") -> dict[str, str]:
    """Date of the last commit touching each file, from one `git log` pass (not one call per file)."""
    dates: dict[str, str] = {}
    for file, day in _file_dates(root, folder):
        dates.setdefault(file, day)
    return dates


def first_added(root: Path, folder: str = "registry/coalitions") -> dict[str, str]:
    """Date each file was first committed (its registration), from one `git log --diff-filter=A` pass."""
    return {file: day for file, day in reversed(_file_dates(root, folder, "--diff-filter=A"))}


def last_commit_time(root: Path) -> int | None:
    """The last commit's time in seconds since the epoch; None outside a repository or before a first commit."""
    try:
        out = run_git(str(root), "log", "-1", "--format=%ct").decode().strip()
    except GitError:
        return None
    return int(out) if out.isdigit() else None
