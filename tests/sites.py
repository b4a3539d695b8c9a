"""Built sites shared by the build and browser tests: each is built once per test session."""

from __future__ import annotations

import functools
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.build import BuildResult, build_site
from generator.settings import make_settings

from .conftest import TODAY_EPOCH, make_root


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    result: BuildResult

    @property
    def site(self) -> Path:
        return self.result.site_dir


def git_commit_all(root: Path, message: str = "registry") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test Maintainer", "GIT_AUTHOR_EMAIL": "maintainer@example.org",
           "GIT_COMMITTER_NAME": "Test Maintainer", "GIT_COMMITTER_EMAIL": "maintainer@example.org",
           "GIT_AUTHOR_DATE": "2026-09-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-09-01T12:00:00Z"}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)


@contextmanager
def fixed_epoch() -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = TODAY_EPOCH
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def build_in(root: Path, out: Path | None = None) -> BuiltSite:
    with fixed_epoch():
        return BuiltSite(root, build_site(make_settings(root), out))


def shipped_registry(path: Path) -> Path:
    root = make_root(path, with_real_registry=True)
    git_commit_all(root)
    return root


def synthetic_registry(path: Path, count: int) -> Path:
    from benchmarks.synth import make_registry

    root = make_registry(path, count)
    git_commit_all(root)
    return root


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a built site on localhost; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
