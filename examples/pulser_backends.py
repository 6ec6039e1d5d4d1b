"""Pulser's own backends through pasqal_sdk: QPUBackend on the service's FRESNEL device, and
an emulator backend sending two runs into one open batch (settings as `configured.py`)."""

from __future__ import annotations

from pulser import Pulse, QPUBackend, Sequence
from pulser.register.special_layouts import TriangularLatticeLayout
from pulser.waveforms import BlackmanWaveform

from pasqal_sdk.pulser import PasqalCloudConnection, RemoteEmuFreeBackend


def main() -> None:
    connection = PasqalCloudConnection()  # or PasqalCloudConnection(username, password, project)
    fresnel = connection.fetch_available_devices()["FRESNEL"]
    register = TriangularLatticeLayout(20, 6).define_register(0, 1)
    sequence = Sequence(register, fresnel)
    sequence.declare_channel("rydberg", "rydberg_global")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, 3.14), 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")

    results = QPUBackend(sequence, connection).run([{"runs": 200}], wait=True)
    print("QPU:", results[0].final_bitstrings)

    emulator = RemoteEmuFreeBackend(sequence, connection)
    with emulator.open_batch():
        first = emulator.run([{"runs": 100}])
        second = emulator.run([{"runs": 100}], wait=True)  # waits for these jobs only
    print("open batch", first.batch_id, "->", second.results[0].final_bitstrings)


if __name__ == "__main__":
    main()
