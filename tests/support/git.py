"""Git repositories for the tests: commit a registry, run git, keep the user's configuration out."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def git(root: Path, *args: str) -> str:
    """Run git in `root`; its output."""
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def git_commit_all(root: Path, message: str = "registry", day: str = "2026-09-01") -> None:
    """Commit everything in `root` (a repository on main is made first if there is none), on a fixed day."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test Maintainer", "GIT_AUTHOR_EMAIL": "maintainer@example.org",
           "GIT_COMMITTER_NAME": "Test Maintainer", "GIT_COMMITTER_EMAIL": "maintainer@example.org",
           "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)


def without_user_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git sees no user or system configuration (a global diff.renames or signing key would change results)."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    for name, value in {"GIT_CONFIG_GLOBAL": str(empty), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
                        "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
                        "GIT_COMMITTER_EMAIL": "test@example.org"}.items():
        monkeypatch.setenv(name, value)
