"""Imported by a job process before its first job (the local pool's forkserver imports it before
it forks any): the modules a job needs (the job process's entry point) and a warm-up of the
emulators."""

import pasqal_sdk.local.worker.jobproc  # noqa: F401
from pasqal_sdk.local.worker.emulators import warm_up

warm_up()
