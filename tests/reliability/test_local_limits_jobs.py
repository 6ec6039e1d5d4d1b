"""Bounded jobs and strict submissions on the local cloud (issue 13, findings 5 and 10): a
register over the device type's qubit limit, a NaN or huge amplitude and a backend
configuration that isn't a Pulser EmulationConfig are each a 422 at submission naming what is
wrong; a job over the time or memory limit ends ERROR naming the limit, and its worker is
replaced so the next job runs."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pasqal_sdk.local.storage.results import ResultFiles
from pasqal_sdk.local.storage.store import NewJob, Store
from pasqal_sdk.local.testing import LocalCloud
from pasqal_sdk.local.worker.devices import MAX_QUBITS, devices
from pasqal_sdk.local.worker.emulators import check_job
from pasqal_sdk.local.worker.runner import Runner
from tests.local.conftest import Api, password_token, sequence_json


@pytest.fixture(scope="module")
def api(cloud: LocalCloud) -> Api:
    return Api(cloud, password_token(cloud))


def submit(api: Api, **fields: Any) -> httpx.Response:
    body = {
        "sequence_builder": sequence_json(),
        "jobs": [{"runs": 5, "variables": {"amp": 1.0}}],
        "device_type": "EMU_FREE",
        "project_id": api.cloud.project_id,
        **fields,
    }
    return api.core.post("/api/v1/batches", json=body)


def refused(answer: httpx.Response) -> str:
    assert answer.status_code == 422, answer.text
    return str(answer.json()["message"])


def test_a_register_over_emu_frees_qubit_limit_is_refused(api: Api) -> None:
    most = MAX_QUBITS["EMU_FREE"]
    message = refused(submit(api, sequence_builder=sequence_json(amp=1.0, atoms=most + 1)))
    # Before: 40 atoms were accepted and the worker grew to 12 GB.
    assert f"{most + 1} atoms" in message
    assert f"at most {most}" in message
    assert "EMU_FREE" in message


def test_a_register_over_a_qpus_atom_limit_is_refused(api: Api) -> None:
    message = refused(
        submit(api, sequence_builder=sequence_json(amp=1.0, atoms=81), device_type="FRESNEL")
    )
    assert "81 atoms" in message
    assert "the device takes 80" in message


def _on_layout(device_type: str, atoms: int) -> str:
    """A sequence of `atoms` atoms on the device's calibrated layout, within its limits."""
    from pulser import Pulse, Sequence

    device = devices()[device_type].device
    layout = device.pre_calibrated_layouts[0]
    register = layout.define_register(*range(atoms), qubit_ids=[f"q{i}" for i in range(atoms)])
    sequence = Sequence(register, device)
    sequence.declare_channel("ryd", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(500, 1.0, 0, 0), "ryd")
    sequence.measure()
    return str(sequence.to_abstract_repr())


@pytest.mark.parametrize("device_type", ["EMU_FRESNEL", "FRESNEL", "FRESNEL_CAN1"])
def test_a_qpu_register_its_emulator_cannot_finish_in_the_job_limits_is_refused(
    api: Api, device_type: str
) -> None:
    """The emulated QPUs publish 80 atoms but simulate the full 2^n state: past the measured
    figure (scripts/measure_registers.py) a job would only run into the job limits."""
    most = MAX_QUBITS[device_type]
    assert most < 80
    check_job(device_type, _on_layout(device_type, most), None, 10)  # the largest still runs
    body = {"sequence_builder": _on_layout(device_type, most + 1), "jobs": [{"runs": 10}]}
    message = refused(submit(api, device_type=device_type, **body))
    assert f"{most + 1} atoms" in message
    assert f"at most {most}" in message
    assert "job limits" in message


def _with_raised_limits(*, amp: float, device: Any = None) -> str:
    """A sequence whose embedded device copy claims a channel of max_amp 1e9 (and no minimum
    distance): only the server's own device specs may bound it."""
    import dataclasses

    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    base = device or MockDevice
    channel = dataclasses.replace(base.channels["rydberg_global"], max_amp=1e9)
    forged = dataclasses.replace(base, channel_objects=(channel,), channel_ids=("rydberg_global",))
    if base.requires_layout:
        layout = base.pre_calibrated_layouts[0]
        register = layout.define_register(0, 1, qubit_ids=["q0", "q1"])
    else:
        register = Register.rectangle(1, 2, spacing=6.0, prefix="q")
    sequence = Sequence(register, forged)
    sequence.declare_channel("ryd", "rydberg_global")
    sequence.add(Pulse.ConstantPulse(200, amp, 0, 0), "ryd")
    sequence.measure()
    return str(sequence.to_abstract_repr())


def test_an_amplitude_is_bounded_by_the_servers_device_not_the_sequences_copy(api: Api) -> None:
    message = refused(submit(api, sequence_builder=_with_raised_limits(amp=1e6), jobs=[{}]))
    assert "amplitude" in message
    assert "1e+06" in message


def test_a_qpus_amplitude_is_bounded_by_the_servers_spec_not_the_sequences_copy(
    api: Api,
) -> None:
    from pulser.devices import AnalogDevice

    forged = _with_raised_limits(amp=100.0, device=AnalogDevice)
    message = refused(
        submit(api, sequence_builder=forged, device_type="FRESNEL", jobs=[{"runs": 10}])
    )
    assert "amplitude" in message


def test_a_nan_amplitude_in_the_sequence_is_refused(api: Api) -> None:
    sequence = json.loads(sequence_json(amp=1.0))
    sequence["operations"][0]["amplitude"]["value"] = float("nan")
    message = refused(submit(api, sequence_builder=json.dumps(sequence), jobs=[{"runs": 5}]))
    assert message.startswith("sequence_builder: ")
    assert "amplitude" in message
    assert "not finite" in message


@pytest.mark.parametrize("amp", [1e308, 1e5])
def test_an_amplitude_beyond_the_emulators_limit_is_refused(api: Api, amp: float) -> None:
    message = refused(submit(api, jobs=[{"runs": 5, "variables": {"amp": amp}}]))
    assert message.startswith("jobs[0]: ")
    assert "amplitude" in message
    assert "at most" in message


def test_an_area_of_1e308_is_refused(api: Api) -> None:
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice
    from pulser.waveforms import BlackmanWaveform

    sequence = Sequence(Register.rectangle(1, 2, spacing=6.0, prefix="q"), MockDevice)
    sequence.declare_channel("ryd", "rydberg_global")
    area = sequence.declare_variable("area")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(200, area), 0.0, 0.0), "ryd")
    builder = sequence.to_abstract_repr()
    assert submit(api, sequence_builder=builder, jobs=[{"runs": 5, "variables": {"area": 3.0}}])
    message = refused(
        submit(api, sequence_builder=builder, jobs=[{"runs": 5, "variables": {"area": 1e308}}])
    )
    assert "amplitude" in message


@pytest.mark.parametrize("configuration", ["garbage", "{}", "[1]", '{"default_num_shots": 5}'])
def test_a_backend_configuration_must_be_a_pulser_emulation_config(
    api: Api, configuration: str
) -> None:
    message = refused(submit(api, backend_configuration=configuration))
    # Before: accepted with a 200 and ignored.
    assert message.startswith("backend_configuration: ")
    assert "EmulationConfig" in message


def test_a_pulser_emulation_config_is_accepted_and_its_shots_used(api: Api) -> None:
    from pulser.backend import EmulationConfig

    with pytest.warns(UserWarning, match="without any observables"):
        configuration = EmulationConfig(default_num_shots=7).to_abstract_repr()
    answer = submit(api, backend_configuration=configuration, jobs=[{"variables": {"amp": 1.0}}])
    assert answer.status_code == 200, answer.text
    assert [job["runs"] for job in answer.json()["data"]["jobs"]] == [7]


# The runner's limits, with a runner of their own (in this process, on a fresh data dir).


@pytest.fixture
def runner_of(tmp_path: Path) -> Iterator[Any]:
    made: list[Runner] = []

    def make(**limits: Any) -> tuple[Runner, Store]:
        store = Store(tmp_path / "local-cloud.sqlite3")
        runner = Runner(store, ResultFiles(tmp_path), 1, 1800.0, lambda _: None, 0, **limits)
        runner.start()
        made.append(runner)
        return runner, store

    yield make
    for runner in made:
        runner.stop()
        runner.store.close()


def run_batch(runner: Runner, store: Store, sequence: str, timeout: float = 120) -> list[Any]:
    """Runs one job of `sequence`; its (status, errors) once it has ended."""
    batch_id = store.create_batch(
        project_id="p",
        user_id="u",
        device_type="EMU_FREE",
        open_=False,
        sequence_builder=sequence,
        webhook=None,
        configuration=None,
        backend_configuration=None,
        tags=[],
        jobs=[NewJob(5, None)],
    )
    runner.wake()
    deadline = time.monotonic() + timeout
    while True:
        batch = store.batch_by_id(batch_id)
        assert batch is not None
        (job,) = batch["jobs"]
        if job["status"] in ("DONE", "ERROR"):
            return [job["status"], job["errors"]]
        assert time.monotonic() < deadline, f"the job is still {job['status']}"
        time.sleep(0.1)


def test_a_job_over_the_time_limit_ends_error_naming_it(runner_of: Any) -> None:
    runner, store = runner_of(job_time_limit=1.0)
    long_job = sequence_json(amp=2.0, atoms=12, duration=40_000)  # minutes, unbounded
    status, errors = run_batch(runner, store, long_job)
    assert status == "ERROR"
    assert "time limit of 1 s" in errors[0]
    assert "--job-time-limit" in errors[0]
    # The worker was replaced: the next job runs.
    assert run_batch(runner, store, sequence_json(amp=2.0))[0] == "DONE"


def test_a_job_over_the_memory_limit_ends_error_naming_it(runner_of: Any) -> None:
    runner, store = runner_of(job_memory_limit=16 * 1024**2)
    # About +36 MiB (the final state only is kept); a 2-atom job adds about 1.5 MiB.
    big_job = sequence_json(amp=2.0, atoms=MAX_QUBITS["EMU_FREE"], duration=1000)
    status, errors = run_batch(runner, store, big_job)
    assert status == "ERROR"
    assert "memory limit of 16 MiB" in errors[0]
    assert run_batch(runner, store, sequence_json(amp=2.0))[0] == "DONE"


def test_the_servers_job_limits_reach_its_runner(tmp_path: Path) -> None:
    from pasqal_sdk.local.service.cloud import CloudService as Service
    from pasqal_sdk.local.service.cloud import ServerConfig

    service = Service(ServerConfig(tmp_path, job_time_limit=5.0, job_memory_limit=2**30))
    try:
        assert (service.runner.job_time_limit, service.runner.job_memory_limit) == (5.0, 2**30)
    finally:
        service.store.close()
