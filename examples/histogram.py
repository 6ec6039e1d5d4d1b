"""A job's counts as a histogram (needs the `plot` extra: pip install 'pasqal-sdk[plot]').

Saves the figure to $HISTOGRAM_PATH (default: pasqal-sdk-histogram.png in the system's temporary
folder, never the working directory); settings as `configured.py`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to a file; drop this line to show a window

import matplotlib.pyplot as plt
from _sequence import two_atoms

from pasqal_sdk import SDK


def main() -> None:
    with SDK() as sdk:
        batch = sdk.create_batch(
            two_atoms(),
            [{"runs": 500, "variables": {"area": 3.14}}],
            emulator="EMU_FREE",
            wait=True,
        )
    job = batch.ordered_jobs[0]
    job.plot_histogram()
    default = Path(tempfile.gettempdir()) / "pasqal-sdk-histogram.png"
    path = os.environ.get("HISTOGRAM_PATH", str(default))
    plt.savefig(path)
    print(f"{job.counts.total()} shots; histogram saved to {path}")


if __name__ == "__main__":
    main()
