"""The app routes exactly the operations of openapi/core.yaml and account.yaml, plus /health,
/oauth/token and the results download."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Mount, Route

from pasqal_sdk.local.http.app import ServerConfig, create_app
from tests.contract._spec import operations

EXTRAS = {("GET", "/health"), ("POST", "/oauth/token"), ("GET", "/results/{token}")}
MOUNTS = {"core.yaml": "/core-fast", "account.yaml": "/account"}


def routed(tmp_path: Path) -> set[tuple[str, str]]:
    app = create_app(ServerConfig(data_dir=tmp_path, workers=1))
    found = set()
    for route in app.routes:
        if isinstance(route, Mount):
            for inner in route.routes:
                assert isinstance(inner, Route)
                found |= {(m, route.path + inner.path) for m in inner.methods or () if m != "HEAD"}
        else:
            assert isinstance(route, Route)
            found |= {(m, route.path) for m in route.methods or () if m != "HEAD"}
    return found


def test_routes_are_the_documents_operations(tmp_path: Path) -> None:
    documented = {
        (op.method.upper(), MOUNTS[name] + op.path) for name in MOUNTS for op in operations(name)
    }
    documented |= {(op.method.upper(), op.path) for op in operations("auth.yaml")}
    assert routed(tmp_path) == documented | EXTRAS
