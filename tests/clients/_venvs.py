"""A venv of its own for each client of Pasqal Cloud the local cloud is tried with, kept between
runs in `.venv-clients/<name>` (git ignores it) and rebuilt when its pins change."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import venv
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENVS = ROOT / ".venv-clients"


@dataclasses.dataclass(frozen=True)
class Client:
    """What to install, in order: `first` (torch's CPU build before anything pulls another),
    `packages` (without their dependencies when `no_deps`), then `then`."""

    packages: tuple[str, ...]
    first: tuple[str, ...] = ()
    no_deps: bool = False
    then: tuple[str, ...] = ()

    def steps(self) -> list[list[str]]:
        found = [list(self.first)] if self.first else []
        found.append([*(["--no-deps"] if self.no_deps else []), *self.packages])
        if self.then:
            found.append(list(self.then))
        return found


PULSER = f"pulser-core=={version('pulser-core')}"
CLIENTS = {
    "qrmi": Client(("qrmi==0.26.4",)),
    "myqrmi": Client(("myqrmi==0.13.9",)),
    "cudaq": Client(
        ("cuda-quantum-cu12==0.16.0.post1",), no_deps=True, then=("numpy", "scipy", "requests")
    ),
    "qoolqit": Client(("qoolqit==1.5.0", PULSER), first=("torch==2.13.0",)),
    "pulser-azure": Client(("pulser-azure==0.1.1", PULSER)),
}
# The big installs: run for real only by `make test-clients` (and `make cassettes`).
HEAVY = frozenset({"cudaq", "qoolqit", "pulser-azure"})


def heavy_clients_run() -> bool:
    """Whether the big clients (HEAVY) run for real (`make test-clients`, or while
    `make cassettes` records them); else their recorded exchanges are replayed."""
    return os.environ.get("PASQAL_SDK_CLIENTS") == "all" or recording()


def recording() -> bool:
    return os.environ.get("PASQAL_SDK_CASSETTES") == "record"


def client_python(name: str) -> Path:
    """The interpreter of the client's venv, installed first if needed."""
    client = CLIENTS[name]
    folder = VENVS / name
    python = folder / "bin" / "python"
    stamp = folder / "requirements.txt"
    wanted = "\n".join(" ".join(step) for step in client.steps())
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    for step in client.steps():
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *step],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if result.returncode != 0:
            pytest.fail(f"cannot install {step} for {name}:\n{result.stderr[-3000:]}")
    stamp.write_text(wanted)
    return python


def qrmi_env(backend: str, base_url: str, token_url: str, project_id: str) -> dict[str, str]:
    """QRMI's settings for `backend` pointing at a local cloud (credentials not included)."""
    prefix = f"{backend}_QRMI_PASQAL_CLOUD"
    return {
        f"{prefix}_BASE_URL": base_url,
        f"{prefix}_AUTH_ENDPOINT": token_url,
        f"{prefix}_PROJECT_ID": project_id,
    }


def run(python: Path, args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    """Run a client script; its output, or a test failure with the output's end."""
    result = subprocess.run(
        [str(python), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=ROOT,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-5000:]
    return result.stdout
