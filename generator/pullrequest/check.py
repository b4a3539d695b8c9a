"""Pull-request rules over the real git diff (docs/pull-requests.md): who may change which file.

    git diff --raw -z -M BASE...HEAD  →  changes  →  findings (Problems with pr-* rule ids)

Maintainers — the registry's and each coalition's — are read at the base revision, so a pull request
cannot grant itself rights. Symbolic links and submodules are refused for everyone: the build must
never read a file outside the repository because of what a pull request added. So are deleting a
coalition file and renaming its id: its page and badges are permanent links (an archived decision closes it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import GitError, ImpactError
from generator.git import repo_prefix, resolve_commit, run_git
from generator.i18n.catalogs import N_, _
from generator.i18n.languages import CODES, ENGLISH
from generator.problems import Problem
from generator.registry.load import MAX_BYTES, load_bytes

COALITIONS = "registry/coalitions/"
MAINTAINERS_FILE = "registry/maintainers.yml"
GOVERNANCE = ("registry/decisions.yml", MAINTAINERS_FILE, "registry/criteria.yml")
GOVERNANCE_FOLDERS = ("schema/",)
REGULAR_MODES = {"100644", "100755"}
SYMLINK_MODE = "120000"
ABSENT_MODE = "000000"  # the side of a change where the file does not exist
LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:\[bot\])?")


@dataclass(frozen=True)
class Change:
    status: str  # git's letter: A, C, D, M, R, T
    path: str  # the path after the change (before it, for a deletion), relative to the registry root
    old_path: str | None  # renames and copies: where it came from
    new_mode: str  # git's file mode after the change; 000000 for a deletion


def _within(path: str, prefix: str) -> str:
    """A repository path as seen from the registry root (../… for files beside it in a larger repository)."""
    return path[len(prefix):] if path.startswith(prefix) else "../" * prefix.count("/") + path


@dataclass(frozen=True)
class PullRequestDiff:
    base: str  # the base branch's commit: maintainers are read here
    merge_base: str  # where the pull request branched off
    changes: tuple[Change, ...]
    head: str = "HEAD"  # the pull request's commit: new files are read here, never from the work tree


def pull_request_diff(root: str, base: str, head: str = "HEAD") -> PullRequestDiff:
    """The pull request's changes: from the merge base of BASE and HEAD to HEAD, renames detected."""
    prefix = repo_prefix(root)
    base_commit, head_commit = resolve_commit(root, base), resolve_commit(root, head)
    try:
        merge_base = run_git(root, "merge-base", base_commit, head_commit).decode().strip()
    except GitError as exc:
        raise GitError(f"'{base}' and {head} share no history — fetch the whole history "
                       "(actions/checkout with fetch-depth: 0)") from exc
    raw = run_git(root, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv", "--no-color",
               "--no-relative", merge_base, head_commit)
    fields = raw.split(b"\0")
    found: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        meta = fields[index].decode("ascii", errors="replace")
        if not meta.startswith(":"):
            raise GitError(f"unexpected output from git diff: {meta[:80]!r}")
        _old_mode, new_mode, _old_sha, _new_sha, status = meta[1:].split(" ", 4)
        letter = status[0]
        paths = 2 if letter in "RC" else 1
        names = [f.decode("utf-8", errors="replace") for f in fields[index + 1:index + 1 + paths]]
        index += 1 + paths
        if letter in "RC":
            found.append(Change(letter, _within(names[1], prefix), _within(names[0], prefix), new_mode))
        else:
            found.append(Change(letter, _within(names[0], prefix), None, new_mode))
    return PullRequestDiff(base_commit, merge_base, tuple(found), head_commit)


def read_blob(root: str, revision: str, path: str) -> bytes | None:
    """A file's bytes at a revision (None when it is not there or is no regular file). No filters run."""
    if path.startswith("../"):
        return None
    try:
        listing = run_git(root, "ls-tree", "-z", revision, "--", path).split(b"\0")[0].decode()
    except GitError:
        return None
    if not listing:
        return None
    mode, kind, sha = listing.split("\t", 1)[0].split(" ")
    if kind != "blob" or mode not in REGULAR_MODES:
        return None
    if int(run_git(root, "cat-file", "-s", sha).decode().strip() or 0) > MAX_BYTES:
        return None
    return run_git(root, "cat-file", "blob", sha)


def listed_handles(raw: bytes | None, file: str, key: str = "maintainers") -> set[str] | None:
    """GitHub handles under `key`, lower-cased (GitHub names ignore case); None when the file is unreadable."""
    if raw is None:
        return None
    document = load_bytes(raw, file).document
    if document is None or not isinstance(document.data, dict):
        return None
    listed = document.data.get(key)
    if not isinstance(listed, list):
        return set()
    return {h.lstrip("@").lower() for h in listed if isinstance(h, str)}


def is_governance(path: str) -> bool:
    return path in GOVERNANCE or path.startswith(GOVERNANCE_FOLDERS)


def is_coalition_file(path: str) -> bool:
    name = path[len(COALITIONS):]
    return path.startswith(COALITIONS) and "/" not in name and name.endswith(".yml") and len(name) > 4


def _names(handles: Iterable[str]) -> str:
    shown = sorted(handles)
    return ", ".join(shown) if shown else _("nobody yet")


@dataclass(frozen=True)
class _Context:
    root: str
    diff: PullRequestDiff
    author: str  # lower-cased

    def at_base(self, path: str, status: str) -> bytes | None:
        """The file as the base branch has it (or, if the base deleted it since, as the pull request found it)."""
        found = read_blob(self.root, self.diff.base, path)
        if found is None and status != "A":
            found = read_blob(self.root, self.diff.merge_base, path)
        return found


def _refuse(rule: str, path: str, message: str) -> Problem:
    return Problem("error", rule, message, path)


def _file_kind(change: Change) -> list[Problem]:
    if change.new_mode == SYMLINK_MODE:
        return [_refuse("pr-symlink", change.path, _(
            "{path} is a symbolic link — links are refused anywhere in the repository, because they could make the "
            "checks or the build read files outside it; commit the file's own content as an ordinary file "
            "instead").format(path=change.path))]
    if change.new_mode not in REGULAR_MODES and change.new_mode != ABSENT_MODE:
        return [_refuse("pr-not-a-file", change.path, _(
            "{path} is not an ordinary file (git mode {mode}, e.g. a submodule) — commit ordinary files "
            "only").format(path=change.path, mode=change.new_mode))]
    return []


# While maintainers.yml lists nobody, no pull request can add the first names: the administrators do it.
# Marked for the catalogs; said with _().format(file=MAINTAINERS_FILE).
FIRST_MAINTAINERS = N_("{file} lists no registry maintainer yet, and no pull request can add the first ones: the "
                       "repository's administrators add them by committing the file directly on the default branch "
                       "(CONTRIBUTING.md, \"For the registry maintainers\", gives the steps)")


def _placement(change: Change, nobody_listed: bool) -> list[Problem]:
    """Governance files and anything that is not a coalition file are for registry maintainers."""
    problems = []
    ask = _("take this change out of the pull request, or open an issue to ask the registry maintainers for it")
    for path in dict.fromkeys(p for p in (change.old_path, change.path) if p):
        if path == MAINTAINERS_FILE and nobody_listed:
            problems.append(_refuse("pr-governance-file", path, _(
                "{first_maintainers} — take this change out of the pull request, and ask an administrator of the "
                "repository to make it").format(first_maintainers=_(FIRST_MAINTAINERS).format(file=MAINTAINERS_FILE))))
        elif is_governance(path):
            problems.append(_refuse("pr-governance-file", path, _(
                "{path} can be changed only by the registry maintainers (listed in {file}) — {ask}").format(
                path=path, file=MAINTAINERS_FILE, ask=ask)))
        elif not is_coalition_file(path):
            if not path.startswith(COALITIONS):
                where = _("{path} is outside {folder}").format(path=path, folder=COALITIONS)
            elif "/" in path[len(COALITIONS):]:
                where = _("{path} is in a sub-folder of {folder}").format(path=path, folder=COALITIONS)
            else:
                where = _("{path} is not a coalition file (those are named {name})").format(path=path, name="<id>.yml")
            problems.append(_refuse("pr-outside-registry", path, _(
                "{where}: a coalition's pull request changes only files {files} — {ask}").format(
                where=where, files=f"{COALITIONS}<id>.yml", ask=ask)))
    return problems


def _ownership(change: Change, context: _Context) -> list[Problem]:
    """A coalition file that exists at the base belongs to its maintainers there; a new one to whoever adds it."""
    author = context.author
    at_base = context.at_base(change.path, change.status)
    if at_base is not None:
        owners = listed_handles(at_base, change.path) or set()
        if author in owners:
            return []
        if not owners:
            message = _("{path} has no maintainers yet (it was listed from public sources), so only the registry "
                        "maintainers may change it — if this is your coalition, open an issue to claim the entry, "
                        "and a registry maintainer will add your GitHub user name to its maintainers").format(
                path=change.path)
        else:
            message = _("only the maintainers of {path} ({maintainers}) may change it, and {author} is not one of "
                        "them — ask one of them to make the change, or to add your GitHub user name to {field} in a "
                        "pull request of their own first (a pull request cannot give its own author rights)").format(
                path=change.path, maintainers=_names(owners), author=author, field="maintainers:")
        return [_refuse("pr-not-maintainer", change.path, message)]
    # At the pull request's commit: the trusted judge (generator/judge.py) has the base checked out, not HEAD.
    raw = read_blob(context.root, context.diff.head, change.path)
    document = load_bytes(raw, change.path).document if raw is not None else None
    listed = listed_handles(raw, change.path) if document is not None else None
    if listed is not None and author in listed:
        return []
    found = _("it cannot be read yet (see the validation report)") if listed is None else \
        _("its {field} are {maintainers}").format(field="maintainers:", maintainers=_names(listed))
    line, column = (1, 1)
    if document is not None and isinstance(document.data, dict) and "maintainers" in document.data:
        line, column = document.locate_key("/maintainers")
    message = _("{path} adds a new coalition: whoever adds it must be one of its maintainers, but {found} — add your "
                "GitHub user name ({author}) to {field} in the file, so that you can keep the entry up to date").format(
        path=change.path, found=found, author=author, field="maintainers:")
    return [Problem("error", "pr-not-maintainer", message, change.path, "/maintainers", line, column)]


def _deletion(change: Change) -> list[Problem]:
    """A coalition file that leaves the registry, deleted or moved away: refused for everyone."""
    removed = change.old_path if change.status == "R" else change.path if change.status == "D" else None
    if removed is None or not is_coalition_file(removed):
        return []
    coalition_id = PurePosixPath(removed).stem
    if change.status == "R":
        what = _("{removed} is moved to {path}").format(removed=removed, path=change.path)
    else:
        what = _("{removed} is deleted").format(removed=removed)
    return [_refuse("pr-deletion", removed, _(
        "{what}, which would take the coalition '{id}' out of the registry — entries are never deleted, because the "
        "page {page} and its badges are linked from elsewhere: keep the file. A coalition leaves by an archived "
        "decision instead: a registry maintainer adds {decision} for '{id}' to {file} (open an issue to ask for it), "
        "and its page then says it is archived and stays, with its badges").format(
        what=what, id=coalition_id, page=f"coalitions/{coalition_id}/", decision="`decision: archived`",
        file="registry/decisions.yml"))]


def report_language(root: Path | str, base: str, head: str = "HEAD") -> str:
    """The language of check-pr's report when --lang is not given: the site language (ar, zh, en, fr, ru, es) that
    the changed coalition files declare in `language:` — a BCP 47 tag, read by its language part (fr-CA: fr; zh in
    Traditional characters is not the site's simplified zh). English when a file declares none or another
    language, and when the files do not agree. Read defensively: the file may be broken (its report says so)."""
    diff = pull_request_diff(str(root), base, head)
    chosen: set[str] = set()
    for change in diff.changes:
        if change.status == "D" or not is_coalition_file(change.path):
            continue
        raw = read_blob(str(root), diff.head, change.path)
        document = load_bytes(raw, change.path).document if raw is not None else None
        declared = document.data.get("language") if document is not None and isinstance(document.data, dict) \
            else None
        tag = declared.strip().lower().replace("_", "-").split("-") if isinstance(declared, str) else [""]
        traditional = tag[0] == "zh" and any(part in ("hant", "tw", "hk", "mo") for part in tag[1:])
        chosen.add(tag[0] if tag[0] in CODES and not traditional else ENGLISH.code)
    return chosen.pop() if len(chosen) == 1 else ENGLISH.code


def check_pr(root: Path | str, base: str, author: str, head: str = "HEAD") -> list[Problem]:
    """Every change `author` may not make in the pull request from BASE to HEAD, naming the file and what to do.

    Raises ImpactError (GitError) when the diff cannot be computed or the author is no GitHub user name.
    """
    root_dir = str(root)
    login = author.strip().lstrip("@")
    if not LOGIN.fullmatch(login):
        raise ImpactError(_("'{author}' is not a GitHub user name").format(author=author))
    diff = pull_request_diff(root_dir, base, head)
    context = _Context(root_dir, diff, login.lower())
    registry_maintainers = listed_handles(read_blob(root_dir, diff.base, MAINTAINERS_FILE), MAINTAINERS_FILE) or set()
    is_registry_maintainer = context.author in registry_maintainers
    problems: list[Problem] = []
    for change in diff.changes:
        kind = _file_kind(change)
        if kind:  # refused for everyone: a link could make the build read outside the repository
            problems += kind
            continue
        if change.status == "R" and change.old_path and is_coalition_file(change.old_path) \
                and is_coalition_file(change.path):  # refused for everyone: ids are permanent links
            old_id, new_id = PurePosixPath(change.old_path).stem, PurePosixPath(change.path).stem
            problems.append(_refuse("pr-id-rename", change.path, _(
                "{old_path} was renamed to {path}, which would change the coalition's id from '{old_id}' to "
                "'{new_id}' — ids are permanent (the page {page} and its badges are linked from elsewhere): keep the "
                "file name {old_file} and change {field} instead. To retire an id, the registry maintainers record "
                "it as merged or archived in {file}. (Git also sees a deleted file and a similar new one as a rename: "
                "if these are two different coalitions, make two pull requests.)").format(
                old_path=change.old_path, path=change.path, old_id=old_id, new_id=new_id,
                page=f"coalitions/{old_id}/", old_file=f"{old_id}.yml", field="name:",
                file="registry/decisions.yml")))
            continue
        deletion = _deletion(change)
        if deletion:  # refused for everyone: ids are permanent links
            problems += deletion
            continue
        if is_registry_maintainer:
            continue
        placement = _placement(change, not registry_maintainers)
        problems += placement or _ownership(change, context)
    return sorted(problems, key=lambda p: (p.file, p.rule))
