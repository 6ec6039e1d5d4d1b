"""Request bodies and parameters the validator must refuse before anything is stored: numbers
out of float range, repeated scalar query parameters, bodies that are not JSON; and the
`Authorization` scheme read case-insensitively (RFC 6750)."""

from __future__ import annotations

import json
import sqlite3

import httpx
import pytest

from pasqal_sdk.local.testing import LocalCloud

from .conftest import new_batch, server_counts

CORE = "/core-fast/api/v1"


def _create_body(cloud: LocalCloud, sequence: str, **fields: object) -> dict[str, object]:
    return {
        "project_id": cloud.project_id,
        "device_type": "EMU_FREE",
        "sequence_builder": sequence,
        "jobs": [{"runs": 5, "variables": {"amp": 1.0}}],
        **fields,
    }


@pytest.mark.parametrize(
    ("fragment", "field"),
    [
        ('"configuration": {"dt": 1e400}', "configuration.dt"),
        (
            '"configuration": {"extra_config": {"a": [1, -1e999]}}',
            "configuration.extra_config.a[1]",
        ),
        ('"jobs": [{"runs": 5, "variables": {"amp": 1e400}}]', "jobs[0].variables.amp"),
    ],
    ids=["dt", "extra-config", "variable"],
)
def test_a_number_out_of_float_range_is_a_422_naming_the_field_and_stores_nothing(
    api: httpx.Client, cloud: LocalCloud, sequence: str, fragment: str, field: str
) -> None:
    before = server_counts(cloud)
    body = json.dumps(_create_body(cloud, sequence))[:-1] + ", " + fragment + "}"
    answer = api.post(
        f"{CORE}/batches", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == field
    assert "finite" in answer.json()["message"]
    assert server_counts(cloud) == before
    assert api.get(f"{CORE}/batches").status_code == 200


def test_a_query_number_out_of_float_range_is_a_422(api: httpx.Client) -> None:
    answer = api.get(f"{CORE}/jobs", params={"min_runs": "1e400"})
    assert answer.status_code == 422, answer.text


def test_a_stored_row_holding_a_non_finite_number_is_still_answered(
    api: httpx.Client, cloud: LocalCloud, sequence: str
) -> None:
    """Rows written before the check (or by hand) never turn a listing into a 500."""
    batch_id = new_batch(api, cloud, sequence)
    with sqlite3.connect(cloud.data_dir / "local-cloud.sqlite3", timeout=10) as db:
        db.execute(
            "UPDATE batches SET configuration = ? WHERE id = ?",
            ('{"dt": Infinity, "extra_config": {"x": NaN}}', batch_id),
        )
    listing = api.get(f"{CORE}/batches")
    assert listing.status_code == 200, listing.text
    one = api.get(f"/core-fast/api/v2/batches/{batch_id}")
    assert one.status_code == 200, one.text
    assert one.json()["data"]["configuration"]["dt"] is None


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "BeArEr"])
def test_the_authorization_scheme_is_case_insensitive(
    api: httpx.Client, cloud: LocalCloud, scheme: str
) -> None:
    token = api.headers["Authorization"].split(" ", 1)[1]
    answer = httpx.get(
        f"{cloud.url}{CORE}/batches", headers={"Authorization": f"{scheme} {token}"}, timeout=30
    )
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    "query", ["open=true&open=false", "limit=5&limit=6", "order_by=created_at&order_by=id"]
)
def test_a_repeated_single_valued_query_parameter_is_a_422(api: httpx.Client, query: str) -> None:
    answer = api.get(f"{CORE}/batches?{query}")
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == query.split("=")[0]
    assert "once" in answer.json()["message"]


@pytest.mark.parametrize(
    "content_type",
    [
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "text/plain",
    ],
)
def test_a_json_body_sent_as_another_media_type_is_a_415_and_stores_nothing(
    api: httpx.Client, cloud: LocalCloud, sequence: str, content_type: str
) -> None:
    before = server_counts(cloud)
    answer = api.post(
        f"{CORE}/batches",
        content=json.dumps(_create_body(cloud, sequence)).encode(),
        headers={"Content-Type": content_type},
    )
    assert answer.status_code == 415, answer.text
    assert "application/json" in answer.json()["message"]
    assert server_counts(cloud) == before


def test_a_json_body_with_a_charset_or_no_content_type_is_accepted(
    api: httpx.Client, cloud: LocalCloud, sequence: str
) -> None:
    body = json.dumps(_create_body(cloud, sequence)).encode()
    for headers in ({"Content-Type": "application/json; charset=utf-8"}, {}):
        answer = api.post(f"{CORE}/batches", content=body, headers=headers)
        assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(
    "webhook",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/hook",
        "http://[::1]:9000/hook",
    ],
)
def test_a_webhook_to_a_loopback_private_or_link_local_address_is_a_422(
    api: httpx.Client, cloud: LocalCloud, sequence: str, webhook: str
) -> None:
    before = server_counts(cloud)
    answer = api.post(f"{CORE}/batches", json=_create_body(cloud, sequence, webhook=webhook))
    assert answer.status_code == 422, answer.text
    assert answer.json()["data"]["field"] == "webhook"
    assert "allow_private_webhooks" in answer.json()["message"]
    assert server_counts(cloud) == before


def test_results_links_are_built_on_the_servers_url_not_the_host_header(
    api: httpx.Client, cloud: LocalCloud, sequence: str
) -> None:
    from .conftest import wait_until

    batch_id = new_batch(api, cloud, sequence)

    def done() -> bool:
        status = api.get(f"/core-fast/api/v2/batches/{batch_id}").json()["data"]["status"]
        return bool(status == "DONE")

    wait_until(done, timeout=120)
    job_id = api.get(f"/core-fast/api/v2/batches/{batch_id}").json()["data"]["job_ids"][0]
    answer = api.get(f"{CORE}/jobs/{job_id}/results_link", headers={"Host": "attacker.example:80"})
    assert answer.status_code == 200, answer.text
    link = answer.json()["data"]["results_link"]
    assert link.startswith(f"{cloud.url}/results/"), link
    assert httpx.get(link, timeout=30).status_code == 200
