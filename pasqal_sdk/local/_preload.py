"""Imported by the runner's forkserver before it forks any worker: the modules a worker needs
(the runner holds the worker's entry point) and a warm-up of the emulators."""

import pasqal_sdk.local._runner  # noqa: F401
from pasqal_sdk.local import _faults
from pasqal_sdk.local._emulators import warm_up

_faults.install()
warm_up()
