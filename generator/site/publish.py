"""One build of a repository at a time, and its site swapped in whole.

A build holds an OS lock on build/.lock (released by the kernel however the process ends, so never stale)
and a second one waits for it. The output is built in a folder of this process's own next to the target and
swapped in only when the build succeeded, so a failed, stopped or killed build leaves the previous site untouched.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import ImpactError, Terminated
from generator.i18n.catalogs import _

LOCK_WAIT = 15 * 60.0  # seconds a build waits for another build of the same repository before giving up


def to_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _holder(fd: int) -> str:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return _("process {number}").format(number=text) if text.isdigit() else _("another process")


@contextmanager
def build_lock(work: Path, notify: Callable[[str], None] = to_stderr, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold build/.lock for one build: a second build of the repository waits (and says so), up to `wait` seconds.

    An flock belongs to the open file: the kernel releases it when the holder ends, even by SIGKILL.
    """
    import fcntl  # POSIX only, like the forked workers

    work.mkdir(parents=True, exist_ok=True)
    path = work / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ImpactError(_("the site was not built: {holder} is still building this repository (it "
                                        "holds {lock}) after {seconds} seconds of waiting").format(
                        holder=_holder(fd), lock=path, seconds=f"{wait:.0f}")) from None
                if not told:
                    notify(_("Waiting for {holder}, which is building this repository ({lock} is locked)…").format(
                        holder=_holder(fd), lock=path))
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def sigterm_stops() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated(_("stopped by signal {signal}").format(signal=signum))

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(site_dir: Path) -> None:
    """Staging folders of builds that were killed (SIGKILL leaves no chance to clean up)."""
    for path in site_dir.parent.glob(f".{site_dir.name}.building-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


RENAME_EXCHANGE = 2  # <linux/fs.h>
AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one system call (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done: int = renameat2(AT_FDCWD, os.fsencode(one), AT_FDCWD, os.fsencode(other), RENAME_EXCHANGE)
    return done == 0


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the new site in place; afterwards `staging` holds the old one (or nothing), to be removed.

    One atomic exchange where the system has it, so no signal can leave the repository without a site.
    """
    try:
        if not site_dir.exists():
            staging.rename(site_dir)
        elif not _exchange(staging, site_dir):
            previous = staging.with_name(staging.name + ".previous")
            site_dir.rename(previous)
            staging.rename(site_dir)
            previous.rename(staging)
    except OSError as exc:
        raise ImpactError(_("the new site could not replace {folder}: {reason}").format(folder=site_dir,
                                                                                     reason=exc)) from exc
