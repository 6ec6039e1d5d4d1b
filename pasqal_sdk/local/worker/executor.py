"""Where the local cloud's jobs run: one interface, `Executor`, with two implementations, the
local pool of job processes (the default, `--workers N`) and a Dask cluster
(`--executor dask://HOST:PORT`, in `dask`).

The runner decides which job runs next (the store's selection) and records every outcome; an
executor only starts jobs from their spec, stops them, and hands back what happened. Each
dispatch carries a ticket, so an outcome from an earlier try of a job that was stopped or
re-queued meanwhile is told apart and dropped: a job is recorded once."""

from __future__ import annotations

import importlib.util
import multiprocessing
import multiprocessing.connection
import os
import socket
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from pasqal_sdk.errors import InvalidConfigurationError, MissingExtraError
from pasqal_sdk.local.worker.jobproc import (
    DEFAULT_JOB_MEMORY_LIMIT,
    DEFAULT_JOB_TIME_LIMIT,
    READY,
    exit_message,
    serve,
    time_message,
)

__all__ = [
    "DEFAULT_EXECUTOR",
    "GPU_DEVICE_TYPES",
    "Executor",
    "Limits",
    "LocalPool",
    "Outcome",
    "Ticket",
    "dask_address",
    "default_workers",
    "make_executor",
]

#: `serve --executor`'s default: the local pool.
DEFAULT_EXECUTOR = "local"
#: Device types whose emulator wants a GPU: on a cluster they go to workers that declare one
#: (`dask worker ... --resources GPU=1`).
GPU_DEVICE_TYPES = frozenset({"EMU_MPS", "EMU_TN"})


@dataclass(frozen=True)
class Limits:
    """Seconds a job may run, and bytes its process may add to its address space (0: none)."""

    time: float = DEFAULT_JOB_TIME_LIMIT
    memory: int = DEFAULT_JOB_MEMORY_LIMIT


@dataclass(frozen=True)
class Ticket:
    """One dispatch of one job: its spec (`jobproc.job_spec`) and a number of its own."""

    number: int
    spec: dict[str, Any]

    @property
    def job_id(self) -> str:
        return str(self.spec["id"])


@dataclass(frozen=True)
class Outcome:
    """What became of a ticket: `error` None and the job DONE with its result `document`, else
    ERROR saying why; or `requeue`: it did not run to an end (the cluster was lost) and goes
    back to PENDING."""

    ticket: Ticket
    error: str | None = None
    document: dict[str, Any] | None = None
    requeue: bool = False


class Executor(ABC):
    """Runs jobs from their spec, at most `free_slots()` more at a time."""

    #: Whether jobs run in this environment (so its installed extras decide the device types).
    runs_here = True
    #: Whether the runner keeps a job taken ahead for the next free slot (an executor that
    #: queues jobs of its own, or may be lost with them, says no).
    takes_spare = True

    @abstractmethod
    def open(self, wake: Callable[[], None]) -> None:
        """Starts what runs the jobs; `wake` tells the runner that outcomes wait."""

    @abstractmethod
    def close(self) -> None:
        """Stops every job and lets go of the workers."""

    @abstractmethod
    def free_slots(self) -> int:
        """How many more jobs may be in flight now (back-pressure: 0 while it is lost)."""

    @abstractmethod
    def run(self, ticket: Ticket) -> None:
        """Starts the job; its outcome comes from `wait`."""

    @abstractmethod
    def stop(self, job_id: str) -> None:
        """Stops the job wherever it runs; no outcome is reported for it."""

    @abstractmethod
    def wait(self, wake: socket.socket, timeout: float) -> list[Outcome]:
        """The outcomes that came in, after waiting until one does, `wake` is readable, or
        `timeout` seconds pass."""

    def refusal(self, device_type: str) -> str | None:
        """Why jobs of `device_type` cannot run now (None: they can)."""
        return None

    def describe(self) -> str:
        return type(self).__name__


@dataclass
class _Worker:
    """A job process, kept for job after job; killed (and replaced) to stop its job."""

    process: Any
    connection: Connection
    ticket: Ticket | None = None
    # time.monotonic() when its current job was sent.
    started: float = 0.0
    ready: bool = field(default=False)


class LocalPool(Executor):
    """Job processes on this machine, forked from a forkserver that imported the emulators
    once."""

    def __init__(self, workers: int, limits: Limits) -> None:
        self.workers = max(1, workers)
        self.limits = limits
        self._running: dict[str, _Worker] = {}
        self._idle: list[_Worker] = []
        self._failed: list[Outcome] = []
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["pasqal_sdk.local.worker.preload"])

    def describe(self) -> str:
        return f"the local pool ({self.workers} worker(s))"

    def open(self, wake: Callable[[], None]) -> None:
        # The pool (forkserver, warm-up, workers) starts now rather than on the first job.
        with self._lock:
            self._idle = [self._new_worker() for _ in range(self.workers)]

    def _new_worker(self) -> _Worker:
        receiver, sender = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=serve,
            args=(sender, sender, self.limits.memory),
            name="job-worker",
            daemon=True,
        )
        process.start()
        sender.close()
        return _Worker(process, receiver)

    def close(self) -> None:
        with self._lock:
            for worker in [*self._running.values(), *self._idle]:
                worker.process.kill()
                worker.connection.close()
            self._running.clear()
            self._idle.clear()

    def free_slots(self) -> int:
        return self.workers - len(self._running)

    def run(self, ticket: Ticket) -> None:
        with self._lock:
            while self._idle and not self._idle[-1].process.is_alive():
                self._idle.pop().connection.close()  # died while idle: replaced below
            worker = self._idle.pop() if self._idle else self._new_worker()
            worker.ticket = ticket
            worker.started = time.monotonic()
            self._running[ticket.job_id] = worker
        try:
            worker.connection.send(ticket.spec)
        except OSError:
            self._drop(worker)
            self._failed.append(Outcome(ticket, "The worker stopped before the job started."))

    def stop(self, job_id: str) -> None:
        with self._lock:
            worker = self._running.pop(job_id, None)
        if worker is not None:
            worker.process.kill()
            worker.process.join(timeout=5)
            worker.connection.close()

    def wait(self, wake: socket.socket, timeout: float) -> list[Outcome]:
        with self._lock:
            waiting: list[Any] = [w.connection for w in self._running.values()]
        if not self._failed:
            multiprocessing.connection.wait([wake, *waiting], timeout=timeout)
        outcomes, self._failed = self._failed, []
        with self._lock:
            running = list(self._running.values())
        for worker in running:
            outcome = self._collect(worker)
            if outcome is not None:
                outcomes.append(outcome)
        return outcomes

    def _collect(self, worker: _Worker) -> Outcome | None:
        ticket = worker.ticket
        assert ticket is not None
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                if message == READY:  # the process's first word, before its first job
                    worker.started = time.monotonic()
                    continue
                error, fit, document = message
                if not fit:
                    self._retire(worker)
                self._release(worker, healthy=fit)
                return Outcome(ticket, error, document)
            if not worker.process.is_alive():
                self._release(worker, healthy=False)
                return Outcome(ticket, exit_message(worker.process.exitcode, self.limits.memory))
            if 0 < self.limits.time < time.monotonic() - worker.started:
                self._retire(worker)
                self._release(worker, healthy=False)
                return Outcome(ticket, time_message(self.limits.time))
        except (EOFError, OSError):
            self._release(worker, healthy=False)
            return Outcome(ticket, "The worker stopped without a result.")
        return None

    @staticmethod
    def _retire(worker: _Worker) -> None:
        """Stops a worker that must not take another job."""
        worker.process.kill()
        worker.process.join(timeout=5)

    def _release(self, worker: _Worker, healthy: bool) -> None:
        """Its job is over: a healthy worker goes back to the pool, another is dropped."""
        with self._lock:
            assert worker.ticket is not None
            self._running.pop(worker.ticket.job_id, None)
            worker.ticket = None
            if healthy and worker.process.is_alive():
                self._idle.append(worker)
            else:
                worker.connection.close()

    def _drop(self, worker: _Worker) -> None:
        with self._lock:
            if worker.ticket is not None:
                self._running.pop(worker.ticket.job_id, None)
            worker.connection.close()


def dask_address(where: str) -> str | None:
    """The scheduler address `serve --executor` names (`dask://HOST:PORT` is `tcp://HOST:PORT`;
    `tcp://`, `tls://` are kept), or None for the local pool. InvalidConfigurationError for
    anything else, MissingExtraError while `distributed` is not installed."""
    if where in ("", DEFAULT_EXECUTOR):
        return None
    scheme, _, rest = where.partition("://")
    if scheme not in ("dask", "tcp", "tls") or not rest:
        raise InvalidConfigurationError(
            f"executor {where!r} is neither 'local' nor 'dask://HOST:PORT' (a Dask scheduler)"
        )
    if importlib.util.find_spec("distributed") is None:
        raise MissingExtraError("the Dask executor", "dask")
    return f"tcp://{rest}" if scheme == "dask" else where


def make_executor(where: str, workers: int, limits: Limits) -> Executor:
    """The executor `serve --executor` names: `local` (the pool of `workers` processes) or a
    Dask scheduler's address (`dask_address`)."""
    address = dask_address(where)
    if address is None:
        return LocalPool(workers, limits)
    from pasqal_sdk.local.worker.dask import DaskExecutor

    return DaskExecutor(address, limits)


def default_workers() -> int:
    return os.cpu_count() or 1
