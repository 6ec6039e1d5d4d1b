"""QRMI's PasqalCloud resource (qrmi 0.26.4, and the older build myqrmi 0.13.9) runs every step
against the local cloud: availability without a token, target, a Pulser task, an analog
(CUDA-Q) task, results with the right shot count, and a stopped task that ends CANCELED. Its
`~/.pasqal/config` is read as the SDK reads it when the default profile comes last."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pasqal_sdk._config import load_config
from pasqal_sdk.local.testing import LocalCloud
from tests.clients._venvs import client_python, qrmi_env, run
from tests.local.conftest import password_token, sequence_json
from tests.local.test_other_clients_api import KNOWN, program

FLOW = Path(__file__).with_name("qrmi_flow.py")
STEPS = ["resource", "is_accessible", "acquire", "target", "task_start", "task_status"]
STEPS += ["task_result", "analog_task", "task_stop", "release"]
BACKEND = "EMU_FREE"


@pytest.fixture(scope="module")
def cloud() -> Iterator[LocalCloud]:
    with LocalCloud(workers=2, seed=3) as running:
        yield running


@pytest.fixture(scope="module")
def sequences(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qrmi") / "sequences.json"
    given = {
        "quick": sequence_json(amp=2.0),
        "slow": sequence_json(amp=2.0, atoms=10, duration=4000),
        "analog": json.dumps(program(KNOWN)),
    }
    path.write_text(json.dumps(given))
    return path


def analog_counts(output: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith("ANALOG "))
    document = json.loads(line.removeprefix("ANALOG "))
    counts: dict[str, int] = document.get("counter", document)
    return counts


def cudaq_batches(cloud: LocalCloud) -> list[dict[str, object]]:
    token = password_token(cloud)
    answer = httpx.get(
        f"{cloud.core_url}/api/v1/batches",
        params={"tag": "cudaq"},
        headers={"Authorization": f"Bearer {token}"},
    )
    found: list[dict[str, object]] = answer.json()["data"]
    return found


@pytest.mark.parametrize("client", ["qrmi", "myqrmi"])
def test_qrmi_runs_every_step(
    client: str, cloud: LocalCloud, sequences: Path, tmp_path: Path
) -> None:
    before = len(cudaq_batches(cloud))
    env = {
        **qrmi_env(BACKEND, cloud.url, cloud.token_url, cloud.project_id),
        "PASQAL_USERNAME": cloud.username,
        "PASQAL_PASSWORD": cloud.password,
        "HOME": str(tmp_path),
    }
    output = run(client_python(client), [str(FLOW), BACKEND, str(sequences)], env)
    done = [line.split()[1] for line in output.splitlines() if line.startswith("STEP ")]
    assert done == STEPS, output
    assert output.strip().splitlines()[-1] == "QRMI FLOW OK"
    # The analog program went through cudaq/job (a batch tagged cudaq), kept its site order
    # (site i is character i: the far atom 2 excited every time, 0 and 1 never together).
    assert len(cudaq_batches(cloud)) == before + 1
    counts = analog_counts(output)
    assert sum(counts.values()) == 50
    assert all(bits[2] == "1" and not bits.startswith("11") for bits in counts)


def write_config(root: Path, text: str) -> Path:
    folder = root / ".pasqal"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config"
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_qrmi_reads_the_config_file_as_the_sdk_does_when_default_comes_last(
    cloud: LocalCloud, sequences: Path, tmp_path: Path
) -> None:
    # A named profile first, the default profile last: QRMI reads the lines flat (a later
    # key wins, headers skipped), so it ends on the default's values, as the SDK does.
    write_config(
        tmp_path,
        f"[staging]\nusername = someone@else\npassword = wrong\nproject_id = not-mine\n"
        f"[default]\nusername = {cloud.username}\npassword = {cloud.password}\n"
        f"project_id = {cloud.project_id}\nauth_endpoint = {cloud.token_url}\n",
    )
    sdk = load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path)})
    assert (sdk.username, sdk.project_id) == (cloud.username, cloud.project_id)
    env = {
        f"{BACKEND}_QRMI_PASQAL_CLOUD_BASE_URL": cloud.url,
        "PASQAL_CONFIG_ROOT": str(tmp_path),
        "HOME": str(tmp_path),
    }
    output = run(client_python("qrmi"), [str(FLOW), BACKEND, str(sequences)], env)
    assert output.strip().splitlines()[-1] == "QRMI FLOW OK"


def test_a_named_profile_after_the_default_misleads_qrmi(
    cloud: LocalCloud, sequences: Path, tmp_path: Path
) -> None:
    # The layout the docs warn about: the SDK reads the default profile, QRMI the last one.
    write_config(
        tmp_path,
        f"username = {cloud.username}\npassword = {cloud.password}\n"
        f"project_id = {cloud.project_id}\nauth_endpoint = {cloud.token_url}\n"
        "[staging]\npassword = wrong\n",
    )
    assert load_config(environ={"PASQAL_CONFIG_ROOT": str(tmp_path)}).password == cloud.password
    env = {
        f"{BACKEND}_QRMI_PASQAL_CLOUD_BASE_URL": cloud.url,
        "PASQAL_CONFIG_ROOT": str(tmp_path),
        "HOME": str(tmp_path),
    }
    with pytest.raises(AssertionError, match=r"Token request failed|401|uthenticat"):
        run(client_python("qrmi"), [str(FLOW), BACKEND, str(sequences)], env)
