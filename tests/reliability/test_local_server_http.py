"""The local cloud at the HTTP edge: text that isn't Unicode, bodies sent where none is taken,
oversized request heads and clients that leave mid-request all get a precise answer (or one
log line), and the connection or the server stays usable."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud

from .conftest import api_client, new_batch, wait_until

CORE = "/core-fast/api/v1"


def _raw(cloud: LocalCloud, request: bytes) -> bytes:
    """Sends `request` on a new connection and reads the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", cloud.port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    ("field", "body"),
    [("body[1]", b'["ok", "\\ud800"]'), ("body[0]", b'["\xff\xfe"]')],
    ids=["lone-surrogate", "invalid-utf8"],
)
def test_text_that_is_not_unicode_is_a_422_naming_the_field_and_the_connection_stays_usable(
    api: httpx.Client, cloud: LocalCloud, sequence: str, field: str, body: bytes
) -> None:
    batch_id = new_batch(api, cloud, sequence)
    answer = api.patch(
        f"{CORE}/batches/{batch_id}/tags",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == field
    assert "UTF-8" in answer.json()["message"]
    # The same keep-alive connection answers the next request, and nothing was stored.
    again = api.get(f"{CORE}/batches/{batch_id}")
    assert again.status_code == 200
    assert again.json()["data"]["tags"] == []


def test_a_lone_surrogate_in_a_workload_type_is_a_422(api: httpx.Client, cloud: LocalCloud) -> None:
    answer = api.post(
        f"{CORE}/workloads",
        content=(
            b'{"project_id": "' + cloud.project_id.encode() + b'", "backend": "EMU_FREE",'
            b' "workload_type": "\\udfff", "config": {}}'
        ),
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == "workload_type"
    assert api.get("/health").status_code == 200


def test_a_query_value_that_is_not_utf8_is_a_422_naming_the_parameter(
    api: httpx.Client,
) -> None:
    answer = api.get(f"{CORE}/batches?tag=%ED%A0%80")  # a surrogate, UTF-8 encoded
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == "tag"
    assert api.get(f"{CORE}/batches?tag=caf%C3%A9").status_code == 200


def test_an_operation_that_takes_no_body_refuses_one_and_cancels_nothing(
    api: httpx.Client, cloud: LocalCloud, sequence: str
) -> None:
    batch = api.post(
        f"{CORE}/batches",
        json={
            "project_id": cloud.project_id,
            "device_type": "EMU_FREE",
            "sequence_builder": sequence,
            "open": True,
            "jobs": [{"runs": 5, "variables": {"amp": 1.0}}],
        },
    ).json()["data"]
    job_id = batch["jobs"][0]["id"]
    wait_until(lambda: api.get(f"{CORE}/jobs/{job_id}").json()["data"]["status"] == "DONE")
    added = api.post(
        f"{CORE}/batches/{batch['id']}/jobs", json=[{"runs": 5, "variables": {"amp": 1.0}}] * 3
    )
    assert added.status_code == 200, added.text
    answer = api.patch(
        f"/core-fast/api/v2/batches/{batch['id']}/cancel/jobs", json={"job_ids": [job_id]}
    )
    assert 400 <= answer.status_code < 500, answer.text
    assert "takes no request body" in answer.json()["message"]
    statuses = [
        j["status"] for j in api.get(f"{CORE}/batches/{batch['id']}").json()["data"]["jobs"]
    ]
    assert "CANCELED" not in statuses
    # Without a body it is the cancellation it always was.
    assert api.patch(f"/core-fast/api/v2/batches/{batch['id']}/cancel/jobs").status_code == 200


def test_a_request_line_over_the_limit_is_answered_414_not_reset(cloud: LocalCloud) -> None:
    answer = _raw(
        cloud,
        b"GET " + CORE.encode() + b"/batches?tag=" + b"a" * (1 << 20) + b" HTTP/1.1\r\n"
        b"Host: local\r\n\r\n",
    )
    assert _status(answer) == 414
    assert b"request line is over" in answer


@pytest.mark.parametrize("chunked", [False, True], ids=["whole", "in-pieces"])
def test_headers_over_the_limit_are_answered_431_not_reset(
    cloud: LocalCloud, chunked: bool
) -> None:
    head = b"GET /health HTTP/1.1\r\nHost: local\r\n" + b"X-Big: " + b"a" * (100 << 10) + b"\r\n"
    if not chunked:
        answer = _raw(cloud, head + b"\r\n")
    else:  # arrives in pieces: h11 refuses it before it is complete
        with socket.create_connection(("127.0.0.1", cloud.port), timeout=30) as connection:
            for start in range(0, len(head), 8192):
                connection.sendall(head[start : start + 8192])
                time.sleep(0.002)
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
    assert _status(answer) == 431
    assert b"headers are over" in answer


def test_a_client_leaving_mid_body_is_one_info_line_and_no_error() -> None:
    # A cloud of its own, stopped before its log is read: whatever the server writes about the
    # connection is then written (no sleep-then-look-for-nothing).
    with LocalCloud(workers=1) as own, api_client(own) as api:
        token = api.headers["Authorization"].encode()
        with socket.create_connection(("127.0.0.1", own.port), timeout=30) as connection:
            connection.sendall(
                b"POST " + CORE.encode() + b"/batches HTTP/1.1\r\nHost: local\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100000\r\n"
                b"Authorization: " + token + b"\r\n\r\n" + b'{"project_id": "'
            )
            time.sleep(0.5)  # the server reads part of the body before the client leaves
        assert api.get("/health").status_code == 200

        def logged() -> str:
            return own.log_file.read_bytes().decode("utf-8", "replace")

        wait_until(lambda: "client left" in logged(), timeout=30)
        own.stop()
        lines = [line for line in logged().splitlines() if line.strip()]
    assert len([line for line in lines if "client left" in line]) == 1
    assert " INFO " in next(line for line in lines if "client left" in line)
    assert not [line for line in lines if "ERROR" in line or "Traceback" in line], lines


def test_content_length_with_transfer_encoding_is_a_400_and_the_smuggled_request_is_not_served(
    cloud: LocalCloud,
) -> None:
    """RFC 9112 §6.1: a request with both is refused and its connection closed, so nothing
    after it (a second request hidden in the body) is answered."""
    smuggled = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    body = b"0\r\n\r\n" + smuggled
    request = (
        b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + body
    )
    answer = _raw(cloud, request)
    assert _status(answer) == 400, answer[:300]
    assert b"connection: close" in answer.lower()
    assert answer.count(b"HTTP/1.1 ") == 1, answer


@pytest.mark.parametrize("version", [b"HTTP/2.0", b"HTTP/0.9", b"HTTP/3.0"])
def test_a_request_line_of_another_http_version_is_a_505(cloud: LocalCloud, version: bytes) -> None:
    answer = _raw(cloud, b"GET /health " + version + b"\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert _status(answer) == 505, answer[:300]
