"""Both cores for the large steps: forked worker processes, only where they pay for themselves."""

from __future__ import annotations

import multiprocessing
import os
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


def forked(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Each task's result, in order, computed in forked workers.

    The workers inherit the tasks and all they refer to (compiled schemas, templates, the registry):
    only a task's number is sent to a worker, and only its result comes back.
    """
    global _TASKS
    _TASKS = tasks
    try:
        with ProcessPoolExecutor(workers(), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(len(tasks))))
    finally:
        _TASKS = ()
