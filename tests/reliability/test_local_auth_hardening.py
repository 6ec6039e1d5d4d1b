"""Auth hardening of the local cloud (issue 13, findings 1, 6 and 14): password hashing off the
event loop, the same work for unknown e-mails as for wrong passwords, a per-account and
per-address throttle (429 `too_many_attempts` with Retry-After), and password changes that
revoke the tokens issued before.

Each test logs in from its own loopback address (127.0.0.x, all served by the 127.0.0.1
listener), so the per-address counters of one test don't reach another's."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from pasqal_sdk import PasqalError
from pasqal_sdk.local.http.server import add_user
from pasqal_sdk.local.service.accounts import UnknownUserError, UserExistsError, change_password
from pasqal_sdk.local.service.throttle import ACCOUNT_FAILURES, ADDRESS_FAILURES, LoginThrottle
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import AUDIENCE, PASSWORD_REALM, PUBLIC_CLIENT_ID


@pytest.fixture(scope="module")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCloud]:
    with LocalCloud(tmp_path_factory.mktemp("auth"), workers=1) as running:
        yield running


def client(address: str) -> httpx.Client:
    """A client whose connections come from `address` (a loopback address)."""
    return httpx.Client(
        transport=httpx.HTTPTransport(local_address=address), timeout=60, trust_env=False
    )


def login(
    http: httpx.Client, cloud: LocalCloud, username: str, password: str, scope: str = ""
) -> httpx.Response:
    return http.post(
        cloud.token_url,
        data={
            "client_id": PUBLIC_CLIENT_ID,
            "grant_type": PASSWORD_REALM,
            "realm": "pcs-users",
            "audience": AUDIENCE,
            "username": username,
            "password": password,
            "scope": scope or "openid profile email",
        },
    )


def new_user(cloud: LocalCloud, name: str) -> tuple[str, str]:
    email, password = f"{name}@example.com", f"{name}-password"
    cloud.add_user(email, password, project=f"{name}'s")
    return email, password


def timed(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def test_an_unknown_email_takes_as_long_as_a_wrong_password(cloud: LocalCloud) -> None:
    email, _ = new_user(cloud, "timing")
    with client("127.0.0.2") as http:
        wrong = [timed(lambda: login(http, cloud, email, "nope")) for _ in range(4)]
        unknown = [
            timed(lambda i=i: login(http, cloud, f"nobody{i}@example.com", "nope"))
            for i in range(4)
        ]
    # Before: 332 ms against 3 ms. The same hashing now, so within a factor of a few.
    assert statistics.median(unknown) > statistics.median(wrong) / 3


def test_health_answers_while_wrong_logins_are_hashed(cloud: LocalCloud) -> None:
    stop = threading.Event()
    delays: list[float] = []

    def poll() -> None:
        with httpx.Client(timeout=30) as http:
            while not stop.is_set():
                delays.append(timed(lambda: http.get(f"{cloud.url}/health")))
                time.sleep(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        with client("127.0.0.3") as http, ThreadPoolExecutor(20) as pool:
            answers = list(
                pool.map(
                    lambda i: login(http, cloud, f"crowd{i % 5}@example.com", "wrong"), range(20)
                )
            )
    finally:
        stop.set()
        poller.join()
    assert {a.status_code for a in answers} == {403}
    assert len(delays) > 5
    # Before: /health took up to 4.2 s while argon2 ran on the event loop.
    assert max(delays) < 2.0


def test_an_account_is_throttled_after_repeated_failures_from_one_address(
    cloud: LocalCloud,
) -> None:
    email, password = new_user(cloud, "target")
    other, other_password = new_user(cloud, "bystander")
    with client("127.0.0.4") as http:
        statuses = [login(http, cloud, email, "guess").status_code for _ in range(ACCOUNT_FAILURES)]
        assert set(statuses) == {403}
        throttled = login(http, cloud, email, password)  # even the right password, for now
        assert login(http, cloud, other, other_password).status_code == 200
    with client("127.0.0.5") as elsewhere:  # failures elsewhere never lock its owner out
        assert login(elsewhere, cloud, email, password).status_code == 200
    assert throttled.status_code == 429
    assert throttled.json()["error"] == "too_many_attempts"
    assert "wait" in throttled.json()["error_description"]
    assert 1 <= int(throttled.headers["Retry-After"]) <= 60


def test_a_successful_login_resets_the_accounts_count(cloud: LocalCloud) -> None:
    email, password = new_user(cloud, "typist")
    with client("127.0.0.6") as http:
        first = [login(http, cloud, email, "typo").status_code for _ in range(ACCOUNT_FAILURES - 1)]
        assert login(http, cloud, email, password).status_code == 200
        again = [login(http, cloud, email, "typo").status_code for _ in range(ACCOUNT_FAILURES - 1)]
    assert set(first + again) == {403}


def test_an_address_is_throttled_after_failures_on_many_accounts(cloud: LocalCloud) -> None:
    email, password = new_user(cloud, "neighbour")
    with client("127.0.0.7") as http, ThreadPoolExecutor(4) as pool:
        statuses = list(
            pool.map(
                lambda i: login(http, cloud, f"spray{i}@example.com", "x").status_code,
                range(ADDRESS_FAILURES),
            )
        )
        assert set(statuses) == {403}
        throttled = login(http, cloud, email, password)
    assert throttled.status_code == 429
    assert throttled.json()["error"] == "too_many_attempts"
    assert int(throttled.headers["Retry-After"]) >= 1
    with client("127.0.0.8") as elsewhere:
        assert login(elsewhere, cloud, email, password).status_code == 200


def test_a_password_change_revokes_the_users_tokens(cloud: LocalCloud) -> None:
    email, password = new_user(cloud, "rotating")
    with client("127.0.0.9") as http:
        granted = login(http, cloud, email, password, "openid offline_access").json()
        bearer = {"Authorization": f"Bearer {granted['access_token']}"}
        assert http.get(f"{cloud.core_url}/api/v1/batches", headers=bearer).status_code == 200

        change_password(cloud.data_dir, email, "new-password")

        refused = http.get(f"{cloud.core_url}/api/v1/batches", headers=bearer)
        assert refused.status_code == 401
        assert "password change" in refused.json()["message"]
        refreshed = http.post(
            cloud.token_url,
            data={
                "client_id": PUBLIC_CLIENT_ID,
                "grant_type": "refresh_token",
                "refresh_token": granted["refresh_token"],
            },
        )
        assert refreshed.status_code == 400
        assert refreshed.json()["error"] == "invalid_grant"
        assert login(http, cloud, email, password).status_code == 403
        fresh = login(http, cloud, email, "new-password")
        assert fresh.status_code == 200
        bearer = {"Authorization": f"Bearer {fresh.json()['access_token']}"}
        assert http.get(f"{cloud.core_url}/api/v1/batches", headers=bearer).status_code == 200


def test_adding_an_existing_user_is_an_error(tmp_path: Path) -> None:
    add_user(tmp_path, "once@example.com", "first")
    with pytest.raises(UserExistsError, match=r"passwd once@example\.com") as error:
        add_user(tmp_path, "once@example.com", "second")
    assert isinstance(error.value, PasqalError)


def test_changing_an_unknown_users_password_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UnknownUserError, match=r"user add nobody@example\.com"):
        change_password(tmp_path, "nobody@example.com", "pw")
    add_user(tmp_path, "somebody@example.com", "pw")
    with pytest.raises(UnknownUserError):
        change_password(tmp_path, "nobody@example.com", "pw")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_throttle_frees_a_slot_as_the_window_slides() -> None:
    clock = Clock()
    throttle = LoginThrottle(account_failures=3, address_failures=100, window_s=60, clock=clock)
    keys = throttle.keys("A@Example.com", "10.0.0.1")
    for _ in range(3):
        assert throttle.retry_after(keys) is None
        throttle.failed(keys)
        clock.now += 10
    assert throttle.retry_after(throttle.keys("a@example.com", "10.0.0.1")[:1]) == 30
    assert throttle.retry_after(throttle.keys("a@example.com", "10.0.0.2")) is None
    clock.now += 30
    assert throttle.retry_after(keys) is None


def test_the_throttle_remembers_a_bounded_number_of_keys() -> None:
    throttle = LoginThrottle(account_failures=1, address_failures=1, max_keys=100)
    for i in range(1000):
        throttle.failed(throttle.keys(f"user{i}@example.com", None))
    assert len(throttle._failures) == 100
    assert throttle.retry_after(throttle.keys("user999@example.com", None)) is not None
    assert throttle.retry_after(throttle.keys("user0@example.com", None)) is None


def test_a_rotated_x_forwarded_for_does_not_escape_the_address_throttle(
    tmp_path: Path,
) -> None:
    """Forwarded headers are trusted only from proxies the server was told of (none by
    default, not even loopback), so a client can't pose as many addresses."""
    with LocalCloud(tmp_path, workers=1) as cloud, client("127.0.0.1") as http:
        email, password = new_user(cloud, "forwarded")
        statuses = [
            http.post(
                cloud.token_url,
                headers={"X-Forwarded-For": f"10.0.{i // 250}.{i % 250 + 1}"},
                data={
                    "client_id": PUBLIC_CLIENT_ID,
                    "grant_type": PASSWORD_REALM,
                    "realm": "pcs-users",
                    "audience": AUDIENCE,
                    "username": f"rotate{i}@example.com",
                    "password": "x",
                },
            ).status_code
            for i in range(ADDRESS_FAILURES + 6)
        ]
        assert 429 in statuses, statuses
        assert login(http, cloud, email, password).status_code == 429


def _refresh(http: httpx.Client, cloud: LocalCloud, token: str) -> httpx.Response:
    return http.post(
        cloud.token_url,
        data={"client_id": PUBLIC_CLIENT_ID, "grant_type": "refresh_token", "refresh_token": token},
    )


def test_refresh_tokens_rotate_and_a_reuse_revokes_the_whole_login(cloud: LocalCloud) -> None:
    email, password = new_user(cloud, "refresher")
    with client("127.0.0.10") as http:
        first = login(http, cloud, email, password, "openid offline_access").json()["refresh_token"]
        second = _refresh(http, cloud, first)
        assert second.status_code == 200, second.text
        rotated = second.json()["refresh_token"]
        assert rotated != first
        reused = _refresh(http, cloud, first)  # a stolen copy of the first, used again
        assert reused.status_code == 400
        assert "already used" in reused.json()["error_description"]
        # ... and the rotated token of the same login is revoked with it.
        assert _refresh(http, cloud, rotated).status_code == 400
        # Another login of the same user is unaffected.
        other = login(http, cloud, email, password, "openid offline_access").json()
        assert _refresh(http, cloud, other["refresh_token"]).status_code == 200


def test_a_password_change_revokes_results_links(cloud: LocalCloud) -> None:
    from tests.local.conftest import Api, sequence_json

    email, password = new_user(cloud, "linker")
    with client("127.0.0.11") as http:
        token = login(http, cloud, email, password).json()["access_token"]
        api = Api(cloud, token)
        projects = api.account.get("/api/v1/projects").json()["data"]
        batch = api.create_batch(
            project_id=projects[0]["id"],
            sequence_builder=sequence_json(amp=1.0),
            jobs=[{"runs": 5}],
        )
        done = api.wait_batch(batch["id"])
        job_id = done["job_ids"][0]
        link = api.core.get(f"/api/v1/jobs/{job_id}/results_link").json()["data"]["results_link"]
        assert http.get(link).status_code == 200
        change_password(cloud.data_dir, email, "changed-password")
        revoked = http.get(link)
        assert revoked.status_code == 403, revoked.text
        assert "password change" in revoked.json()["message"]


def test_a_signing_key_under_32_bytes_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    (data_dir / "jwt-secret").write_text("ab")
    (data_dir / "jwt-secret").chmod(0o600)
    served = subprocess.run(
        [sys.executable, "-m", "pasqal_sdk.local", "serve", "--port", "0", "--data-dir",
         str(data_dir)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert served.returncode == 2, served.stderr
    lines = [line for line in served.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, served.stderr
    assert "at least 32" in lines[0]


def test_a_remembered_access_token_still_expires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server remembers the access tokens it checked (a status poll is not a signature check
    each): a remembered token is still refused from its expiry on, and a tampered one always."""
    from pasqal_sdk.local.service import auth as _auth

    signer = _auth.Signer(tmp_path, access_ttl=60)
    token = signer.access_token("user-1", "a@b.c", "openid")
    assert signer.access_claims(token)["sub"] == "user-1"
    assert signer.access_claims(token)["sub"] == "user-1"  # remembered
    with pytest.raises(_auth.InvalidTokenError):
        signer.access_claims(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    later = time.time() + 61
    monkeypatch.setattr(_auth.time, "time", lambda: later)
    with pytest.raises(_auth.InvalidTokenError, match="expired"):
        signer.access_claims(token)
