"""The sequence the examples share: two atoms and one global pulse whose area is a variable."""

from __future__ import annotations

from pulser import Pulse, Register, Sequence
from pulser.devices import AnalogDevice
from pulser.waveforms import BlackmanWaveform


def two_atoms() -> Sequence:
    register = Register.from_coordinates([(0, 0), (0, 10)], prefix="q")
    sequence = Sequence(register, AnalogDevice)
    sequence.declare_channel("rydberg", "rydberg_global")
    area = sequence.declare_variable("area")
    sequence.add(Pulse.ConstantDetuning(BlackmanWaveform(1000, area), 0.0, 0.0), "rydberg")
    sequence.measure("ground-rydberg")
    return sequence
