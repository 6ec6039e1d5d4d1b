"""Result files of the local cloud: one JSON document per job in `<data_dir>/results/`,
written atomically so that a crash never leaves half a file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# How long a results link stays valid, like a presigned URL.
RESULTS_LINK_TTL = 15 * 60


class ResultFiles:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "results"
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def write(self, job_id: str, document: dict[str, Any]) -> None:
        target = self.path(job_id)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("w") as out:
            json.dump(document, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)

    def read(self, job_id: str) -> dict[str, Any] | None:
        try:
            document: dict[str, Any] = json.loads(self.path(job_id).read_text())
        except (OSError, ValueError):
            return None
        return document
