"""schemathesis against the documents on a running local cloud: no server error and no response
that breaks its schema or status codes. Bounded: a few examples per operation."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pasqal_sdk.local.testing import LocalCloud
from tests.local.conftest import Api, password_token

OPENAPI = Path(__file__).resolve().parents[2] / "openapi"
EXAMPLES_PER_OPERATION = int(os.environ.get("LOCAL_CLOUD_FUZZ_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize(
    ("document", "mount"),
    [("core.yaml", "/core-fast"), ("account.yaml", "/account"), ("auth.yaml", "")],
)
def test_responses_conform_to_the_document(
    local_cloud: LocalCloud, api: Api, document: str, mount: str
) -> None:
    schema = schemathesis.openapi.from_path(OPENAPI / document)
    headers = {"Authorization": f"Bearer {password_token(local_cloud)}"}
    base_url = local_cloud.url + mount
    # Real ids too, so that operations reach past their 404s.
    batch = api.create_batch(open=True)
    workload = api.core.post(
        "/api/v1/workloads",
        json={
            "workload_type": "t",
            "backend": "b",
            "config": {},
            "project_id": local_cloud.project_id,
        },
    ).json()["data"]
    real = {
        "batch_id": batch["id"],
        "job_id": batch["jobs"][0]["id"],
        "workload_id": workload["id"],
    }
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    passes = [(operation, {}) for operation in operations] + [
        (operation, {p: real[p] for p in real if "{" + p + "}" in operation.path})
        for operation in operations
        if "{" in operation.path
    ]
    for operation, path_parameters in passes:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(path_parameters=path_parameters or None))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

        check()
    assert time.monotonic() - started < 120
