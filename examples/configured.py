"""`SDK()` with no arguments: settings come from PASQAL_* variables or ~/.pasqal/config.

export PASQAL_USERNAME=dev@pasqal.local PASQAL_PASSWORD=pasqal-local PASQAL_PROJECT_ID=...
export PASQAL_URL=http://127.0.0.1:4207
python examples/configured.py
"""

from __future__ import annotations

from _sequence import two_atoms

from pasqal_sdk import SDK
from pasqal_sdk.device import EmulatorType


def main() -> None:
    with SDK() as sdk:
        jobs = [{"runs": 100, "variables": {"area": area}} for area in (1.57, 3.14)]
        batch = sdk.create_batch(two_atoms(), jobs, emulator=EmulatorType.EMU_FREE)
        batch.wait(timeout=300, progress=True)
        for job in batch.ordered_jobs:
            print(f"area={job.variables}: most common {job.counts.most_common(2)}")
            print("  probabilities:", {k: round(p, 3) for k, p in job.probabilities().items()})


if __name__ == "__main__":
    main()
