"""Code written for the official client, with only `pasqal_cloud` replaced by `pasqal_sdk` in its
imports, runs against the local cloud from a project-less start to results."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from pasqal_sdk import SDK, Auth0Conf, Endpoints
from pasqal_sdk.authentication import TokenProvider
from pasqal_sdk.device import DeviceTypeName, EmuTNConfig
from pasqal_sdk.errors import ProjectNotFoundError
from pasqal_sdk.utils.filters import BatchFilters

from .conftest import LIVE_POLLING


def _sequence(device: Any) -> Any:
    from pulser import Pulse, Register, Sequence

    sequence = Sequence(Register.square(2, spacing=6, prefix="q"), device)
    sequence.declare_channel("ryd", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(400, 2.0, 0, 0), "ryd")
    sequence.measure()
    return sequence


def test_official_style_code_runs_with_only_the_imports_changed(cloud: Any) -> None:
    from pulser.devices import AnalogDevice, MockDevice

    where = {
        "endpoints": Endpoints(core=cloud.core_url, account=cloud.account_url),
        "auth0": Auth0Conf(domain=cloud.url),
        "polling": LIVE_POLLING,
    }
    with SDK(username=cloud.username, password=cloud.password, **where) as login:
        token = login.user_token()

    class MyTokenProvider(TokenProvider):  # the official pattern: only get_token()
        def get_token(self) -> str:  # type: ignore[override]
            return token

    sdk = SDK(token_provider=MyTokenProvider(), **where)  # no project yet
    assert sdk.project_id is None
    with pytest.raises(ProjectNotFoundError):
        sdk.switch_to_project("00000000-0000-0000-0000-000000000000")
    assert sdk.switch_to_project(cloud.project_id) == cloud.project_id

    serialized = _sequence(MockDevice).to_abstract_repr()
    batch = sdk.create_batch(
        serialized, [{"runs": 30}], device_type=DeviceTypeName.EMU_FREE, wait=True
    )
    assert sdk.get_batch_status(batch.id) == "DONE"
    assert sdk.get_job_status(batch.ordered_jobs[0].id) == "DONE"
    assert batch.jobs_count == 1

    listing = sdk.get_batches(filters=BatchFilters(id=[batch.id]))
    assert listing.total == 1
    (listed,) = listing.results
    (job,) = listed.ordered_jobs  # loaded on first access
    assert sum(job.result.values()) == 30  # loaded on first access

    open_batch = sdk.create_batch(serialized, [{"runs": 12}], emulator="EMU_FREE", open=True)
    open_batch.retry(open_batch.ordered_jobs[0])
    open_batch.declare_complete(wait=True)
    assert [sum(j.result.values()) for j in open_batch.ordered_jobs] == [12, 12]

    config = EmuTNConfig.from_dict({"dt": 5.0, "precision": "normal"})
    assert config.dt == 5.0

    can1 = dataclasses.replace(AnalogDevice, name="FRESNEL_CAN1")
    qpu = sdk.create_batch(_sequence(can1), [{"runs": 10}], wait=True)
    assert qpu.device_type == "FRESNEL_CAN1"
    assert sum(qpu.ordered_jobs[0].result.values()) == 10
    sdk.close()  # not the official style, but its sockets are not left to the garbage collector
