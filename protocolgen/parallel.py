"""Run a function over many inputs in worker processes, results in input order.

Used by ``validate -j N``: the output must be identical to a run in one process, so the
results come back in the order of the inputs, each as soon as it and all before it are
done (the caller streams them; nothing waits for the whole batch).
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, as a container limits it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT held back in this block: processes forked here start with it blocked (and
    ignore it before unblocking it); the parent gets a pending one when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _init_worker(setup: Callable[..., None], args: tuple[Any, ...]) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it and ends the
    # workers, so no worker prints a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    setup(*args)


def ordered_map(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    setup: Callable[..., None],
    setup_args: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``map(function, items)`` in ``jobs`` processes, each first running ``setup(*setup_args)``.

    Inputs go out in chunks (fewer round trips for small tasks); results are yielded in
    input order. On Ctrl-C the workers are ended at once and KeyboardInterrupt propagates.
    """
    chunksize = max(1, min(16, len(items) // (jobs * 8)))
    pool = cf.ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(setup, setup_args))
    try:
        with sigint_blocked():  # the workers fork while map submits the chunks
            results = pool.map(function, items, chunksize=chunksize)
        yield from results
    except KeyboardInterrupt:
        terminate(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def terminate(pool: cf.ProcessPoolExecutor) -> None:
    """Drop the queued work and end the workers now, without waiting for the running tasks."""
    workers = list((pool._processes or {}).values())  # no public API before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
