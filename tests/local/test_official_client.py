"""The official client, `pasqal-cloud` from PyPI, runs its whole flow against the local cloud.

It is installed in a venv of its own (`.venv-official`, kept between runs) with the same
pulser-core as ours, and the flow (official_flow.py) runs there in a subprocess."""

from __future__ import annotations

import subprocess
import sys
import venv
from importlib.metadata import version
from pathlib import Path

import pytest

from pasqal_sdk.local.testing import LocalCloud

OFFICIAL = "pasqal-cloud==0.24.0"
ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv-official"
# Each script prints its own last line when every step held.
FLOWS = {
    "official_flow.py": "OFFICIAL FLOW OK",
    "official_defaults_flow.py": "OFFICIAL DEFAULTS OK",
    "official_available_results.py": "OFFICIAL AVAILABLE RESULTS OK",
}


def official_python() -> Path:
    """The venv's interpreter, (re)installed when the pins changed."""
    requirements = [OFFICIAL, f"pulser-core=={version('pulser-core')}"]
    python = VENV / "bin" / "python"
    stamp = VENV / "requirements.txt"
    wanted = "\n".join(requirements)
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *requirements],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        pytest.fail(f"cannot install {requirements}:\n{result.stderr[-3000:]}")
    stamp.write_text(wanted)
    return python


@pytest.mark.parametrize("flow", sorted(FLOWS))
def test_official_client_runs_its_flows(local_cloud: LocalCloud, flow: str) -> None:
    """The whole documented flow, and what the client and its Pulser backends send by default."""
    python = official_python()
    result = subprocess.run(
        [
            str(python),
            str(Path(__file__).with_name(flow)),
            local_cloud.url,
            local_cloud.username,
            local_cloud.password,
            local_cloud.project_id,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    assert output.strip().splitlines()[-1] == FLOWS[flow], output[-5000:]
    print(output, file=sys.stderr)
