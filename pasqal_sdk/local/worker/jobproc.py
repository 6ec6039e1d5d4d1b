"""The job process: a process of its own that runs one job at a time, so that a job over its
time limit, or cancelled, is stopped by killing it, and its memory is capped (RLIMIT_AS).

Both executors run jobs in one: the local pool forks it from a warmed-up forkserver; a Dask
worker starts it with `python -m pasqal_sdk.local.worker.jobproc` (its processes may not fork
children of their own). Nothing here opens the database or writes a file: a job comes in as
its spec and leaves as (why it failed or None, whether the process is fit for another job, its
result document or None); the API process writes the result."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("pasqal_sdk.local")

# Seconds a job may run, and bytes a job process may add to its address space.
DEFAULT_JOB_TIME_LIMIT = 600.0
DEFAULT_JOB_MEMORY_LIMIT = 4 * 1024**3
# The local pool's job processes yield the CPU to the server beside them (a nice value, as for
# batch work); a Dask worker's run at its own priority (no server shares its node).
WORKER_NICENESS = 10
# What a job process says once it is ready for its first job.
READY = "ready"


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


def exit_message(code: int | None, memory_limit: int) -> str:
    message = f"The worker exited with code {code}."
    if memory_limit > 0:  # a failed allocation may abort rather than raise
        message += f" It may have gone over the memory limit of {_mib(memory_limit)}."
    return message


def job_spec(job: dict[str, Any], seed: int | None) -> dict[str, Any]:
    """What a job process needs of a job the store started: nothing of the database."""
    return {
        "id": job["id"],
        "device_type": job["device_type"],
        "sequence": job["sequence"] or job["sequence_builder"],
        "variables": job["variables"],
        "runs": job["runs"],
        "configuration": job["configuration"],
        "backend_configuration": job.get("backend_configuration"),
        "seed": seed,
    }


def execute(
    spec: dict[str, Any], memory_limit: int = 0
) -> tuple[str | None, bool, dict[str, Any] | None]:
    """Simulates one job: (None on success else why it failed, whether this process is fit for
    another job, the result document on success). A process that reached its memory cap is not
    fit: a failed allocation can surface as any exception, and leave the process in a bad
    state."""
    from pasqal_sdk.local.worker.emulators import SequenceError, run_job

    try:
        document = run_job(
            spec["device_type"],
            spec["sequence"],
            spec["variables"],
            spec["runs"],
            spec["configuration"],
            spec["seed"],
            backend_configuration=spec.get("backend_configuration"),
        )
        return None, True, document
    except SequenceError as error:
        return str(error), True, None
    except Exception as error:  # the job fails, the process reports why
        if memory_limit > 0 and (_out_of_memory(error) or _near_memory_cap()):
            return memory_message(memory_limit), False, None
        log.debug("job %s failed", spec["id"], exc_info=True)
        return f"The emulation failed: {error!r}", True, None


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


def serve(
    inbox: Connection, outbox: Connection, memory_limit: int = 0, niceness: int = WORKER_NICENESS
) -> None:
    """A job process's body: says READY, then runs the job specs it is sent, one at a time,
    until its pipe closes. Each outcome is sent with whether the process is fit for another
    job; one that is not exits. Beside the server it runs at a lower CPU priority
    (`niceness`), so that answers stay fast while emulations fill the machine."""
    _cap_memory(memory_limit)
    with contextlib.suppress(OSError, AttributeError):
        os.nice(niceness)
    outbox.send(READY)
    while True:
        try:
            spec = inbox.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = execute(spec, memory_limit)
        except MemoryError:  # outside the job's own handling (its result's write, ...)
            outcome = (memory_message(memory_limit), False, None)
        outbox.send(outcome)
        if not outcome[1]:
            return


def _exit_with_parent(parent: int) -> None:
    """Ends this process once its parent (a Dask worker) is gone: a job never outlives it."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> None:
    """`python -m pasqal_sdk.local.worker.jobproc IN_FD OUT_FD MEMORY_LIMIT PARENT_PID`."""
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    _exit_with_parent(int(argv[3]))
    import pasqal_sdk.local.worker.preload  # noqa: F401  (the warm-up the forkserver gets)

    serve(inbox, outbox, int(argv[2]), niceness=0)


if __name__ == "__main__":
    main(sys.argv[1:])
