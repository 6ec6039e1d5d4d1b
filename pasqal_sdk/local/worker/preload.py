"""Imported by a job process before its first job (the local pool's forkserver imports it before
it forks any): the modules a job needs (the job process's entry point) and a warm-up of the
emulators."""

import sys

# Where they are installed (a Jupyter user's environment), two imports would make every job
# process heavier: qutip loads IPython's display machinery (a job displays nothing), and Pulser
# compiles each of its JSON schemas with fastjsonschema (0.5 s, about 70 MiB, most of it freed
# heap that a job then reuses unseen by its address-space cap, `job_memory_limit`). Pulser
# falls back on jsonschema, as wherever fastjsonschema is absent.
for _skipped in ("IPython", "fastjsonschema"):
    sys.modules.setdefault(_skipped, None)  # type: ignore[arg-type]

import pasqal_sdk.local.worker.jobproc  # noqa: E402, F401
from pasqal_sdk.local.worker.emulators import warm_up  # noqa: E402

warm_up()
