"""The pull request's files as data, under the base's rules: what the judge, the auto-merge check and the
preview read.

The head's registry/ is written out as plain files into a temporary folder (links and submodules left out),
the base's schema/, criteria.yml and mkdocs.yml laid over them; only the base's tool reads them there. Nothing
of the head is installed, imported, checked out or run.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.errors import GitError, ImpactError
from generator.git import blobs, repo_prefix, run_git
from generator.i18n.catalogs import _
from generator.pullrequest.check import REGULAR_MODES, PullRequestDiff, is_coalition_file
from generator.registry.load import MAX_BYTES
from generator.settings import Settings

# The head's files the base's rules judge, and the base's rules laid over them (a pull request that loosens
# the schema or the criteria is judged by the ones it would replace).
HEAD_DATA = ("registry",)
BASE_RULES = ("schema", "registry/criteria.yml", "mkdocs.yml")


def _safe_parts(path: str) -> list[str]:
    """A tree path's components; refuses anything that could leave the folder or name git's own."""
    parts = path.split("/")
    if any(part in ("", ".", "..") or part.lower() == ".git" or "\0" in part for part in parts):
        raise GitError(_("the tree holds a path that cannot be written safely: {path}").format(path=repr(path[:200])))
    return parts


def _tree(root: str, revision: str, paths: Sequence[str]) -> list[tuple[str, str, str]]:
    """(mode, blob id, path from the registry root) of each regular file under `paths` at `revision`."""
    prefix = repo_prefix(root)
    listing = run_git(root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", *(prefix + p for p in paths))
    found = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        mode, kind, sha = meta.decode("ascii").split(" ")
        path = name.decode("utf-8", errors="surrogateescape")
        # Links and submodules are left out: check-pr refuses them, and a link must never be followed.
        if kind == "blob" and mode in REGULAR_MODES and path.startswith(prefix):
            found.append((mode, sha, path[len(prefix):]))
    return found


def materialise(root: str, revision: str, paths: Sequence[str], into: Path) -> None:
    """Write the regular files under `paths` at `revision` into `into` as plain files, replacing what is there."""
    for path in paths:  # what the revision does not have must not survive from another revision either
        target = into.joinpath(*_safe_parts(path))
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    files = _tree(root, revision, paths)
    try:
        for (mode, _sha, path), data in zip(files, blobs(root, [sha for _, sha, _ in files], MAX_BYTES), strict=True):
            target = into.joinpath(*_safe_parts(path))
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as handle:  # never through a link, never over another file
                handle.write(data)
            target.chmod(0o644 if mode == "100644" else 0o755)
    except OSError as exc:
        raise GitError(_("the files of {revision} cannot be written out: {reason}").format(revision=revision,
                                                                                      reason=exc)) from exc


def judging_day() -> dt.date:
    """SOURCE_DATE_EPOCH, else today. Not the head's commit date: its author sets that to anything they like."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.datetime.now(dt.UTC).date()  # what the merge will face, as GitHub's merge commit had it
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError) as exc:
        raise ImpactError(_("{setting} is not a number of seconds").format(setting=f"SOURCE_DATE_EPOCH={epoch!r}")) \
            from exc


def changed_files(diff: PullRequestDiff, folder: Path) -> list[Path]:
    """The changed coalition files; [] (the whole registry) when anything else changed or only files went."""
    files = []
    for change in diff.changes:
        if change.status == "D" and is_coalition_file(change.path):
            continue
        if not is_coalition_file(change.path):
            return []
        if change.new_mode in REGULAR_MODES:  # links and submodules: check-pr refuses them
            files.append(folder / change.path)
    return files


@contextmanager
def head_files(root: str, diff: PullRequestDiff) -> Iterator[Settings]:
    """Settings of a temporary registry: the head's registry/ under the base's rules, for the `with` block."""
    with tempfile.TemporaryDirectory(prefix="impact-judge-") as work:
        folder = Path(work)
        materialise(root, diff.head, HEAD_DATA, folder)
        materialise(root, diff.base, BASE_RULES, folder)
        (folder / "registry" / "coalitions").mkdir(parents=True, exist_ok=True)
        yield Settings(root=folder, today=judging_day())
