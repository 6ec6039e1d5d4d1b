"""A local cloud for the CLI tests, an SDK on it, a finished batch, and `run(...)`: the
`pasqal-sdk` command in-process."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pasqal_sdk._cli import main


@pytest.fixture(scope="session")
def cloud() -> Iterator[Any]:
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as running:
        yield running


def _sdk(cloud: Any) -> Any:
    from pasqal_sdk import SDK, Auth0Conf, Endpoints

    return SDK(
        cloud.username,
        cloud.password,
        project_id=cloud.project_id,
        endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
        auth0=Auth0Conf(domain=cloud.url),
    )


@pytest.fixture
def sdk(cloud: Any) -> Iterator[Any]:
    with _sdk(cloud) as made:
        yield made


@pytest.fixture(scope="module")
def done_batch(cloud: Any) -> Any:
    """A DONE EMU_FREE batch of two jobs (30 and 20 runs, different `area` variables):
    `.id` and `.job_ids` in order."""
    from tests.sdk.scenarios import jobs, sequence

    with _sdk(cloud) as sdk:
        batch = sdk.create_batch(sequence(), jobs(30, 20), emulator="EMU_FREE", wait=True)
        return SimpleNamespace(id=batch.id, job_ids=[job.id for job in batch.ordered_jobs])


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def config_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cloud: Any) -> Path:
    """A config file pointing at the local cloud, with the user's password; no keyring."""
    root = tmp_path / "pasqal"
    (root / ".pasqal").mkdir(parents=True)
    (root / ".pasqal" / "config").write_text(
        f"username={cloud.username}\npassword={cloud.password}\nproject_id={cloud.project_id}\n"
        f"auth_endpoint={cloud.url}\ncore_endpoint={cloud.core_url}\n"
        f"account_endpoint={cloud.account_url}\n"
    )
    (root / ".pasqal" / "config").chmod(0o600)
    monkeypatch.setenv("PASQAL_CONFIG_ROOT", str(root))
    monkeypatch.setenv("PASQAL_NO_KEYRING", "1")
    return root


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], config_root: Path) -> Callable[..., Outcome]:
    def invoke(*args: str) -> Outcome:
        code = main(list(args))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return invoke
