"""Where the académie's tasks run: in this process, on a local pool of processes, or on a
Dask distributed cluster. A task is a module-level function of its argument alone, so that
it runs the same anywhere; results come back in any order, tagged with their task's index.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")
Done = Callable[[int, Any], None]


class Executor(Protocol):
    processes: int  # worker processes, for sizing the tasks

    def run(self, function: Callable[[Any], Any], tasks: Sequence[Any], done: Done) -> None:
        """``done(i, function(tasks[i]))`` for every task, in any order."""

    def close(self) -> None: ...


class LocalExecutor:
    """This machine: a plain loop with one worker, else a pool of processes that a lycée's
    later tasks reuse (its truth and memo stay warm in the worker that built them)."""

    def __init__(self, workers: int = 1) -> None:
        self.processes = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def run(self, function: Callable[[Any], Any], tasks: Sequence[Any], done: Done) -> None:
        if self.processes == 1 or len(tasks) == 1:
            for index, task in enumerate(tasks):
                done(index, function(task))
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes)
        # a few tasks ahead of the workers, not all: memory stays flat, order stays useful
        pending: dict[Future[Any], int] = {}
        queue = iter(enumerate(tasks))
        ahead = 4 * self.processes
        try:
            for index, task in queue:
                pending[self._pool.submit(function, task)] = index
                if len(pending) >= ahead:
                    self._collect(pending, done)
            while pending:
                self._collect(pending, done)
        except BaseException:
            for future in pending:
                future.cancel()
            raise

    @staticmethod
    def _collect(pending: dict[Future[Any], int], done: Done) -> None:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            done(pending.pop(future), future.result())

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
