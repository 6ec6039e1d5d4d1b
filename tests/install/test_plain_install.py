"""A plain `pip install` of the built wheel, with no extras, in a fresh venv: the SDK imports, the
CLI answers `--help` and `--version` and talks to a local cloud (started from this venv), and
what needs the `local` extra says how to install it, in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel .` builds from the repository."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("pasqal_sdk-*.whl")
    assert built.name.startswith(f"pasqal_sdk-{__version__}-")
    return built


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """The bin/ folder of a fresh venv holding the wheel and its core dependencies only."""
    where = tmp_path_factory.mktemp("plain-install")
    venv.create(where / "venv", with_pip=True)
    bin_dir = where / "venv" / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    return bin_dir


@pytest.fixture(scope="module")
def cloud() -> Iterator[Any]:
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as running:
        yield running


def run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    home = {k: v for k, v in os.environ.items() if not k.startswith("PASQAL_")}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env={**home, **env}
    )


def test_the_wheel_carries_the_license_its_metadata_names(wheel: Path) -> None:
    import email
    import zipfile

    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        fields = email.message_from_bytes(archive.read(metadata))
        (license_file,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        text = archive.read(license_file).decode()
    assert fields["License-Expression"] == declared == "Apache-2.0"
    assert fields.get_all("License-File") == ["LICENSE"]
    assert text == (ROOT / "LICENSE").read_text()
    assert "Apache License" in text
    assert "Version 2.0, January 2004" in text


def test_no_extra_is_installed(plain: Path) -> None:
    # matplotlib is not checked: pulser-core itself depends on it.
    extras = ("starlette", "uvicorn", "argon2", "jwt", "pulser_simulation")
    code = f"import importlib.util as u; print([m for m in {extras!r} if u.find_spec(m)])"
    assert run([str(plain / "python"), "-c", code]).stdout.strip() == "[]"


def test_the_sdk_imports_and_the_cli_answers(plain: Path, tmp_path: Path) -> None:
    done = run([str(plain / "python"), "-c", "from pasqal_sdk import SDK; print(SDK.__name__)"])
    assert done.returncode == 0, done.stderr
    helped = run([str(plain / "pasqal-sdk"), "--help"], PASQAL_CONFIG_ROOT=str(tmp_path))
    assert helped.returncode == 0, helped.stderr
    assert "batches" in helped.stdout
    version = run([str(plain / "pasqal-sdk"), "--version"], PASQAL_CONFIG_ROOT=str(tmp_path))
    assert version.returncode == 0, version.stderr
    assert __version__ in version.stdout


def test_a_command_against_a_local_cloud(plain: Path, cloud: Any, tmp_path: Path) -> None:
    done = run(
        [str(plain / "pasqal-sdk"), "--json", "projects"],
        PASQAL_CONFIG_ROOT=str(tmp_path),
        PASQAL_URL=cloud.url,
        PASQAL_USERNAME=cloud.username,
        PASQAL_PASSWORD=cloud.password,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert cloud.project_id in done.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["pasqal-sdk", "local", "serve"],
        ["python", "-c", "from pasqal_sdk.local.testing import LocalCloud; LocalCloud()"],
    ],
    ids=["local serve", "LocalCloud()"],
)
def test_the_local_cloud_without_its_extra_names_the_install_line(
    plain: Path, tmp_path: Path, command: list[str]
) -> None:
    done = run([str(plain / command[0]), *command[1:]], PASQAL_CONFIG_ROOT=str(tmp_path))
    assert done.returncode != 0
    if command[0] == "pasqal-sdk":
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
    assert "pip install 'pasqal-sdk[local]'" in done.stderr
    assert not (tmp_path / "data").exists()
