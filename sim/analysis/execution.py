"""Where the académie's tasks run: in this process, on a local pool of processes, or on a
Dask distributed cluster. A task is a module-level function of its argument alone, so that
it runs the same anywhere; results come back in any order, tagged with their task's index.
"""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
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
        # what is loaded by now (modules, the académie) outlives the run: the collector need
        # not walk it again while it lasts, here or in each worker forked from here
        gc.freeze()
        try:
            self._run(function, tasks, done)
        finally:
            gc.unfreeze()  # a long-lived caller (a notebook, the API) collects as before

    def _run(self, function: Callable[[Any], Any], tasks: Sequence[Any], done: Done) -> None:
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


SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"
WATCH_SECONDS = 5.0  # how often a waiting client looks whether any worker is left
NO_WORKER_SECONDS = 60.0  # then it stops: the work would never end
FINGERPRINTED = ("numpy", "simpy", "networkx", "pydantic", "holidays", "vacances-scolaires-france")


def fingerprint() -> dict[str, str]:
    """What must be the same on the client and every worker for the same results: the
    versions of the libraries the model uses, and the model's own sources (an editable
    install at another commit still says the same version)."""
    import hashlib
    from importlib import metadata
    from pathlib import Path

    found: dict[str, str] = {}
    for name in FINGERPRINTED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    found["rentree-sim"] = digest.hexdigest()[:16]
    return found


_WORKER: dict[str, Any] = {}  # this worker process's fingerprint, computed once
_ONE_AT_A_TIME = threading.Lock()  # the model's caches (truths, memos) are per process


def checked_call(function: Callable[[Any], Any], task: Any, expected: dict[str, str]) -> Any:
    """``function(task)`` on a Dask worker, after checking once that this worker runs the
    client's code (a worker may join after the start), one task at a time per process
    (a worker started with several threads shares the model's caches between them)."""
    from sim.errors import ClusterError
    from sim.i18n import t

    with _ONE_AT_A_TIME:
        if "fingerprint" not in _WORKER:
            _WORKER["fingerprint"] = fingerprint()
        found = _WORKER["fingerprint"]
        for name, value in expected.items():
            if found.get(name) != value:
                worker = f"{socket.gethostname()}:{os.getpid()}"
                difference = f"{name} {found.get(name)} ≠ {value}"
                raise ClusterError(t("cluster.worker_unfit", worker=worker, difference=difference))
        return function(task)


def worker_fingerprint() -> dict[str, str]:
    """:func:`fingerprint` as a worker computes it, from its own installed code (sent by
    name, not by value)."""
    return fingerprint()


class DaskExecutor:
    """A Dask distributed cluster: ``dask scheduler`` on one machine, ``dask worker`` on
    the others, the same rentree-sim on all. Tasks carry their scenario (never scattered
    data, which a dead worker would take with it): a task lost with its worker runs again
    elsewhere, with the same result."""

    def __init__(self, address: str, timeout: float = 10.0, wait_workers: float = 30.0) -> None:
        from sim.errors import UsageError
        from sim.i18n import t

        if not address.startswith("tcp://"):
            raise UsageError(t("cluster.scheme", address=address))
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(t("cluster.not_installed")) from None
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            refused = isinstance(error, ConnectionRefusedError) or "refused" in str(error)
            reason = t("cluster.refused") if refused else t("cluster.silent", seconds=timeout)
            raise UsageError(t("cluster.unreachable", address=address, reason=reason)) from None
        try:
            self.client.wait_for_workers(1, timeout=wait_workers)
        except TimeoutError:
            self.close()
            raise UsageError(t("cluster.no_workers", address=address)) from None
        self._check_workers()
        # one task at a time per worker process (see checked_call), whatever its threads;
        # nthreads() names every worker (scheduler_info may list only a few)
        self.processes = max(1, len(self.client.nthreads()))

    def _check_workers(self) -> None:
        from sim.errors import UsageError
        from sim.i18n import t

        mine = fingerprint()
        try:
            theirs = self.client.run(worker_fingerprint)
        except Exception as error:  # a worker without rentree-sim cannot even unpickle it
            self.close()
            raise UsageError(t("cluster.worker_unfit", worker="?", difference=error)) from None
        for worker, found in sorted(theirs.items()):
            for name, value in mine.items():
                if found.get(name) != value:
                    self.close()
                    difference = f"{name} {found.get(name)} ≠ {value}"
                    raise UsageError(
                        t("cluster.worker_unfit", worker=worker, difference=difference)
                    )

    def run(self, function: Callable[[Any], Any], tasks: Sequence[Any], done: Done) -> None:
        from distributed import wait
        from distributed.client import FutureCancelledError

        from sim.errors import ClusterError
        from sim.i18n import t

        expected = fingerprint()
        queue = iter(enumerate(tasks))
        pending: dict[Any, int] = {}
        ahead = max(16, 4 * self.processes)  # the scheduler holds a few tasks, not all
        alone_since: float | None = None

        def submit() -> None:
            for index, task in queue:
                future = self.client.submit(checked_call, function, task, expected, pure=False)
                pending[future] = index
                return

        try:
            for _ in range(ahead):
                submit()
            while pending:
                try:
                    # the Dask futures themselves: a result that cannot come back raises here
                    with self.client.as_current():
                        finished = wait(
                            list(pending), timeout=WATCH_SECONDS, return_when="FIRST_COMPLETED"
                        ).done
                except TimeoutError:
                    if self._has_workers():
                        alone_since = None
                    elif alone_since is None:
                        alone_since = time.monotonic()
                    elif time.monotonic() - alone_since > NO_WORKER_SECONDS:
                        raise ClusterError(t("cluster.workers_gone")) from None
                    continue
                for future in finished:
                    index = pending[future]
                    try:
                        result = future.result()
                    except (FutureCancelledError, OSError) as error:
                        raise ClusterError(t("cluster.lost", reason=error)) from None
                    except Exception as error:
                        if type(error).__name__ == "KilledWorker":
                            raise ClusterError(t("cluster.killed", task=index)) from None
                        raise
                    del pending[future]
                    done(index, result)
                    future.release()
                    submit()
        except BaseException:
            self.client.cancel(list(pending))
            raise

    def _has_workers(self) -> bool:
        try:
            return bool(self.client.nthreads())
        except Exception:  # the connection to the scheduler is gone: no worker either
            return False

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def executor_for(scheduler: str | None, workers: int) -> LocalExecutor | DaskExecutor:
    """A Dask cluster at ``scheduler`` (``tcp://HOST:PORT``), else this machine."""
    return DaskExecutor(scheduler) if scheduler else LocalExecutor(workers)
