"""The job runner: a dispatcher thread that starts each pending job in a worker process (at most
`workers` at once), by batch priority then creation order, and records its outcome. Cancelling a
running job terminates its process. Open batches left idle time out, and finished batches with
a webhook are POSTed to it (`_webhooks`: a bounded queue, bounded retries).

Jobs are bounded: a job running past `job_time_limit` seconds is stopped, and a worker's address
space may grow by at most `job_memory_limit` bytes (RLIMIT_AS); either way the job ends ERROR
naming the limit and its worker is replaced."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pasqal_sdk.local import _webhooks
from pasqal_sdk.local._results import ResultFiles
from pasqal_sdk.local._store import Store

log = logging.getLogger("pasqal_sdk.local")

# Seconds a job may run, and bytes a worker may add to its address space while running jobs.
DEFAULT_JOB_TIME_LIMIT = 600.0
DEFAULT_JOB_MEMORY_LIMIT = 4 * 1024**3
# Emulation workers yield the CPU to the server (a nice value, as for batch work).
WORKER_NICENESS = 10


def _mib(size: int) -> str:
    return f"{size / 1024**2:.0f} MiB"


def memory_message(limit: int) -> str:
    return (
        f"The job went over the memory limit of {_mib(limit)} a job (job_memory_limit,"
        " `serve --job-memory-limit`): use fewer atoms or runs, or raise the limit."
    )


def time_message(limit: float) -> str:
    return (
        f"The job ran past the time limit of {limit:g} s (job_time_limit,"
        " `serve --job-time-limit`): shorten the sequence, use fewer atoms, or raise the limit."
    )


def _execute(
    results_dir: str, job: dict[str, Any], seed: int | None, memory_limit: int = 0
) -> tuple[str | None, bool]:
    """Simulate one job and write its result file. Returns None on success, else why it
    failed, and whether this worker is fit for another job (not after reaching its memory cap:
    a failed allocation can surface as any exception, and leave the process in a bad state)."""
    from pasqal_sdk.local._emulators import SequenceError, run_job

    try:
        sequence = job["sequence"] or job["sequence_builder"]
        document = run_job(
            job["device_type"], sequence, job["variables"], job["runs"], job["configuration"], seed
        )
        ResultFiles(Path(results_dir).parent).write(job["id"], document)
        return None, True
    except SequenceError as error:
        return str(error), True
    except Exception as error:  # the job fails, the worker reports why
        if memory_limit > 0 and (_out_of_memory(error) or _near_memory_cap()):
            return memory_message(memory_limit), False
        log.debug("job %s failed", job["id"], exc_info=True)
        return f"The emulation failed: {error!r}", True


def _out_of_memory(error: BaseException) -> bool:
    """Whether a MemoryError is `error` or in its chain."""
    seen: BaseException | None = error
    for _ in range(20):
        if seen is None:
            return False
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _status_bytes(field: str) -> int:
    """A size field of /proc/self/status (VmSize, VmPeak), in bytes; 0 where it can't say."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _near_memory_cap() -> bool:
    """Whether this process's address space came within 32 MiB of its RLIMIT_AS."""
    import resource

    cap, _ = resource.getrlimit(resource.RLIMIT_AS)
    peak = _status_bytes("VmPeak")
    return cap != resource.RLIM_INFINITY and peak > 0 and peak >= cap - 32 * 1024**2


def _cap_memory(limit: int) -> None:
    """Lets this process's address space grow by at most `limit` bytes (0: no cap)."""
    import resource

    if limit <= 0:
        return
    cap = _status_bytes("VmSize") + limit
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _serve(connection: Connection, results_dir: str, memory_limit: int = 0) -> None:
    """Worker process body: run the jobs it is sent, one at a time, until its pipe closes.
    Each outcome is sent with whether the worker is fit for another job; one that is not
    exits. It runs at a lower CPU priority than the server, so that answers stay fast while
    emulations fill the machine."""
    _cap_memory(memory_limit)
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)
    while True:
        try:
            job, seed = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome, fit = _execute(results_dir, job, seed, memory_limit)
        except MemoryError:  # outside the job's own handling (its result's write, ...)
            outcome, fit = memory_message(memory_limit), False
        connection.send((outcome, fit))
        if not fit:
            return


@dataclass
class _Worker:
    """A worker process, kept for job after job; killed (and replaced) to cancel its job."""

    process: Any
    connection: Connection
    job_id: str | None = None
    # time.monotonic() when its current job was sent.
    started: float = 0.0


class Runner:
    def __init__(
        self,
        store: Store,
        results: ResultFiles,
        workers: int,
        open_batch_timeout: float,
        batch_payload: Callable[[str], dict[str, Any] | None],
        seed: int | None = None,
        *,
        job_time_limit: float = DEFAULT_JOB_TIME_LIMIT,
        job_memory_limit: int = DEFAULT_JOB_MEMORY_LIMIT,
    ) -> None:
        self.store = store
        self.job_time_limit = job_time_limit
        self.job_memory_limit = job_memory_limit
        self.results = results
        self.workers = max(1, workers)
        self.open_batch_timeout = open_batch_timeout
        self.batch_payload = batch_payload
        self.seed = seed
        self._running: dict[str, _Worker] = {}
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        # The dispatcher sleeps until a worker reports or `wake` writes here, never longer
        # than a second: a finished job is collected at once, not at the next tick.
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["pasqal_sdk.local._preload"])

    def start(self) -> None:
        requeued = self.store.requeue_running_jobs()
        if requeued:
            log.info("re-queued %d job(s) interrupted by the last stop", requeued)
        self._thread.start()

    def _new_worker(self) -> _Worker:
        receiver, sender = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve,
            args=(sender, str(self.results.folder), self.job_memory_limit),
            name="job-worker",
            daemon=True,
        )
        process.start()
        sender.close()
        return _Worker(process, receiver)

    def stop(self) -> None:
        self._stop.set()
        self.wake()
        self._thread.join(timeout=10)
        with self._lock:
            for worker in [*self._running.values(), *self._idle]:
                worker.process.kill()
                worker.connection.close()
            self._running.clear()
            self._idle.clear()

    def wake(self) -> None:
        """New work may be waiting."""
        with contextlib.suppress(OSError):  # when full, a wake-up is already pending
            self._wake_writer.send(b"!")

    def cancel(self, job_ids: list[str]) -> None:
        """Stops the workers of these jobs, when they run."""
        with self._lock:
            for job_id in job_ids:
                worker = self._running.pop(job_id, None)
                if worker is not None:
                    worker.process.kill()
                    worker.process.join(timeout=5)
                    worker.connection.close()
                    self.results.path(job_id).unlink(missing_ok=True)
        self.wake()

    def _loop(self) -> None:
        # Start the pool (forkserver, warm-up, workers) now rather than on the first job.
        with self._lock:
            self._idle = [self._new_worker() for _ in range(self.workers)]
        last_housekeeping = 0.0
        while not self._stop.is_set():
            try:
                self._collect()
                self._dispatch()
                if time.monotonic() - last_housekeeping > 1.0:
                    last_housekeeping = time.monotonic()
                    self._housekeeping()
            except Exception:
                log.exception("the job dispatcher failed; it goes on")
            self._sleep(timeout=1.0)

    def _sleep(self, timeout: float) -> None:
        """Until a worker reports, `wake` is called, or `timeout` passes."""
        with self._lock:
            waiting: list[Any] = [r.connection for r in self._running.values()]
        multiprocessing.connection.wait([self._wake_reader, *waiting], timeout=timeout)
        with contextlib.suppress(OSError):  # BlockingIOError: drained
            while self._wake_reader.recv(4096):
                pass

    def _dispatch(self) -> None:
        while len(self._running) < self.workers and not self._stop.is_set():
            job = self.store.next_pending_job()
            if job is None:
                return
            seed = None if self.seed is None else self.seed + int(job["seq"])
            with self._lock:
                while self._idle and not self._idle[-1].process.is_alive():
                    self._idle.pop().connection.close()  # died while idle: replaced below
                worker = self._idle.pop() if self._idle else self._new_worker()
                worker.job_id = job["id"]
                worker.started = time.monotonic()
                self._running[job["id"]] = worker
            try:
                worker.connection.send((job, seed))
            except OSError:
                self._finish(job["id"], worker, "The worker stopped before the job started.")

    def _collect(self) -> None:
        with self._lock:
            items = list(self._running.items())
        # Jobs cancelled while their worker was starting: stop those workers too.
        statuses = self.store.job_statuses([job_id for job_id, _ in items])
        stale = [job_id for job_id, status in statuses.items() if status != "RUNNING"]
        if stale:
            self.cancel(stale)
            items = [(job_id, worker) for job_id, worker in items if job_id not in stale]
        for job_id, worker in items:
            try:
                if worker.connection.poll():
                    outcome, fit = worker.connection.recv()
                    if not fit:
                        self._retire(worker)
                    self._finish(job_id, worker, outcome)
                elif not worker.process.is_alive():
                    self._finish(job_id, worker, self._exit_message(worker.process.exitcode))
                elif 0 < self.job_time_limit < time.monotonic() - worker.started:
                    self._retire(worker)
                    self._finish(job_id, worker, time_message(self.job_time_limit))
            except (EOFError, OSError):
                self._finish(job_id, worker, "The worker stopped without a result.")

    def _exit_message(self, code: int | None) -> str:
        message = f"The worker exited with code {code}."
        if self.job_memory_limit > 0:  # a failed allocation may abort rather than raise
            message += f" It may have gone over the memory limit of {_mib(self.job_memory_limit)}."
        return message

    @staticmethod
    def _retire(worker: _Worker) -> None:
        """Stops a worker that must not take another job; `_finish` then drops it."""
        worker.process.kill()
        worker.process.join(timeout=5)

    def _finish(self, job_id: str, worker: _Worker, outcome: str | None) -> None:
        """Record a job's outcome; a healthy worker goes back to the pool."""
        with self._lock:
            if self._running.pop(job_id, None) is None:
                return  # cancelled meanwhile
            worker.job_id = None
            if outcome is None or worker.process.is_alive():
                self._idle.append(worker)
            else:
                worker.connection.close()
        if not self.store.finish_job(job_id, None if outcome is None else [str(outcome)]):
            self.results.path(job_id).unlink(missing_ok=True)

    def _housekeeping(self) -> None:
        idle_before = datetime.now(timezone.utc) - timedelta(seconds=self.open_batch_timeout)
        timed_out = self.store.time_out_idle_batches(
            idle_before.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        )
        for batch_id in timed_out:
            log.info("open batch %s timed out", batch_id)
        for batch_id in self.store.finished_batches_to_notify():
            payload = self.batch_payload(batch_id)
            batch = self.store.batch_by_id(batch_id)
            if payload is not None and batch is not None:
                _webhooks.deliver(batch["webhook"], payload)


def default_workers() -> int:
    return os.cpu_count() or 1
