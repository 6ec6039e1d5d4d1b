"""`local serve` logs one line per batch status change (batch id, old -> new, device type) at
INFO, its default `--log-level`; a higher level leaves them out."""

from __future__ import annotations

import time

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import Api, password_token


def _log_lines_of(cloud: LocalCloud, batch_id: str) -> list[str]:
    return [
        line.split(" INFO ", 1)[-1]
        for line in cloud.log_file.read_text().splitlines()
        if f"batch {batch_id}:" in line
    ]


def test_serve_logs_each_batch_status_change_at_its_default_level(local_cloud: LocalCloud) -> None:
    api = Api(local_cloud, password_token(local_cloud))
    batch_id = api.create_batch()["id"]
    assert api.wait_batch(batch_id)["status"] == "DONE"
    wanted = [
        f"batch {batch_id}: new -> PENDING (EMU_FREE)",
        f"batch {batch_id}: PENDING -> RUNNING (EMU_FREE)",
        f"batch {batch_id}: RUNNING -> DONE (EMU_FREE)",
    ]
    # The last line is written just after the change that the API already answers.
    deadline = time.monotonic() + 30
    while _log_lines_of(local_cloud, batch_id) != wanted and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _log_lines_of(local_cloud, batch_id) == wanted


def test_log_level_warning_leaves_the_status_lines_out() -> None:
    with LocalCloud(workers=1, log_level="warning") as cloud:
        api = Api(cloud, password_token(cloud))
        batch_id = api.create_batch()["id"]  # its first line is logged before the answer
        assert api.wait_batch(batch_id)["status"] == "DONE"
        assert _log_lines_of(cloud, batch_id) == []
        assert "Pasqal local cloud on" in cloud.log_file.read_text()
