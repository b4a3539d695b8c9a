"""Both cores for the large steps: forked worker processes, only where they pay for themselves.

No worker outlives its build: a worker asks the kernel to kill it when its parent dies (Linux, so also
when the build is killed with SIGKILL), ignores Ctrl+C (which reaches the whole process group), and the
parent kills its workers itself when it stops for any reason (Ctrl+C, SIGTERM, an error).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

PARALLEL_FROM = 300  # below this many coalitions, starting worker processes costs more than it saves
MAX_WORKERS = 8

T = TypeVar("T")
_TASKS: Sequence[Callable[[], Any]] = ()  # set by forked() before the workers are forked


def workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def pays(count: int) -> bool:
    """Whether `count` coalitions are worth forked workers (and this system can fork)."""
    return count >= PARALLEL_FROM and workers() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def slices(count: int, parts: int) -> list[range]:
    """range(count) cut into at most `parts` consecutive runs."""
    step = max(1, -(-count // parts))
    return [range(start, min(start + step, count)) for start in range(0, count, step)]


def _run(index: int) -> Any:
    return _TASKS[index]()


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with(parent: int) -> None:
    """A worker's first act: tie its life to the build's."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it kills the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by the fork
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop now: cancel what is queued and kill the workers rather than wait for their current tasks."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # Python 3.14 has pool.kill_workers()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(5)


def forked(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Each task's result, in order, computed in forked workers.

    The workers inherit the tasks and all they refer to (compiled schemas, templates, the registry):
    only a task's number is sent to a worker, and only its result comes back.
    """
    global _TASKS
    _TASKS = tasks
    try:
        pool = ProcessPoolExecutor(workers(), mp_context=multiprocessing.get_context("fork"), initializer=_die_with,
                                   initargs=(os.getpid(),))
        try:
            results = list(pool.map(_run, range(len(tasks))))
        except BaseException:  # Ctrl+C, SIGTERM (build.py raises it as an exception), a failed task
            _kill_workers(pool)
            raise
        pool.shutdown()
        return results
    finally:
        _TASKS = ()
