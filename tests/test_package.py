"""The package's public surface: every name in `__all__` resolves, and importing the package is
cheap (the heavy modules load on first use of a name)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pasqal_sdk


def test_all_names_resolve_and_nothing_else_is_exported() -> None:
    assert set(pasqal_sdk.__all__) == {*pasqal_sdk._EXPORTS, "__version__"}
    for name in pasqal_sdk.__all__:
        assert getattr(pasqal_sdk, name) is not None
    assert set(pasqal_sdk.__all__) <= set(dir(pasqal_sdk))


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = pasqal_sdk.Nope  # type: ignore[attr-defined]


def test_importing_the_package_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, pasqal_sdk; "
        "heavy = ('httpx', 'pulser', 'pasqal_core_client', 'typer', 'rich', 'click'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
