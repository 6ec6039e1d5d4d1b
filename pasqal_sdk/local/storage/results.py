"""Result files of the local cloud: one JSON document per job in `<data_dir>/results/`,
written atomically so that a crash never leaves half a file.

A job's results never change once written, so reads are kept in a small LRU (checked against
the file's identity): a client polling a batch with its results inline costs no disk read and
no JSON parsing per poll.
"""

from __future__ import annotations

import collections
import json
import os
import threading
from pathlib import Path
from typing import Any

from pasqal_sdk.local.storage.faults import NO_FAULTS, Faults, no_space

#: Parsed result documents kept in memory (a few MiB at most for typical counters).
CACHED_RESULTS = 512

# How long a results link stays valid, like a presigned URL.
RESULTS_LINK_TTL = 15 * 60


class ResultFiles:
    """The result files in `<data_dir>/results/`; `faults` simulates a full disk."""

    def __init__(self, data_dir: Path, faults: Faults = NO_FAULTS) -> None:
        self.faults = faults
        self.folder = data_dir / "results"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._cache: collections.OrderedDict[str, tuple[tuple[int, int, int], dict[str, Any]]]
        self._cache = collections.OrderedDict()
        self._lock = threading.Lock()

    def path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def write(self, job_id: str, document: dict[str, Any]) -> None:
        if self.faults.disk_full():
            raise no_space()
        target = self.path(job_id)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("w") as out:
            json.dump(document, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)

    def read(self, job_id: str) -> dict[str, Any] | None:
        """The job's result document (shared: callers must not change it), or None."""
        path = self.path(job_id)
        try:
            info = path.stat()
        except OSError:
            return None
        identity = (info.st_ino, info.st_mtime_ns, info.st_size)
        with self._lock:
            cached = self._cache.get(job_id)
            if cached is not None and cached[0] == identity:
                self._cache.move_to_end(job_id)
                return cached[1]
        try:
            document: dict[str, Any] = json.loads(path.read_text())
        except (OSError, ValueError):
            return None
        with self._lock:
            self._cache[job_id] = (identity, document)
            self._cache.move_to_end(job_id)
            while len(self._cache) > CACHED_RESULTS:
                self._cache.popitem(last=False)
        return document


def batch_results(files: ResultFiles, jobs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Job id to its result document, for the jobs (of one batch) that have results."""
    found = {}
    for job in jobs:
        document = files.read(job["id"]) if job["has_result"] else None
        if document is not None:
            found[job["id"]] = document
    return found
