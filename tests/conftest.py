"""Every test starts from an empty configuration: no `~/.pasqal/config`, no `PASQAL_*` settings.

Tests are in two tiers: `slow` ones start a server, a subprocess or a venv (every test under
tests/local, tests/reliability, tests/cli, tests/clients and tests/install, the docs and the
examples, and any test that uses a running local cloud); the others are the fast unit tier,
`make test-fast`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasqal_sdk._config import CONFIG_KEYS


@pytest.fixture(autouse=True)
def _no_ambient_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in (*CONFIG_KEYS.values(), "PASQAL_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PASQAL_CONFIG_ROOT", str(tmp_path / "no-pasqal-config"))


# Folders and modules whose tests start servers, subprocesses or venvs (paths from tests/).
SLOW_PATHS = (
    "local/",
    "reliability/",
    "cli/",
    "install/",
    "clients/",
    "test_docs.py",
    "test_examples.py",
    "test_reference.py",
    "test_spec_end_to_end.py",
    "scripts/test_bench_cleanup.py",
    "sdk/test_live.py",
    "sdk/test_replay.py",
    "sdk/test_migrated_code.py",
)
# Fixtures that run a local cloud.
SERVER_FIXTURES = frozenset({"cloud", "local_cloud", "live_sdk", "make_live_async_sdk", "world"})
TESTS = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts a server, a subprocess or a venv (deselected by make test-fast)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        where = Path(str(item.fspath)).resolve()
        relative = where.relative_to(TESTS).as_posix() if where.is_relative_to(TESTS) else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        if relative.startswith(SLOW_PATHS) or fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.slow)
