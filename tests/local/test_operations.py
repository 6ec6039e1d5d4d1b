"""The service's handlers are bound to the documents' operations by operationId: every operation
the local cloud serves has one handler, and the app routes it at its documented path."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from starlette.routing import Mount, Route

from pasqal_sdk.local.http import spec
from pasqal_sdk.local.http.app import MOUNTS, ServerConfig, create_app
from pasqal_sdk.local.service import batches, cudaq, devices, jobs, projects, tokens, workloads

RESOURCES = (batches, cudaq, devices, jobs, projects, tokens, workloads)


def _served(tmp_path: Path) -> set[tuple[str, str]]:
    app = create_app(ServerConfig(data_dir=tmp_path, workers=1))
    found = set()
    for route in app.routes:
        inner = route.routes if isinstance(route, Mount) else [route]
        prefix = route.path if isinstance(route, Mount) else ""
        for leaf in inner:
            if isinstance(leaf, Route):
                found |= {(method, prefix + leaf.path) for method in leaf.methods or ()}
    return found


def test_each_operation_of_the_documents_has_one_handler(tmp_path: Path) -> None:
    from pasqal_sdk.local.service.cloud import CloudService

    cloud = CloudService(ServerConfig(data_dir=tmp_path, workers=1))
    try:
        bound = Counter(
            op.operation_id for resource in RESOURCES for op in resource.operations(cloud)
        )
    finally:
        cloud.store.close()
    documented = set(spec._operations())
    assert [name for name, n in bound.items() if n > 1] == []
    assert set(bound) - documented == set()
    assert documented - set(bound) == set()


def test_the_app_serves_each_operation_at_its_documented_path(tmp_path: Path) -> None:
    served = _served(tmp_path / "data")
    for op in spec._operations().values():
        assert (op.method.upper(), MOUNTS[op.document] + op.path) in served
