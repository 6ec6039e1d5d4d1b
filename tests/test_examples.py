"""Every script in examples/ runs against a local cloud, configured by PASQAL_* variables only."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def cloud() -> Iterator[Any]:
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as running:
        yield running


def test_every_example_is_listed() -> None:
    assert {"quickstart.py", "configured.py", "pulser_backends.py", "histogram.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs(script: str, cloud: Any, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PASQAL_CONFIG_ROOT": str(tmp_path / "config"),
        **cloud.env(),
        "HISTOGRAM_PATH": str(tmp_path / "histogram.png"),
        "MPLBACKEND": "Agg",
    }
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip()
    if script == "histogram.py":
        assert (tmp_path / "histogram.png").stat().st_size > 0
