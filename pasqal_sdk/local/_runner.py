"""The job runner: a dispatcher thread that starts each pending job in a worker process (at most
`workers` at once), by batch priority then creation order, and records its outcome. Cancelling a
running job terminates its process. Open batches left idle time out, and finished batches with
a webhook are POSTed to it in a background thread with bounded retries."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from pasqal_sdk.local._results import ResultFiles
from pasqal_sdk.local._store import Store

log = logging.getLogger("pasqal_sdk.local")

WEBHOOK_TRIES = 3
WEBHOOK_TIMEOUT = 10.0


def _work(connection: Connection, results_dir: str, job: dict[str, Any], seed: int | None) -> None:
    """Worker process body: simulate the job, write its result file, report the outcome."""
    from pasqal_sdk.local._emulators import SequenceError, run_job

    try:
        sequence = job["sequence"] or job["sequence_builder"]
        document = run_job(
            job["device_type"], sequence, job["variables"], job["runs"], job["configuration"], seed
        )
        ResultFiles(Path(results_dir).parent).write(job["id"], document)
        connection.send(None)
    except SequenceError as error:
        connection.send(str(error))
    except Exception as error:  # the job fails, the worker reports why
        log.debug("job %s failed", job["id"], exc_info=True)
        connection.send(f"The emulation failed: {error!r}")
    finally:
        connection.close()


@dataclass
class _Running:
    process: Any
    connection: Connection


class Runner:
    def __init__(
        self,
        store: Store,
        results: ResultFiles,
        workers: int,
        open_batch_timeout: float,
        batch_payload: Callable[[str], dict[str, Any] | None],
        seed: int | None = None,
    ) -> None:
        self.store = store
        self.results = results
        self.workers = max(1, workers)
        self.open_batch_timeout = open_batch_timeout
        self.batch_payload = batch_payload
        self.seed = seed
        self._running: dict[str, _Running] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="job-dispatcher", daemon=True)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(
            ["pulser", "pulser_simulation", "pasqal_sdk.local._emulators"]
        )

    def start(self) -> None:
        requeued = self.store.requeue_running_jobs()
        if requeued:
            log.info("re-queued %d job(s) interrupted by the last stop", requeued)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)
        with self._lock:
            for running in self._running.values():
                running.process.kill()
            self._running.clear()

    def wake(self) -> None:
        """New work may be waiting."""
        self._wake.set()

    def cancel(self, job_ids: list[str]) -> None:
        """Stops the workers of these jobs, when they run."""
        with self._lock:
            for job_id in job_ids:
                running = self._running.pop(job_id, None)
                if running is not None:
                    running.process.kill()
                    running.process.join(timeout=5)
                    running.connection.close()
                    self.results.path(job_id).unlink(missing_ok=True)
        self._wake.set()

    def _loop(self) -> None:
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
            self._wake.wait(0.1)
            self._wake.clear()

    def _dispatch(self) -> None:
        while len(self._running) < self.workers and not self._stop.is_set():
            job = self.store.next_pending_job()
            if job is None:
                return
            receiver, sender = self._context.Pipe(duplex=False)
            seed = None if self.seed is None else self.seed + int(job["seq"])
            process = self._context.Process(
                target=_work,
                args=(sender, str(self.results.folder), job, seed),
                name=f"job-{job['id']}",
                daemon=True,
            )
            process.start()
            sender.close()
            with self._lock:
                self._running[job["id"]] = _Running(process, receiver)

    def _collect(self) -> None:
        with self._lock:
            items = list(self._running.items())
        # Jobs cancelled while their worker was starting: stop those workers too.
        statuses = self.store.job_statuses([job_id for job_id, _ in items])
        stale = [job_id for job_id, status in statuses.items() if status != "RUNNING"]
        if stale:
            self.cancel(stale)
            items = [(job_id, running) for job_id, running in items if job_id not in stale]
        for job_id, running in items:
            outcome: Any = None
            finished = False
            try:
                if running.connection.poll():
                    outcome = running.connection.recv()
                    finished = True
            except (EOFError, OSError):
                outcome = "The worker stopped without a result."
                finished = True
            if not finished and not running.process.is_alive():
                outcome = f"The worker exited with code {running.process.exitcode}."
                finished = True
            if not finished:
                continue
            with self._lock:
                if self._running.pop(job_id, None) is None:
                    continue  # cancelled meanwhile
            running.process.join(timeout=5)
            running.connection.close()
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
                threading.Thread(
                    target=_post_webhook, args=(batch["webhook"], payload), daemon=True
                ).start()


def _post_webhook(url: str, payload: dict[str, Any]) -> None:
    for attempt in range(WEBHOOK_TRIES):
        try:
            response = httpx.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
            if response.status_code < 500:
                return
        except httpx.HTTPError as error:
            log.info("webhook %s failed (%s)", url, error)
        time.sleep(2**attempt)
    log.warning("webhook %s gave up after %d tries", url, WEBHOOK_TRIES)


def default_workers() -> int:
    return os.cpu_count() or 1
