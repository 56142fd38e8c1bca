"""Run a function over many inputs in worker processes, results in input order.

Used by ``validate -j N``: the output must be identical to a run in one process, so the
results come back in the order of the inputs, each as soon as it and all before it are
done (the caller streams them; nothing waits for the whole batch).
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
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


#: Chunks queued per worker ahead of the one the caller is waiting for.
AHEAD = 4


def ordered_map(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    setup: Callable[..., None],
    setup_args: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """``map(function, items)`` in ``jobs`` processes, each first running ``setup(*setup_args)``.

    Inputs go out in chunks (fewer round trips for small tasks); results are yielded in
    input order. On Ctrl-C the workers are ended at once and KeyboardInterrupt propagates;
    so they are when the caller closes the iterator before the end (it needs no more).
    """
    size = max(1, min(16, len(items) // (jobs * 8)))
    starts = iter(range(0, len(items), size))
    pending: deque[cf.Future[list[R]]] = deque()
    pool = cf.ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(setup, setup_args))

    def submit() -> None:
        # At most AHEAD chunks per worker in flight: results wait here only until their turn,
        # so memory stays flat however many items there are and however slow the caller.
        while len(pending) < jobs * AHEAD and (start := next(starts, None)) is not None:
            pending.append(pool.submit(_chunk, function, items[start : start + size]))

    try:
        with sigint_blocked():  # the workers fork during the first submit
            submit()
        # Not pool.map: it cancels its futures one by one when stopped, and the pool's
        # thread then fails on them when terminate() ends the workers (Python 3.11).
        while pending:
            results = pending.popleft().result()  # dropped from the queue: freed once yielded
            submit()
            yield from results
    except (KeyboardInterrupt, GeneratorExit):
        # GeneratorExit: the caller stopped early (a Ctrl-C while it was writing a result):
        # the running chunks would be checked for nothing.
        terminate(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunk(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]


def terminate(pool: cf.ProcessPoolExecutor) -> None:
    """Drop the queued work and end the workers now, without waiting for the running tasks.

    Returns once the pool's own thread has ended too, so that nothing is left to wait for
    (or to race with) when the interpreter exits.
    """
    # No public API for any of this before 3.14.
    workers = list((pool._processes or {}).values())
    results = pool._result_queue
    thread: threading.Thread | None = pool._executor_manager_thread  # type: ignore[assignment]
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    if results is not None:
        # A worker ended while sending a result leaves half a message in the pipe: the pool's
        # thread would wait for the rest for ever, and the interpreter for that thread at
        # exit. With this process's copy of the writing end closed, it reads end-of-file.
        results._writer.close()  # type: ignore[attr-defined]
    if thread is not None:
        thread.join(timeout=10)
