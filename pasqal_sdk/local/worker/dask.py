"""The Dask executor: the local cloud's jobs on a running Dask scheduler
(`serve --executor dask://HOST:PORT`), SQLite staying in the API process.

A job goes to the cluster as its spec and comes back through its future as (why it failed or
None, its result document); the API process writes the result file and records the outcome.
On a worker, `run_on_worker` runs the job in a job process of its own (`jobproc`, started
with `python -m`, kept for the next job), so that the time limit, the memory cap and
`future.cancel()` stop a running job there as they do in the local pool.

- Placement: GPU device types (`GPU_DEVICE_TYPES`) ask for `resources={"GPU": 1}`; while no
  worker declares a GPU they are refused at submission rather than queued for ever.
- Back-pressure: at most SLOT_DEPTH jobs in flight per worker thread of the cluster.
- A worker that dies mid-job: the scheduler runs the job again on another worker, as many times
  as its `distributed.scheduler.allowed-failures` says (set it to 1 for one re-run), then the
  job ends ERROR saying so. A lost scheduler: the jobs in flight go back to PENDING and run
  once it (or a new one at the same address) answers again.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing.connection
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from pasqal_sdk.local.worker.executor import GPU_DEVICE_TYPES, Executor, Limits, Outcome, Ticket
from pasqal_sdk.local.worker.jobproc import READY, exit_message, time_message

__all__ = ["DaskExecutor", "run_on_worker"]

log = logging.getLogger("pasqal_sdk.local")

#: Jobs in flight per worker thread: the next job already waits on the worker when one ends.
SLOT_DEPTH = 2
#: Seconds to wait for the scheduler when connecting, and between two tries while it is lost.
CONNECT_TIMEOUT = 3.0
RECONNECT_EVERY = 2.0
#: Seconds the cluster's workers (threads, resources) are known for before being asked again.
WORKERS_TTL = 1.0
#: Seconds a job process may take to start (imports and warm-up) on a worker.
START_TIMEOUT = 180.0


class DaskExecutor(Executor):
    """Jobs as Dask futures on the scheduler at `address` (`tcp://HOST:PORT`)."""

    runs_here = False
    takes_spare = False  # SLOT_DEPTH jobs a thread wait on the cluster already

    def __init__(self, address: str, limits: Limits) -> None:
        self.address = address
        self.limits = limits
        self._client: Any = None
        self._futures: dict[str, tuple[Ticket, Any]] = {}
        self._outcomes: collections.deque[Outcome] = collections.deque()
        self._lock = threading.Lock()
        self._wake: Callable[[], None] = lambda: None
        self._workers: dict[str, Any] = {}
        self._workers_at = 0.0
        self._next_connect = 0.0

    def describe(self) -> str:
        return f"the Dask cluster at {self.address}"

    def open(self, wake: Callable[[], None]) -> None:
        self._wake = wake
        self._connected()

    def close(self) -> None:
        with self._lock:
            futures = [future for _, future in self._futures.values()]
            self._futures.clear()
        client, self._client = self._client, None
        if client is None:
            return
        try:
            for future in futures:
                future.cancel()
            client.close(timeout=CONNECT_TIMEOUT)
        except Exception:  # closing on the way out: nothing left to tell
            log.debug("closing the Dask client failed", exc_info=True)

    def _connected(self, connect: bool = True) -> Any:
        """The client while it is connected, else None; with `connect` (the dispatcher's
        thread only), a new one is tried now and then."""
        client = self._client
        if client is not None and client.status == "running":
            return client
        if client is not None and client.status == "connecting":
            return None  # it reconnects by itself for a while
        if not connect or time.monotonic() < self._next_connect:
            return None
        self._next_connect = time.monotonic() + RECONNECT_EVERY
        if client is not None:
            self._client = None
            try:
                client.close(timeout=CONNECT_TIMEOUT)
            except Exception:
                log.debug("closing the lost Dask client failed", exc_info=True)
        from distributed import Client

        try:
            self._client = Client(  # type: ignore[no-untyped-call]
                self.address, timeout=CONNECT_TIMEOUT, set_as_default=False, name="pasqal-local"
            )
        except (OSError, TimeoutError) as error:
            log.warning("Dask scheduler %s does not answer (%s); jobs wait", self.address, error)
            return None
        log.info("jobs run on the Dask scheduler at %s", self.address)
        self._workers_at = 0.0
        return self._client

    def _cluster_workers(self, client: Any) -> dict[str, Any]:
        """The scheduler's workers (address: info with `nthreads` and `resources`), cached."""
        if time.monotonic() - self._workers_at > WORKERS_TTL:
            try:
                self._workers = dict(client.scheduler_info(n_workers=-1)["workers"])
            except Exception:  # lost meanwhile: nothing runs until it is back
                self._workers = {}
            self._workers_at = time.monotonic()
        return self._workers

    def free_slots(self) -> int:
        client = self._connected()
        if client is None:
            return 0
        threads = sum(int(w.get("nthreads", 1)) for w in self._cluster_workers(client).values())
        return max(0, threads * SLOT_DEPTH - len(self._futures))

    def refusal(self, device_type: str) -> str | None:
        if device_type not in GPU_DEVICE_TYPES:
            return None
        client = self._connected(connect=False)  # asked by requests too: never blocks on it
        if client is None:
            return None  # the cluster can't be asked now: the job waits for it
        workers = self._cluster_workers(client).values()
        if any(float((w.get("resources") or {}).get("GPU", 0)) >= 1 for w in workers):
            return None
        return (
            f"Device type {device_type} runs on a GPU, and no worker of the Dask cluster at"
            f" {self.address} has one now: start one with"
            f" `dask worker {self.address} --resources GPU=1`, or use EMU_FREE or EMU_SV."
        )

    def run(self, ticket: Ticket) -> None:
        client = self._connected()
        gpu = ticket.spec["device_type"] in GPU_DEVICE_TYPES
        try:
            if client is None:
                raise OSError("the scheduler is lost")
            future = client.submit(
                run_on_worker,
                ticket.spec,
                self.limits.time,
                self.limits.memory,
                key=f"pasqal-job-{ticket.job_id}-{ticket.number}",
                resources={"GPU": 1} if gpu else None,
            )
        except Exception as error:  # lost between the check and the submit: it runs later
            log.info("job %s waits for the Dask scheduler (%s)", ticket.job_id, error)
            self._outcomes.append(Outcome(ticket, requeue=True))
            self._wake()
            return
        with self._lock:
            self._futures[ticket.job_id] = (ticket, future)
        future.add_done_callback(lambda done: self._done(ticket, done))

    def _done(self, ticket: Ticket, future: Any) -> None:
        """A future's end, on the client's callback thread."""
        with self._lock:
            current = self._futures.get(ticket.job_id)
            if current is None or current[0] is not ticket:
                return  # stopped: nothing to report
            del self._futures[ticket.job_id]
        try:
            if future.status == "finished":
                error, document = future.result()
                outcome = Outcome(ticket, error, document)
            elif future.status == "cancelled":  # not by us: the scheduler was lost
                outcome = Outcome(ticket, requeue=True)
            else:
                outcome = Outcome(ticket, _failure_message(future.exception()))
        except Exception as error:  # the result could not be fetched: the scheduler went away
            log.info("job %s: its result was lost with the scheduler (%r)", ticket.job_id, error)
            outcome = Outcome(ticket, requeue=True)
        self._outcomes.append(outcome)
        self._wake()

    def stop(self, job_id: str) -> None:
        with self._lock:
            entry = self._futures.pop(job_id, None)
        if entry is not None:
            try:
                entry[1].cancel()
            except Exception:  # the scheduler is lost: so is the job
                log.debug("cancelling job %s on the cluster failed", job_id, exc_info=True)

    def wait(self, wake: socket.socket, timeout: float) -> list[Outcome]:
        if not self._outcomes:
            multiprocessing.connection.wait([wake], timeout=timeout)
        outcomes = []
        while self._outcomes:
            outcomes.append(self._outcomes.popleft())
        return outcomes


def _failure_message(error: BaseException | None) -> str:
    from distributed.scheduler import KilledWorker

    if isinstance(error, KilledWorker):
        return (
            "The Dask worker running the job died, on every try the scheduler allows"
            f" (distributed.scheduler.allowed-failures: {error.allowed_failures}): it may have"
            " run out of memory or been stopped."
        )
    return f"The job failed on the Dask cluster: {error!r}"


# On a worker.


class _JobProcess:
    """A job process started by a Dask worker, talking over two pipes."""

    def __init__(self, memory_limit: int) -> None:
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        self.memory_limit = memory_limit
        command = [sys.executable, "-m", "pasqal_sdk.local.worker.jobproc"]
        command += [str(child_in), str(child_out), str(memory_limit), str(os.getpid())]
        self.popen = subprocess.Popen(
            command,
            pass_fds=(child_in, child_out),
            stdin=subprocess.DEVNULL,
        )
        os.close(child_in)
        os.close(child_out)
        self.outbox = Connection(to_child, readable=False)
        self.inbox = Connection(from_child, writable=False)
        self.ready = False

    def wait_ready(self) -> bool:
        if not self.ready and self.inbox.poll(START_TIMEOUT):
            self.ready = self.inbox.recv() == READY
        return self.ready

    def kill(self) -> None:
        self.popen.kill()
        self.popen.wait(10)
        self.outbox.close()
        self.inbox.close()


_idle: list[_JobProcess] = []
_idle_lock = threading.Lock()


def _borrow(memory_limit: int) -> _JobProcess:
    with _idle_lock:
        for process in _idle:
            if process.memory_limit == memory_limit and process.popen.poll() is None:
                _idle.remove(process)
                return process
    return _JobProcess(memory_limit)


def _give_back(process: _JobProcess) -> None:
    with _idle_lock:
        _idle.append(process)


def _cancellation() -> Callable[[], bool]:
    """Whether the task calling this was cancelled (`future.cancel()`) since: its worker marks
    it so, and goes on running it unless the task itself stops."""
    try:
        from distributed import get_worker

        worker = get_worker()
        key = worker.get_current_task()
    except Exception:  # not in a Dask task: never cancelled
        return lambda: False

    def cancelled() -> bool:
        task = worker.state.tasks.get(key)
        return task is None or task.state in ("cancelled", "released", "forgotten")

    return cancelled


def run_on_worker(
    spec: dict[str, Any], time_limit: float, memory_limit: int
) -> tuple[str | None, dict[str, Any] | None]:
    """The Dask task of one job: (None or why it failed, its result document)."""
    cancelled = _cancellation()
    process = _borrow(memory_limit)
    try:
        if not process.wait_ready():
            process.kill()
            return "The job process did not start on the Dask worker.", None
        process.outbox.send(spec)
        started = time.monotonic()
        while True:
            if process.inbox.poll(0.05):
                error, fit, document = process.inbox.recv()
                if fit:
                    _give_back(process)
                else:
                    process.kill()
                return error, document
            if process.popen.poll() is not None:
                code = process.popen.returncode
                process.kill()
                return exit_message(code, memory_limit), None
            if 0 < time_limit < time.monotonic() - started:
                process.kill()
                return time_message(time_limit), None
            if cancelled():
                process.kill()
                return "The job was cancelled.", None
    except (EOFError, OSError):
        process.kill()
        return "The job process stopped without a result.", None
