"""Every test starts from an empty configuration: no `~/.pasqal/config`, no `PASQAL_*` settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pasqal_sdk._config import CONFIG_KEYS


@pytest.fixture(autouse=True)
def _no_ambient_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in (*CONFIG_KEYS.values(), "PASQAL_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PASQAL_CONFIG_ROOT", str(tmp_path / "no-pasqal-config"))
