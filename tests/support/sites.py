"""Built sites shared by the build and browser tests: each is built once per test session."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.settings import make_settings
from generator.site.build import BuildResult, build_site

from .git import git_commit_all
from .registry import fixed_epoch, make_root


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    result: BuildResult

    @property
    def site(self) -> Path:
        return self.result.site_dir


def build_in(root: Path, out: Path | None = None, languages: tuple[str, ...] = ("en",)) -> BuiltSite:
    """The site of `root`, in English only unless `languages` asks for more (the translations' own tests do):
    each language is a build of its own, and most tests are about what every language shares."""
    with fixed_epoch():
        return BuiltSite(root, build_site(make_settings(root), out, languages=languages))


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
