"""One build at a time, and no worker outlives its build (issue #12, item 6) — with real `impact build`
processes on a registry big enough for forked workers (parallel.PARALLEL_FROM)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import parallel
from generator.errors import ImpactError
from generator.settings import make_settings
from generator.site.publish import build_lock
from generator.site.serve import serve

from .support.cli import IMPACT
from .support.registry import EXAMPLE, TODAY_EPOCH, make_root
from .support.sites import build_in, synthetic_registry
from .support.waiting import wait_for

COUNT = parallel.PARALLEL_FROM + 100
ENV = {**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH}


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_complete(site: Path, root: Path) -> None:
    """Every coalition's page, badges and data, and the site-wide pages."""
    ids = sorted(p.stem for p in (root / "registry" / "coalitions").glob("*.yml"))
    missing = [i for i in ids for name in (f"coalitions/{i}/index.html", f"badges/{i}.svg", f"api/{i}.json")
               if not (site / name).is_file()]
    assert missing == []
    for name in ("index.html", "coalitions/index.html", "api/coalitions.csv", "sitemap.xml", "404.html"):
        assert (site / name).is_file(), name
    assert list(site.parent.glob(f".{site.name}.building*")) == []  # no staging folder left behind


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built registry of COUNT fictional coalitions: validation and rendering fork workers."""
    root = synthetic_registry(tmp_path_factory.mktemp("big") / "repo", COUNT)
    build_in(root)
    return root


@pytest.fixture
def repo(big_repo: Path, tmp_path: Path) -> Path:
    """A copy of the built registry (its git history included), for one test to build and break."""
    root = tmp_path / "repo"
    shutil.copytree(big_repo, root, symlinks=True)
    return root


def start_build(root: Path, log: Path) -> subprocess.Popen[bytes]:
    # Its own session: the build and its workers form one process group to look for afterwards. Output goes
    # to a file, not a pipe: a worker that outlived the build would hold a pipe open.
    with log.open("wb") as out:
        return subprocess.Popen([IMPACT, "build", "--root", str(root)], stdout=out, stderr=subprocess.STDOUT,
                                env=ENV, start_new_session=True)


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def forked_workers(build: int) -> list[int]:
    """The build's forked workers: its children running its own command line (not, say, git)."""
    try:
        command = Path(f"/proc/{build}/cmdline").read_bytes()
    except OSError:
        return []
    found = []
    for pid in group_members(build):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[1]) == build and Path(f"/proc/{pid}/cmdline").read_bytes() == command:
                found.append(pid)
        except OSError:
            continue
    return found


@pytest.mark.skipif(not parallel.pays(COUNT), reason="needs two cores and fork for the workers")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_a_stopped_build_leaves_no_worker_and_the_previous_site(repo: Path, tmp_path: Path, signum: int) -> None:
    before = tree_digest(repo / "site")
    build = start_build(repo, tmp_path / "build.log")
    try:
        wait_for(lambda: len(forked_workers(build.pid)) > 0, seconds=120, every=0.02)  # the workers are running
        workers = forked_workers(build.pid)
        os.kill(build.pid, signum)  # the build alone, as a supervisor or the OOM killer would
        build.wait(timeout=60)
        wait_for(lambda: group_members(build.pid) == [], seconds=10, every=0.02)
    finally:
        for pid in group_members(build.pid):  # never leave a stray process behind, even when failing
            os.kill(pid, signal.SIGKILL)
    assert workers
    assert build.returncode != 0
    assert "Traceback" not in (tmp_path / "build.log").read_text(errors="replace")
    assert tree_digest(repo / "site") == before
    if signum != signal.SIGKILL:
        assert list(repo.glob(".site.building*")) == []
    # The next build is not held up by anything the stopped one left (lock, staging folder).
    done = subprocess.run([IMPACT, "build", "--root", str(repo)], capture_output=True, text=True, env=ENV,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert_complete(repo / "site", repo)


def test_two_builds_at_once_both_succeed_and_publish_a_complete_site(repo: Path, tmp_path: Path) -> None:
    shutil.rmtree(repo / "site")
    builds = [start_build(repo, tmp_path / f"build-{n}.log") for n in range(2)]
    codes = [b.wait(timeout=600) for b in builds]
    logs = [(tmp_path / f"build-{n}.log").read_text(errors="replace") for n in range(2)]
    assert codes == [0, 0], logs
    assert_complete(repo / "site", repo)  # before: 19 of 400 coalition pages, or one build failing
    assert any("Waiting for process" in log for log in logs)  # the second one said why it waited


@contextmanager
def held_lock(root: Path) -> Iterator[None]:
    """build/.lock held the way a running build holds it: an flock, from another open file."""
    (root / "build").mkdir(exist_ok=True)
    fd = os.open(root / "build" / ".lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, b"4242\n")
        yield
    finally:
        os.close(fd)


def test_a_build_waits_for_the_lock_and_says_whose_it_is(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    log = tmp_path / "build.log"
    with held_lock(root):
        build = start_build(root, log)
        try:
            wait_for(lambda: "Waiting for process 4242" in log.read_text(), seconds=60, every=0.02)
            time.sleep(1)
            assert build.poll() is None and not (root / "site").exists()
        except BaseException:
            build.kill()
            raise
    assert build.wait(timeout=120) == 0, log.read_text()
    assert (root / "site" / "coalitions" / "example-ocean-futures" / "index.html").is_file()


def test_a_build_that_waited_too_long_refuses_by_name(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo")
    messages: list[str] = []
    with held_lock(root), pytest.raises(ImpactError, match=r"process 4242 is still building this repository"), \
            build_lock(root / "build", messages.append, wait=0.5):
        pass
    assert messages and "build/.lock is locked" in messages[0]


def test_serve_rebuilds_under_the_same_lock(tmp_path: Path) -> None:
    root = make_root(tmp_path / "repo", {"example-ocean-futures.yml": EXAMPLE.read_text(encoding="utf-8")})
    messages: list[str] = []
    stop = threading.Event()
    with held_lock(root):
        thread = threading.Thread(target=serve, args=(make_settings(root), root / "site", "127.0.0.1", 0,
                                                      messages.append, stop, 0.2), daemon=True)
        thread.start()
        try:
            wait_for(lambda: any(m.startswith("Waiting for process 4242") for m in messages), seconds=60, every=0.02)
            assert not any(m.startswith("Built") for m in messages)
        except BaseException:
            stop.set()
            raise
    try:
        wait_for(lambda: any(m.startswith("Built") for m in messages), seconds=120, every=0.02)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert re.search(r"Built 1 coalition pages", " ".join(messages))
