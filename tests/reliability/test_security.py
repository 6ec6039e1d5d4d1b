"""Security of the local cloud: one project never sees or touches another's items (and cannot
tell them from ids that do not exist), only its own valid tokens are accepted, result links
cannot be forged, replayed for another job or used once expired, passwords are stored with a
memory-hard KDF, and each user's request rate is limited with a clear 429."""

from __future__ import annotations

import base64
import json
import sqlite3
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from pasqal_sdk import SDK
from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import AUDIENCE, Api, password_token

from .conftest import FaultProxy, sdk_kwargs, server_counts

JOB = {"runs": 5, "variables": {"amp": 1.0}}
OTHER = ("mallory@example.com", "mallory-password")


@pytest.fixture(scope="module")
def victim(cloud: LocalCloud, sequence: str) -> dict[str, Any]:
    """The cloud's own user's items: an open batch, a finished batch, its job, a workload."""
    api = Api(cloud, password_token(cloud))
    finished = api.wait_batch(api.create_batch(sequence_builder=sequence, tags=["mine"])["id"])
    open_batch = api.create_batch(sequence_builder=sequence, open=True, tags=["mine"])
    workload = api.core.post(
        "/api/v1/workloads",
        json={"workload_type": "t", "backend": "b", "config": {}, "project_id": cloud.project_id},
    ).json()["data"]
    return {
        "api": api,
        "open": open_batch["id"],
        "done": finished["id"],
        "job": finished["job_ids"][0],
        "open_job": open_batch["jobs"][0]["id"],
        "workload": workload["id"],
    }


@pytest.fixture(scope="module")
def intruder(cloud: LocalCloud) -> Api:
    """A user of another project."""
    cloud.add_user(*OTHER, project="elsewhere")
    return Api(cloud, password_token(cloud, *OTHER))


# Every operation on one item, as (method, path template, body).
ON_BATCH = [
    ("GET", "/api/v1/batches/{id}", None),
    ("GET", "/api/v2/batches/{id}", None),
    ("GET", "/api/v1/batches/{id}/status", None),
    ("PUT", "/api/v1/batches/{id}/cancel", None),
    ("PATCH", "/api/v2/batches/{id}/cancel", None),
    ("PUT", "/api/v1/batches/{id}/complete", None),
    ("PATCH", "/api/v2/batches/{id}/complete", None),
    ("POST", "/api/v1/batches/{id}/jobs", [JOB]),
    ("POST", "/api/v2/batches/{id}/jobs", [JOB]),
    ("PUT", "/api/v1/batches/{id}/cancel/jobs", None),
    ("PATCH", "/api/v2/batches/{id}/cancel/jobs", None),
    ("POST", "/api/v1/batches/{id}/rebatch", None),
    ("PATCH", "/api/v1/batches/{id}/tags", ["stolen"]),
]
ON_JOB = [
    ("GET", "/api/v1/jobs/{id}", None),
    ("GET", "/api/v2/jobs/{id}", None),
    ("GET", "/api/v1/jobs/{id}/status", None),
    ("PUT", "/api/v1/jobs/{id}/cancel", None),
    ("PATCH", "/api/v2/jobs/{id}/cancel", None),
    ("GET", "/api/v1/jobs/{id}/results_link", None),
]
ON_WORKLOAD = [
    ("GET", "/api/v2/workloads/{id}", None),
    ("PUT", "/api/v1/workloads/{id}/cancel", None),
]
OPERATIONS = (
    [("open", *op) for op in ON_BATCH]
    + [("done", *op) for op in ON_BATCH]
    + [("job", *op) for op in ON_JOB]
    + [("open_job", *op) for op in ON_JOB]
    + [("workload", *op) for op in ON_WORKLOAD]
)


def _state(cloud: LocalCloud) -> list[Any]:
    """Everything stored about batches, jobs, tags and workloads."""
    with sqlite3.connect(cloud.data_dir / "local-cloud.sqlite3", timeout=10) as db:
        return [
            db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("batches", "jobs", "tags", "workloads")
        ]


@pytest.mark.parametrize(
    ("item", "method", "path", "body"),
    OPERATIONS,
    ids=[f"{item}:{method} {path}" for item, method, path, _ in OPERATIONS],
)
def test_another_projects_items_answer_exactly_like_ids_that_do_not_exist(
    cloud: LocalCloud,
    victim: dict[str, Any],
    intruder: Api,
    item: str,
    method: str,
    path: str,
    body: Any,
) -> None:
    real, made_up = victim[item], str(uuid.uuid4())
    before = _state(cloud)
    theirs = intruder.core.request(method, path.format(id=real), json=body)
    nothing = intruder.core.request(method, path.format(id=made_up), json=body)
    assert theirs.status_code == nothing.status_code == 404, theirs.text
    assert theirs.json() == json.loads(nothing.text.replace(made_up, real))
    assert _state(cloud) == before


def test_listings_and_bulk_operations_never_show_another_projects_items(
    cloud: LocalCloud, victim: dict[str, Any], intruder: Api
) -> None:
    before = _state(cloud)
    for query in (
        {"id": victim["done"]},
        {"project_id": cloud.project_id},
        {"user_id": cloud.user_id},
        {},
    ):
        listed = intruder.core.get("/api/v1/batches", params=query).json()
        assert listed["data"] == []
        assert listed["pagination"]["total"] == 0
    for query in ({"batch_id": victim["done"]}, {"id": victim["job"]}, {}):
        for version in ("v1", "v2"):
            listed = intruder.core.get(f"/api/{version}/jobs", params=query).json()
            assert listed["data"] == []
            assert listed["pagination"]["total"] == 0
    made_up = str(uuid.uuid4())
    bulk = intruder.core.patch(
        "/api/v1/batches/cancel", json={"batch_ids": [victim["open"], made_up]}
    ).json()["data"]
    assert bulk["batches"] == []
    assert bulk["errors"][victim["open"]] == bulk["errors"][made_up].replace(
        made_up, victim["open"]
    )
    job = intruder.core.post("/api/v1/jobs", json={"batch_id": victim["open"], **JOB})
    assert job.status_code == 404
    projects = intruder.account.get("/api/v1/projects").json()["data"]
    assert cloud.project_id not in [p["id"] for p in projects]
    created = intruder.core.post(
        "/api/v1/batches",
        json={"jobs": [JOB], "device_type": "EMU_FREE", "project_id": cloud.project_id},
    )
    assert created.status_code == 403
    assert _state(cloud) == before


def _forge(secret: str, **claims: Any) -> str:
    now = int(time.time())
    base = {"iss": "pasqal-sdk-local", "iat": now, "exp": now + 300, "typ": "access"}
    return jwt.encode({**base, **claims}, secret, algorithm="HS256")


def _resign(token: str, **changes: Any) -> str:
    """`token` with its claims changed and its original signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    changed = json.dumps({**claims, **changes}, separators=(",", ":")).encode()
    return ".".join([header, base64.urlsafe_b64encode(changed).decode().rstrip("="), signature])


def _unsigned(**claims: Any) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def test_only_the_servers_own_valid_access_tokens_are_accepted(cloud: LocalCloud) -> None:
    secret = (cloud.data_dir / "jwt-secret").read_text().strip()
    user = cloud.user_id
    good = password_token(cloud)
    refresh = httpx.post(
        cloud.token_url,
        data={
            "client_id": "cloud-sdk", "grant_type": "password", "audience": AUDIENCE,
            "username": cloud.username, "password": cloud.password, "scope": "offline_access",
        },
    ).json()["refresh_token"]  # fmt: skip
    refused = {
        "wrong audience": _forge(secret, sub=user, aud="https://apis.pasqal.cloud/other"),
        "no audience": _forge(secret, sub=user),
        "wrong issuer": _forge(secret, sub=user, aud=AUDIENCE, iss="someone-else"),
        "expired": _forge(secret, sub=user, aud=AUDIENCE, iat=1, exp=2),
        "another key": jwt.encode(jwt.decode(good, options={"verify_signature": False}), "k" * 64),
        "signature altered": good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB"),
        "claims altered": _resign(good, sub=str(uuid.uuid4())),
        "alg none": _unsigned(sub=user, aud=AUDIENCE, iss="pasqal-sdk-local", typ="access"),
        "a refresh token": refresh,
        "a results token": _forge(secret, sub=user, typ="results"),
        "unknown user": _forge(secret, sub=str(uuid.uuid4()), aud=AUDIENCE),
    }
    url = f"{cloud.core_url}/api/v1/batches"
    for name, token in refused.items():
        answer = httpx.get(url, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401, (name, answer.text)
        assert "token" in answer.json()["message"], name
    assert httpx.get(url, headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_results_links_are_bound_to_their_job_expire_and_cannot_be_guessed(
    cloud: LocalCloud, victim: dict[str, Any], sequence: str
) -> None:
    api: Api = victim["api"]
    done = api.wait_batch(
        api.create_batch(
            sequence_builder=sequence,
            jobs=[{"runs": 7, "variables": {"amp": 1.0}}, {"runs": 9, "variables": {"amp": 2.0}}],
        )["id"]
    )
    first, second = done["job_ids"]
    link = api.core.get(f"/api/v1/jobs/{first}/results_link").json()["data"]["results_link"]
    base, token = link.rsplit("/", 1)
    assert sum(httpx.get(link).json()["counter"].values()) == 7
    assert sum(httpx.get(link).json()["counter"].values()) == 7  # the same job, every time
    secret = (cloud.data_dir / "jwt-secret").read_text().strip()
    refused = {
        "another job's id in it": _resign(token, sub=second),
        "guessed": base64.urlsafe_b64encode(uuid.uuid4().bytes).decode(),
        "expired": _forge(secret, sub=first, typ="results", iat=1, exp=2),
        "an access token": password_token(cloud),
        "signed with another key": jwt.encode(
            jwt.decode(token, options={"verify_signature": False}), "k" * 64
        ),
    }
    for name, bad in refused.items():
        answer = httpx.get(f"{base}/{bad}")
        assert answer.status_code == 403, (name, answer.text)
        assert "invalid or expired" in answer.json()["message"], name
        assert "counter" not in answer.text


def test_passwords_are_stored_only_as_argon2id_hashes(cloud: LocalCloud) -> None:
    database = cloud.data_dir / "local-cloud.sqlite3"
    with sqlite3.connect(database, timeout=10) as db:
        (stored,) = db.execute(
            "SELECT password_hash FROM users WHERE email = ?", (cloud.username,)
        ).fetchone()
    assert stored.startswith("$argon2id$")
    parameters = dict(item.split("=") for item in stored.split("$")[3].split(","))
    assert int(parameters["m"]) >= 19 * 1024  # KiB: OWASP's minimum for argon2id
    for path in cloud.data_dir.glob("local-cloud.sqlite3*"):
        assert cloud.password.encode() not in path.read_bytes()
    assert stat.S_IMODE((cloud.data_dir / "jwt-secret").stat().st_mode) == 0o600


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCloud]:
    with LocalCloud(tmp_path_factory.mktemp("limited"), workers=1, rate_limit=5) as running:
        running.add_user(*OTHER)
        yield running


def test_each_users_request_rate_is_limited_with_a_clear_429(limited: LocalCloud) -> None:
    mine = Api(limited, password_token(limited))
    theirs = Api(limited, password_token(limited, *OTHER))
    answers = [mine.core.get("/api/v1/batches") for _ in range(20)]
    statuses = [a.status_code for a in answers]
    assert statuses[0] == 200
    assert 429 in statuses
    throttled = next(a for a in answers if a.status_code == 429)
    body = throttled.json()
    assert body["status"] == "fail"
    assert body["code"] == 429
    assert "Too many requests" in body["message"]
    assert "per user" in body["message"]
    retry_after = int(throttled.headers["Retry-After"])
    assert 1 <= retry_after <= 5
    # Another user has a bucket of their own.
    assert theirs.core.get("/api/v1/batches").status_code == 200
    time.sleep(retry_after)
    assert mine.core.get("/api/v1/batches").status_code == 200


def test_the_sdk_waits_out_the_rate_limit_by_itself(limited: LocalCloud, sequence: str) -> None:
    before = server_counts(limited)
    proxy = FaultProxy(limited.url)  # only to count the 429s the SDK met
    try:
        with SDK(**sdk_kwargs(limited, proxy.url)) as sdk:
            # Creating POSTs too: a 429 says the request was not acted on, so it is sent again.
            created = [sdk.create_batch(sequence, [JOB], emulator="EMU_FREE").id for _ in range(8)]
            seen = [sdk.get_batch(created[0], fetch_results=False).id for _ in range(12)]
    finally:
        proxy.close()
    assert [status for *_, status in proxy.seen].count(429) >= 2
    assert len(set(created)) == 8
    assert seen == [created[0]] * 12
    assert server_counts(limited) == (before[0] + 8, before[1] + 8)


def test_the_rate_limit_can_be_turned_off(tmp_path: Path) -> None:
    with LocalCloud(tmp_path, workers=1, rate_limit=0) as unlimited:
        api = Api(unlimited, password_token(unlimited))
        assert {api.core.get("/api/v1/batches").status_code for _ in range(30)} == {200}


def test_the_rate_limit_is_a_token_bucket_per_user() -> None:
    from pasqal_sdk.local.service.answers import ApiError
    from pasqal_sdk.local.service.throttle import RateLimiter

    now = [0.0]
    limiter = RateLimiter(4, clock=lambda: now[0])
    for _ in range(4):  # a burst of one second's worth
        limiter.take("alice")
    with pytest.raises(ApiError) as caught:
        limiter.take("alice")
    assert caught.value.status == 429
    assert caught.value.headers == {"Retry-After": "1"}
    limiter.take("bob")  # a bucket per user
    now[0] += 0.25  # refills at 4 a second
    limiter.take("alice")
    with pytest.raises(ApiError):
        limiter.take("alice")
