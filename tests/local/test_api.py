"""The local cloud's HTTP behaviour: auth, isolation between projects, errors that say what to
fix, batches and jobs through their life, listings, results links and webhooks."""

from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import (
    AUDIENCE,
    PASSWORD_REALM,
    PUBLIC_CLIENT_ID,
    Api,
    password_token,
    sequence_json,
)


def token_request(cloud: LocalCloud, **fields: str) -> httpx.Response:
    body = {
        "client_id": PUBLIC_CLIENT_ID,
        "grant_type": PASSWORD_REALM,
        "realm": "pcs-users",
        "audience": AUDIENCE,
        "username": cloud.username,
        "password": cloud.password,
        **fields,
    }
    return httpx.post(cloud.token_url, json=body)


def fail(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["status"] == "fail"
    assert body["code"] == status
    assert body["message"]
    return body


# Tokens


def test_token_endpoint_takes_json_and_issues_a_jwt_with_the_claims(
    local_cloud: LocalCloud,
) -> None:
    answer = token_request(local_cloud)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    assert body["id_token"]
    assert "refresh_token" not in body
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["aud"] == AUDIENCE
    assert claims["exp"] > claims["iat"]
    assert claims["sub"]


@pytest.mark.parametrize(
    ("fields", "status", "error"),
    [
        ({"password": "wrong"}, 403, "invalid_grant"),
        ({"username": "nobody@example.com"}, 403, "invalid_grant"),
        ({"audience": "https://example.com/api"}, 403, "access_denied"),
        ({"client_id": "someone-else"}, 401, "invalid_client"),
        ({"grant_type": "device_code"}, 400, "unsupported_grant_type"),
        ({"grant_type": "client_credentials", "client_secret": "x"}, 401, "invalid_client"),
        ({"realm": "elsewhere"}, 400, "invalid_request"),
    ],
)
def test_token_endpoint_refuses_with_an_oauth_error(
    local_cloud: LocalCloud, fields: dict[str, str], status: int, error: str
) -> None:
    answer = token_request(local_cloud, **fields)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error
    assert answer.json()["error_description"]


def test_token_endpoint_names_a_missing_field(local_cloud: LocalCloud) -> None:
    answer = httpx.post(local_cloud.token_url, data={"grant_type": "password"})
    assert answer.status_code == 422
    assert "client_id" in answer.json()["error_description"]


def test_refresh_token_is_given_for_offline_access_and_exchanges(local_cloud: LocalCloud) -> None:
    first = token_request(local_cloud, scope="openid offline_access").json()
    refreshed = httpx.post(
        local_cloud.token_url,
        data={
            "client_id": PUBLIC_CLIENT_ID,
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
        },
    )
    assert refreshed.status_code == 200, refreshed.text
    token = refreshed.json()["access_token"]
    projects = httpx.get(
        f"{local_cloud.account_url}/api/v1/projects", headers={"Authorization": f"Bearer {token}"}
    )
    assert projects.status_code == 200
    bad = httpx.post(
        local_cloud.token_url,
        data={"client_id": PUBLIC_CLIENT_ID, "grant_type": "refresh_token", "refresh_token": "x"},
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == "invalid_grant"


def test_no_forged_or_expired_token_is_accepted(local_cloud: LocalCloud) -> None:
    url = f"{local_cloud.core_url}/api/v1/batches"
    fail(httpx.get(url), 401)
    fail(httpx.get(url, headers={"Authorization": "Bearer not-a-jwt"}), 401)
    secret = (local_cloud.data_dir / "jwt-secret").read_text().strip()
    now = int(time.time())
    claims = {
        "sub": local_cloud.user_id,
        "aud": AUDIENCE,
        "iss": "pasqal-sdk-local",
        "typ": "access",
    }
    expired = jwt.encode({**claims, "iat": now - 100, "exp": now - 10}, secret, algorithm="HS256")
    fail(httpx.get(url, headers={"Authorization": f"Bearer {expired}"}), 401)
    forged = jwt.encode({**claims, "iat": now, "exp": now + 100}, "g" * 64, algorithm="HS256")
    fail(httpx.get(url, headers={"Authorization": f"Bearer {forged}"}), 401)
    valid = jwt.encode({**claims, "iat": now, "exp": now + 100}, secret, algorithm="HS256")
    assert httpx.get(url, headers={"Authorization": f"Bearer {valid}"}).status_code == 200


def test_public_device_specs_need_no_token_and_are_pulser_devices(local_cloud: LocalCloud) -> None:
    from pulser.json.abstract_repr.deserializer import deserialize_device

    answer = httpx.get(f"{local_cloud.core_url}/api/v1/devices/public-specs")
    assert answer.status_code == 200
    devices = {d["device_type"]: deserialize_device(d["specs"]) for d in answer.json()["data"]}
    assert {"EMU_FREE", "FRESNEL"} <= set(devices)
    assert devices["FRESNEL"].max_atom_num


# Isolation


def test_other_projects_resources_are_not_revealed(local_cloud: LocalCloud, api: Api) -> None:
    project = local_cloud.add_user("other@example.com", "other-password", "elsewhere")
    other = Api(local_cloud, password_token(local_cloud, "other@example.com", "other-password"))
    theirs = other.core.post(
        "/api/v1/batches",
        json={
            "sequence_builder": sequence_json(),
            "jobs": [{"runs": 5, "variables": {"amp": 1.0}}],
            "device_type": "EMU_FREE",
            "project_id": project,
        },
    ).json()["data"]
    fail(api.core.get(f"/api/v2/batches/{theirs['id']}"), 404)
    fail(api.core.get(f"/api/v2/jobs/{theirs['jobs'][0]['id']}"), 404)
    fail(api.core.patch(f"/api/v2/batches/{theirs['id']}/cancel"), 404)
    listed = api.core.get("/api/v1/batches", params={"id": theirs["id"]}).json()
    assert listed["data"] == []
    assert listed["pagination"]["total"] == 0
    mine = api.create_batch()
    fail(other.core.get(f"/api/v2/batches/{mine['id']}"), 404)
    # Creating in a project one is not a member of is refused.
    fail(
        api.core.post("/api/v1/batches", json={**_batch_body(local_cloud), "project_id": project}),
        403,
    )


# Bad input


def _batch_body(cloud: LocalCloud, **fields: Any) -> dict[str, Any]:
    return {
        "sequence_builder": sequence_json(),
        "jobs": [{"runs": 10, "variables": {"amp": 1.0}}],
        "device_type": "EMU_FREE",
        "project_id": cloud.project_id,
        **fields,
    }


def test_malformed_json_is_a_400(api: Api) -> None:
    answer = api.core.post(
        "/api/v1/batches", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert "JSON" in fail(answer, 400)["message"]


@pytest.mark.parametrize(
    ("change", "hint"),
    [
        ({"jobs": [{"runs": "ten"}]}, "runs"),
        ({"jobs": [{"runs": 0, "variables": {"amp": 1.0}}]}, "runs"),
        ({"jobs": [{"runs": 10**9, "variables": {"amp": 1.0}}]}, "at most"),
        ({"jobs": [{"runs": 10}]}, "amp"),
        ({"jobs": [{"runs": 10, "variables": {"amp": 1.0, "other": 2}}]}, "other"),
        ({"sequence_builder": '{"not": "a sequence"}'}, "abstract representation"),
        ({"device_type": "QUANTUM_TOASTER"}, "device_type"),
        ({"device_type": "EMU_MPS"}, "emulators"),
        ({"open": "yes"}, "open"),
        ({"jobs": []}, "jobs"),
    ],
)
def test_invalid_batches_are_refused_with_what_to_fix(
    local_cloud: LocalCloud, api: Api, change: dict[str, Any], hint: str
) -> None:
    try:
        import emu_mps  # type: ignore[import-not-found]  # noqa: F401

        if change.get("device_type") == "EMU_MPS":
            pytest.skip("the emulators extra is installed")
    except ImportError:
        pass
    body = fail(api.core.post("/api/v1/batches", json=_batch_body(local_cloud, **change)), 422)
    assert hint in body["message"], body


def test_a_sequence_that_does_not_fit_its_device_is_refused(
    local_cloud: LocalCloud, api: Api
) -> None:
    from pulser import Pulse, Register, Sequence
    from pulser.devices import MockDevice

    crowded = Sequence(Register.rectangle(1, 2, spacing=1.0, prefix="q"), MockDevice)
    crowded.declare_channel("ryd", "rydberg_global")
    crowded.add(Pulse.ConstantPulse(100, 1.0, 0, 0), "ryd")
    body = _batch_body(
        local_cloud, sequence_builder=crowded.to_abstract_repr(), device_type="FRESNEL",
        jobs=[{"runs": 10}],
    )  # fmt: skip
    assert "FRESNEL" in fail(api.core.post("/api/v1/batches", json=body), 422)["message"]


def test_gzip_bodies_are_accepted_and_bad_gzip_is_a_400(local_cloud: LocalCloud, api: Api) -> None:
    raw = json.dumps(_batch_body(local_cloud)).encode()
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    answer = api.core.post("/api/v1/batches", content=gzip.compress(raw), headers=headers)
    assert answer.status_code == 200, answer.text
    fail(api.core.post("/api/v1/batches", content=raw, headers=headers), 400)


def test_a_body_over_the_limit_is_a_413(local_cloud: LocalCloud, api: Api) -> None:
    big = _batch_body(local_cloud, tags=["x" * 1024] * (33 * 1024))
    fail(api.core.post("/api/v1/batches", json=big), 413)
    bomb = gzip.compress(b" " * (40 * 1024 * 1024))
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    fail(api.core.post("/api/v1/batches", content=bomb, headers=headers), 413)


def test_unknown_routes_answer_jsend(local_cloud: LocalCloud, api: Api) -> None:
    fail(api.core.get("/api/v9/nothing"), 404)


# Life of batches and jobs


def test_closed_batch_runs_to_done_with_results_behind_a_signed_link(api: Api) -> None:
    batch = api.create_batch(jobs=[{"runs": 25, "variables": {"amp": 2.0}}] * 2, tags=["life"])
    assert batch["status"] in ("PENDING", "RUNNING")
    assert batch["tags"] == ["life"]
    done = api.wait_batch(batch["id"])
    assert done["status"] == "DONE"
    assert done["jobs_count_per_status"] == {"DONE": 2}
    assert done["job_ids"] == [j["id"] for j in batch["jobs"]]
    assert "jobs" not in done
    v1 = api.core.get(f"/api/v1/batches/{batch['id']}").json()["data"]
    assert [j["id"] for j in v1["jobs"]] == done["job_ids"]
    assert all(sum(j["result"].values()) == 25 for j in v1["jobs"])
    link = api.core.get(f"/api/v1/jobs/{done['job_ids'][0]}/results_link").json()["data"]
    document = httpx.get(link["results_link"]).json()
    assert set(document) == {"counter", "raw", "serialised_results"}
    assert sum(document["counter"].values()) == len(document["raw"]) == 25
    from pulser.backend import Results

    parsed = Results.from_abstract_repr(document["serialised_results"])
    assert parsed.final_bitstrings == document["counter"]
    forged = link["results_link"].rsplit("/", 1)[0] + "/forged"
    assert httpx.get(forged).status_code == 403


def test_open_batch_waits_for_jobs_until_closed(api: Api) -> None:
    batch = api.create_batch(open=True)
    batch_id = batch["id"]
    added = api.core.post(
        f"/api/v2/batches/{batch_id}/jobs", json=[{"runs": 7, "variables": {"amp": 1.0}}]
    )
    assert added.status_code == 200
    assert len(added.json()["data"]["jobs"]) == 2
    time.sleep(1.0)
    assert api.core.get(f"/api/v2/batches/{batch_id}").json()["data"]["status"] != "DONE"
    closed = api.core.patch(f"/api/v2/batches/{batch_id}/complete")
    assert closed.status_code == 200
    assert closed.json()["data"]["open"] is False
    fail(
        api.core.post(
            f"/api/v2/batches/{batch_id}/jobs", json=[{"runs": 7, "variables": {"amp": 1.0}}]
        ),
        409,
    )
    assert api.wait_batch(batch_id)["status"] == "DONE"


def test_idle_open_batches_time_out(tmp_path: Path) -> None:
    with LocalCloud(tmp_path, workers=1, open_batch_timeout=1.0) as cloud:
        api = Api(cloud, password_token(cloud))
        batch = api.create_batch(open=True)
        assert api.wait_batch(batch["id"], timeout=30)["status"] == "TIMED_OUT"


def test_cancelling_a_running_job_stops_it(api: Api) -> None:
    slow = sequence_json(atoms=11, duration=4000)
    batch = api.create_batch(sequence_builder=slow, jobs=[{"runs": 10, "variables": {"amp": 3.0}}])
    job_id = batch["jobs"][0]["id"]
    deadline = time.monotonic() + 30
    while api.core.get(f"/api/v2/jobs/{job_id}").json()["data"]["status"] != "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    cancelled = api.core.patch(f"/api/v2/jobs/{job_id}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["data"]["status"] == "CANCELED"
    time.sleep(3)
    job = api.core.get(f"/api/v2/jobs/{job_id}").json()["data"]
    assert job["status"] == "CANCELED"
    # Its worker was stopped: left alone it would have written its result file by now.
    assert not (api.cloud.data_dir / "results" / f"{job_id}.json").exists()
    link = api.core.get(f"/api/v1/jobs/{job_id}/results_link")
    assert link.status_code == 200
    assert link.json()["data"]["results_link"] is None
    fail(api.core.patch(f"/api/v2/jobs/{job_id}/cancel"), 409)
    assert api.core.get(f"/api/v2/batches/{batch['id']}").json()["data"]["status"] == "CANCELED"


def test_bulk_cancel_reports_what_it_could_not_cancel(api: Api) -> None:
    open_batch = api.create_batch(open=True)
    done = api.wait_batch(api.create_batch()["id"])
    unknown = "00000000-0000-0000-0000-000000000000"
    answer = api.core.patch(
        "/api/v1/batches/cancel", json={"batch_ids": [open_batch["id"], done["id"], unknown]}
    )
    data = answer.json()["data"]
    assert [b["id"] for b in data["batches"]] == [open_batch["id"]]
    assert data["batches"][0]["status"] == "CANCELED"
    assert set(data["errors"]) == {done["id"], unknown}


def test_cancel_jobs_of_a_batch_honours_filters(api: Api) -> None:
    batch = api.create_batch(
        open=True,
        jobs=[{"runs": 5, "variables": {"amp": 1.0}}, {"runs": 50, "variables": {"amp": 1.0}}],
    )
    answer = api.core.patch(f"/api/v2/batches/{batch['id']}/cancel/jobs", params={"min_runs": 20})
    data = answer.json()["data"]
    touched = [j["id"] for j in data["jobs"]] + list(data["errors"])
    assert touched == [batch["jobs"][1]["id"]]


def test_rebatch_copies_matching_jobs_with_parent_ids(api: Api) -> None:
    batch = api.create_batch(
        jobs=[{"runs": 5, "variables": {"amp": 1.0}}, {"runs": 9, "variables": {"amp": 2.0}}],
        tags=["rb"],
    )
    api.wait_batch(batch["id"])
    answer = api.core.post(f"/api/v1/batches/{batch['id']}/rebatch", params={"max_runs": 6})
    new = answer.json()["data"]
    assert new["parent_id"] == batch["id"]
    assert new["id"] != batch["id"]
    assert [(j["runs"], j["parent_id"]) for j in new["jobs"]] == [(5, batch["jobs"][0]["id"])]
    fail(api.core.post(f"/api/v1/batches/{batch['id']}/rebatch", params={"min_runs": 1000}), 422)


def test_tags_are_replaced_and_filter_listings(api: Api) -> None:
    batch = api.create_batch(tags=["a"])
    tagged = api.core.patch(f"/api/v1/batches/{batch['id']}/tags", json=["tag-x", "tag-y"])
    assert tagged.json()["data"]["tags"] == ["tag-x", "tag-y"]
    found = api.core.get("/api/v1/batches", params=[("tag", "tag-y"), ("tag", "nothing")]).json()
    assert [b["id"] for b in found["data"]] == [batch["id"]]


def test_listings_page_filter_and_order(api: Api) -> None:
    ids = [
        api.create_batch(tags=["page"], jobs=[{"runs": 30 + i, "variables": {"amp": 1.0}}])["id"]
        for i in range(3)
    ]
    first = api.core.get("/api/v1/batches", params={"tag": "page", "limit": 2}).json()
    assert first["pagination"] == {"start": 0, "end": 2, "total": 3}
    assert [b["id"] for b in first["data"]] == ids[::-1][:2]  # newest first
    rest = api.core.get("/api/v1/batches", params={"tag": "page", "limit": 2, "offset": 2}).json()
    assert [b["id"] for b in rest["data"]] == [ids[0]]
    ascending = api.core.get(
        "/api/v1/batches", params={"tag": "page", "order_by_direction": "ASC"}
    ).json()
    assert [b["id"] for b in ascending["data"]] == ids
    jobs = api.core.get(
        "/api/v2/jobs", params=[("batch_id", ids[0]), ("batch_id", ids[2]), ("min_runs", 31)]
    )
    assert [j["runs"] for j in jobs.json()["data"]] == [32]
    assert jobs.headers["Content-Range"] == "1-1/1"
    fail(api.core.get("/api/v1/batches", params={"limit": 101}), 422)
    fail(api.core.get("/api/v1/batches", params={"status": "SLEEPING"}), 422)
    fail(api.core.get("/api/v2/jobs", params={"start_date": "yesterday"}), 422)
    huge = api.core.get("/api/v2/jobs", params={"min_runs": 2**70, "offset": 2**70})
    assert huge.status_code == 200
    assert huge.json()["data"] == []
    future = api.core.get("/api/v2/jobs", params={"start_date": "2999-01-01T00:00:00Z"}).json()
    assert future["data"] == []


def test_webhook_receives_the_finished_batch(api: Api) -> None:
    received: list[dict[str, Any]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        batch = api.create_batch(webhook=f"http://127.0.0.1:{server.server_port}/hook")
        api.wait_batch(batch["id"])
        deadline = time.monotonic() + 15
        while not received:
            assert time.monotonic() < deadline, "no webhook call"
            time.sleep(0.1)
        assert received[0]["id"] == batch["id"]
        assert received[0]["status"] == "DONE"
    finally:
        server.shutdown()
        server.server_close()


def test_workloads_are_recorded_and_refused_by_the_local_backends(api: Api) -> None:
    created = api.core.post(
        "/api/v1/workloads",
        json={
            "workload_type": "t",
            "backend": "b",
            "config": {"k": 1},
            "project_id": api.cloud.project_id,
        },
    ).json()["data"]
    assert created["status"] == "ERROR"
    assert created["errors"]
    got = api.core.get(f"/api/v2/workloads/{created['id']}").json()["data"]
    assert got["config"] == {"k": 1}
    fail(api.core.put(f"/api/v1/workloads/{created['id']}/cancel"), 409)


def test_cli_adds_a_user_to_a_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pasqal_sdk._cli import main

    assert (
        main(
            [
                "local",
                "user",
                "add",
                "a@b.c",
                "--password",
                "pw",
                "--project",
                "lab",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    first = capsys.readouterr().out.strip().splitlines()[-1]
    assert (
        main(
            [
                "local",
                "user",
                "add",
                "d@e.f",
                "--password",
                "pw",
                "--project",
                "lab",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip().splitlines()[-1] == first


def test_the_server_says_where_it_listens_who_and_which_project(local_cloud: LocalCloud) -> None:
    log = local_cloud.log_file.read_text()
    assert local_cloud.url in log
    assert local_cloud.username in log
    assert local_cloud.project_id in log


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"{bad", "application/json"), (b"\xff\xfe", "application/x-www-form-urlencoded")],
)
def test_token_endpoint_answers_unreadable_bodies_with_an_oauth_error(
    local_cloud: LocalCloud, content: bytes, content_type: str
) -> None:
    answer = httpx.post(
        local_cloud.token_url, content=content, headers={"Content-Type": content_type}
    )
    assert 400 <= answer.status_code < 500
    assert answer.json()["error"]


def test_an_amplitude_the_emulator_cannot_take_is_refused_at_submission(
    local_cloud: LocalCloud, api: Api
) -> None:
    # It used to be accepted and end ERROR in the emulator (issue 13, finding 10).
    body = _batch_body(local_cloud, jobs=[{"runs": 5, "variables": {"amp": 1e308}}])
    message = fail(api.core.post("/api/v1/batches", json=body), 422)["message"]
    assert message.startswith("jobs[0]: ")
    assert "amplitude" in message


@pytest.mark.parametrize("value", [None, True, "x", {"a": 1}])
def test_variables_must_be_numbers(local_cloud: LocalCloud, api: Api, value: Any) -> None:
    body = _batch_body(local_cloud, jobs=[{"runs": 5, "variables": {"amp": value}}])
    assert "number" in fail(api.core.post("/api/v1/batches", json=body), 422)["message"]
