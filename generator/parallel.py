"""Both cores for the large steps: forked worker processes, only where they pay for themselves."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

PARALLEL_FROM = 300  # below this many coalitions, starting worker processes costs more than it saves
MAX_WORKERS = 8


def workers() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


def fork_pool(count: int) -> ProcessPoolExecutor | None:
    """A pool of forked workers for `count` items, or None where one would not pay (or fork is missing).

    Forked workers inherit what the parent has built (compiled schemas, templates, the registry), so
    nothing large is sent to them; only their results come back.
    """
    if count < PARALLEL_FROM or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(workers(), mp_context=multiprocessing.get_context("fork"))
