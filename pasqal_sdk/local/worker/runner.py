"""The job runner: a dispatcher thread that takes each job the store selects (fairly between
projects, by batch priority) to the executor while it has a free slot, and records each outcome,
once. Cancelling a running job stops it where it runs. Open batches left idle time out, and
finished batches with a webhook are POSTed to it (`webhooks`: a bounded queue, bounded
retries).

Where jobs run is the executor's business (`executor`: the local pool or a Dask cluster);
only this process writes the database. Jobs are bounded: a job running past `job_time_limit`
seconds is stopped, and its process's address space may grow by at most `job_memory_limit`
bytes (RLIMIT_AS); either way the job ends ERROR naming the limit."""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from pasqal_sdk.local.storage.results import ResultFiles
from pasqal_sdk.local.storage.rows import stamp
from pasqal_sdk.local.storage.store import Store
from pasqal_sdk.local.worker import webhooks
from pasqal_sdk.local.worker.executor import (
    DEFAULT_EXECUTOR,
    Executor,
    Limits,
    Outcome,
    Ticket,
    default_workers,
    make_executor,
)
from pasqal_sdk.local.worker.jobproc import (
    DEFAULT_JOB_MEMORY_LIMIT,
    DEFAULT_JOB_TIME_LIMIT,
    job_spec,
)

__all__ = [
    "DEFAULT_EXECUTOR",
    "DEFAULT_JOB_MEMORY_LIMIT",
    "DEFAULT_JOB_TIME_LIMIT",
    "Runner",
    "default_workers",
]

log = logging.getLogger("pasqal_sdk.local")

# Threads that write result files and record jobs DONE (an fsync each: they overlap).
RESULT_WRITERS = 4


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
        executor: str = DEFAULT_EXECUTOR,
    ) -> None:
        self.store = store
        self.job_time_limit = job_time_limit
        self.job_memory_limit = job_memory_limit
        self.results = results
        self.workers = max(1, workers)
        self.open_batch_timeout = open_batch_timeout
        self.batch_payload = batch_payload
        self.seed = seed
        self.executor: Executor = make_executor(
            executor, self.workers, Limits(time=job_time_limit, memory=job_memory_limit)
        )
        # Results are written (and fsynced) and recorded here while the next job already runs.
        self._writers = concurrent.futures.ThreadPoolExecutor(
            RESULT_WRITERS, thread_name_prefix="result-writer"
        )
        # The ticket of each job in flight: an outcome counts only for its job's own ticket.
        self._in_flight: dict[str, Ticket] = {}
        # The next job, taken from the store ahead (RUNNING, in `_in_flight`): it goes to the
        # first slot that frees, without a database write between two jobs of a worker.
        self._spare: Ticket | None = None
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()
        # The dispatcher sleeps until an outcome comes or `wake` writes here, never longer
        # than a second: a finished job is collected at once, not at the next tick.
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)

    def start(self) -> None:
        requeued = self.store.requeue_running_jobs()
        if requeued:
            log.info("re-queued %d job(s) interrupted by the last stop", requeued)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.wake()
        self._thread.join(timeout=10)
        self._writers.shutdown(wait=True)
        self.executor.close()
        with self._lock:
            self._in_flight.clear()
        if not self._thread.is_alive():  # a thread stuck past the join keeps its wake-up pair
            self._wake_reader.close()
            self._wake_writer.close()

    def wake(self) -> None:
        """New work may be waiting."""
        with contextlib.suppress(OSError):  # when full, a wake-up is already pending
            self._wake_writer.send(b"!")

    def refusal(self, device_type: str) -> str | None:
        """Why jobs of `device_type` can't run now (None: they can)."""
        return self.executor.refusal(device_type)

    def cancel(self, job_ids: list[str]) -> None:
        """Stops these jobs where they run, when they do."""
        for job_id in job_ids:
            with self._lock:
                ticket = self._in_flight.pop(job_id, None)
                if ticket is not None and ticket is self._spare:
                    self._spare = None  # not sent yet: nothing runs
                    continue
            if ticket is not None:
                self.executor.stop(job_id)
                self.results.path(job_id).unlink(missing_ok=True)
        self.wake()

    def _loop(self) -> None:
        try:
            self.executor.open(self.wake)
        except Exception:
            log.exception("the executor (%s) failed to start", self.executor.describe())
        last_housekeeping = 0.0
        while not self._stop.is_set():
            try:
                for outcome in self.executor.wait(self._wake_reader, timeout=1.0):
                    self._record(outcome)
                self._dispatch()
                self._drain_wake()
                self._stop_cancelled()
                if time.monotonic() - last_housekeeping > 1.0:
                    last_housekeeping = time.monotonic()
                    self._housekeeping()
            except Exception:
                log.exception("the job dispatcher failed; it goes on")
                self._stop.wait(0.1)

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: drained
            while self._wake_reader.recv(4096):
                pass

    def _dispatch(self) -> None:
        """Jobs to the executor's free slots (the spare first), then a new spare."""
        while not self._stop.is_set() and self.executor.free_slots() > 0:
            with self._lock:
                ticket, self._spare = self._spare, None
            ticket = ticket or self._take()
            if ticket is None:
                return
            self.executor.run(ticket)
            with self._lock:
                cancelled = self._in_flight.get(ticket.job_id) is not ticket
            if cancelled:  # while it was being sent
                self.executor.stop(ticket.job_id)
        if self.executor.takes_spare and not self._stop.is_set():
            spare = None if self._spare is not None else self._take()
            with self._lock:
                self._spare = self._spare or spare

    def _take(self) -> Ticket | None:
        """The store's next job, RUNNING and in flight; None while none waits."""
        while True:
            job = self.store.next_pending_job()
            if job is None:
                return None
            seed = None if self.seed is None else self.seed + int(job["seq"])
            ticket = Ticket(next(self._tickets), job_spec(job, seed))
            refusal = self.executor.refusal(job["device_type"])
            if refusal is not None:  # e.g. no GPU worker any more: say so, don't queue for ever
                self.store.finish_job(job["id"], [refusal])
                continue
            with self._lock:
                self._in_flight[ticket.job_id] = ticket
            return ticket

    def _stop_cancelled(self) -> None:
        """Jobs cancelled while they were being started: stop them too."""
        with self._lock:
            job_ids = list(self._in_flight)
        statuses = self.store.job_statuses(job_ids)
        stale = [job_id for job_id, status in statuses.items() if status != "RUNNING"]
        if stale:
            self.cancel(stale)

    def _record(self, outcome: Outcome) -> None:
        """A job's outcome, recorded once: only for the ticket it was sent with."""
        job_id = outcome.ticket.job_id
        with self._lock:
            if self._in_flight.get(job_id) is not outcome.ticket:
                return  # stopped, or sent again, meanwhile
            del self._in_flight[job_id]
        if outcome.requeue:
            self.store.requeue_jobs([job_id])
        elif outcome.error is None and outcome.document is not None:
            self._writers.submit(self._finish_done, job_id, outcome.document)
        else:
            self.store.finish_job(job_id, [str(outcome.error or "The job gave no result.")])

    def _finish_done(self, job_id: str, document: dict[str, Any]) -> None:
        """A result file, then DONE (unless the job was cancelled meanwhile: then no file)."""
        try:
            self.results.write(job_id, document)
        except OSError as error:  # a full disk: finish_job re-queues the job
            self.store.finish_job(job_id, [f"The result could not be written: {error!r}"])
            return
        if not self.store.finish_job(job_id, None):
            self.results.path(job_id).unlink(missing_ok=True)

    def _housekeeping(self) -> None:
        idle_before = datetime.now(timezone.utc) - timedelta(seconds=self.open_batch_timeout)
        timed_out = self.store.time_out_idle_batches(stamp(idle_before))
        for batch_id in timed_out:
            log.info("open batch %s timed out", batch_id)
        for batch_id in self.store.finished_batches_to_notify():
            payload = self.batch_payload(batch_id)
            batch = self.store.batch_by_id(batch_id)
            if payload is not None and batch is not None:
                webhooks.deliver(batch["webhook"], payload)
