"""A local cloud for the whole session, and helpers to talk to it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, ClassVar

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud

PUBLIC_CLIENT_ID = "PeZvo7Atx7IVv3iel59asJSb4Ig7vuSB"
AUDIENCE = "https://apis.pasqal.cloud/account/api/v1"
PASSWORD_REALM = "http://auth0.com/oauth/grant-type/password-realm"


def sequence_json(
    *, amp: float | None = None, atoms: int = 2, duration: int = 400, measured: bool = True
) -> str:
    """A small Pulser sequence on MockDevice: one global pulse of amplitude `amp`, or of the
    declared variable `amp` when None."""
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    register = Register.rectangle(1, atoms, spacing=6.0, prefix="q")
    sequence = Sequence(register, MockDevice)
    sequence.declare_channel("ryd", "rydberg_global")
    amplitude: Any = sequence.declare_variable("amp") if amp is None else amp
    sequence.add(Pulse.ConstantPulse(duration, amplitude, 0, 0), "ryd")
    if measured:
        sequence.measure()
    return str(sequence.to_abstract_repr())


def password_token(
    cloud: LocalCloud, username: str | None = None, password: str | None = None
) -> str:
    answer = httpx.post(
        cloud.token_url,
        data={
            "client_id": PUBLIC_CLIENT_ID,
            "grant_type": PASSWORD_REALM,
            "realm": "pcs-users",
            "audience": AUDIENCE,
            "username": username or cloud.username,
            "password": password or cloud.password,
            "scope": "openid profile email",
        },
    )
    answer.raise_for_status()
    return str(answer.json()["access_token"])


class Api:
    """An httpx client on the core API with the token set; closed at the end of the test that
    made it (`_close_apis`)."""

    made: ClassVar[list[Api]] = []

    def __init__(self, cloud: LocalCloud, token: str) -> None:
        self.cloud = cloud
        self.core = httpx.Client(
            base_url=cloud.core_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        self.account = httpx.Client(
            base_url=cloud.account_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        Api.made.append(self)

    @classmethod
    def kept(cls, cloud: LocalCloud, token: str) -> Api:
        """One for a fixture wider than a test: not closed after each test (its fixture closes
        it)."""
        api = cls(cloud, token)
        cls.made.remove(api)
        return api

    def close(self) -> None:
        self.core.close()
        self.account.close()

    def create_batch(self, **fields: Any) -> dict[str, Any]:
        body = {
            "sequence_builder": sequence_json(),
            "jobs": [{"runs": 20, "variables": {"amp": 2.0}}],
            "device_type": "EMU_FREE",
            "project_id": self.cloud.project_id,
            **fields,
        }
        answer = self.core.post("/api/v1/batches", json=body)
        assert answer.status_code == 200, answer.text
        data: dict[str, Any] = answer.json()["data"]
        return data

    def wait_batch(self, batch_id: str, timeout: float = 90) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            data: dict[str, Any] = self.core.get(f"/api/v2/batches/{batch_id}").json()["data"]
            if data["status"] in ("DONE", "ERROR", "CANCELED", "TIMED_OUT"):
                return data
            assert time.monotonic() < deadline, f"batch {batch_id} still {data['status']}"
            time.sleep(0.2)


@pytest.fixture(scope="session")
def local_cloud() -> Iterator[LocalCloud]:
    # Its webhook test posts to a server on loopback.
    with LocalCloud(workers=2, seed=7, limits={"allow_private_webhooks": 1}) as cloud:
        yield cloud


@pytest.fixture(scope="session")
def api(local_cloud: LocalCloud) -> Iterator[Api]:
    shared = Api.kept(local_cloud, password_token(local_cloud))
    yield shared
    shared.close()


@pytest.fixture(autouse=True)
def _close_apis() -> Iterator[None]:
    """Every `Api` a test made is closed after it (its sockets are not left to the garbage
    collector, which warnings-as-errors would report in a later test)."""
    yield
    while Api.made:
        Api.made.pop().close()
