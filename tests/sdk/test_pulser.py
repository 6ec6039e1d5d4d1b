"""Pulser's own backends run through `pasqal_sdk.pulser` on a local cloud and give Pulser
result objects: QPUBackend on the cloud's FRESNEL device, the remote emulator backends, open
batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pulser import Pulse, QPUBackend, Register, Sequence
from pulser.backend.remote import BatchStatus, RemoteResults
from pulser.register.special_layouts import TriangularLatticeLayout
from pulser.waveforms import BlackmanWaveform

from pasqal_sdk import Auth0Conf, Endpoints
from pasqal_sdk.pulser import (
    PasqalCloudConnection,
    RemoteEmuFreeBackend,
    RemoteMPSBackend,
    RemoteSVBackend,
)
from tests.sdk.conftest import LIVE_POLLING


@pytest.fixture
def connection(cloud: Any) -> Iterator[PasqalCloudConnection]:
    made = PasqalCloudConnection(
        cloud.username,
        cloud.password,
        cloud.project_id,
        endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
        auth0=Auth0Conf(domain=cloud.url),
        polling=LIVE_POLLING,
    )
    yield made
    made.sdk.close()  # its connections, not left to the garbage collector


def two_atoms(device: Any) -> Sequence:
    """Two atoms 6 µm apart (on a layout when the device wants one), one global π pulse."""
    if device.requires_layout:
        register = TriangularLatticeLayout(20, 6).define_register(0, 1)
    else:
        register = Register.from_coordinates([(0, 0), (6, 0)], prefix="q")
    seq = Sequence(register, device)
    seq.declare_channel("rydberg", "rydberg_global")
    seq.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, 3.14), 0.0, 0.0), "rydberg")
    seq.measure("ground-rydberg")
    return seq


def test_qpu_backend_runs_on_the_clouds_fresnel(connection: PasqalCloudConnection) -> None:
    fresnel = connection.fetch_available_devices()["FRESNEL"]
    results = QPUBackend(two_atoms(fresnel), connection).run([{"runs": 40}], wait=True)
    assert isinstance(results, RemoteResults)
    assert results.get_batch_status() is BatchStatus.DONE
    counts = results[0].final_bitstrings
    assert sum(counts.values()) == 40
    assert all(len(bits) == 2 for bits in counts)
    batch = connection.sdk.get_batch(results.batch_id)
    assert batch.device_type == "FRESNEL"


def test_emu_free_backend_gives_pulser_results(connection: PasqalCloudConnection) -> None:
    fresnel = connection.fetch_available_devices()["FRESNEL"]
    backend = RemoteEmuFreeBackend(two_atoms(fresnel), connection)
    results = backend.run([{"runs": 25}, {"runs": 15}], wait=True)
    assert [sum(r.final_bitstrings.values()) for r in results.results] == [25, 15]
    assert connection.sdk.get_batch(results.batch_id).device_type == "EMU_FREE"


def test_open_batch_collects_every_run_and_closes(connection: PasqalCloudConnection) -> None:
    fresnel = connection.fetch_available_devices()["FRESNEL"]
    backend = RemoteEmuFreeBackend(two_atoms(fresnel), connection)
    with backend.open_batch():
        first = backend.run([{"runs": 10}])
        second = backend.run([{"runs": 12}])
        batch_id = first.batch_id
        assert second.batch_id == batch_id
        assert connection.sdk.get_batch(batch_id).open
        waited = backend.run([{"runs": 8}], wait=True)
        assert sum(waited.results[0].final_bitstrings.values()) == 8
    batch = connection.sdk.get_batch(batch_id, fetch_results=False).wait(timeout=120)
    assert not batch.open
    assert sum(second.results[0].final_bitstrings.values()) == 12
    assert first.job_ids != second.job_ids


def test_emulator_job_without_runs_takes_the_configs_shots(
    connection: PasqalCloudConnection,
) -> None:
    backend = RemoteEmuFreeBackend(
        two_atoms(connection.fetch_available_devices()["FRESNEL"]), connection
    )
    results = backend.run(wait=True)
    assert sum(results[0].final_bitstrings.values()) == 1000


def test_emulator_backends_keep_the_official_names(connection: PasqalCloudConnection) -> None:
    seq = two_atoms(connection.fetch_available_devices()["FRESNEL"])
    for backend_class, device_type in (
        (RemoteEmuFreeBackend, "EMU_FREE"),
        (RemoteMPSBackend, "EMU_MPS"),
        (RemoteSVBackend, "EMU_SV"),
    ):
        backend = backend_class(seq, connection)
        assert backend._submit_kwargs()["device_type"] == device_type
