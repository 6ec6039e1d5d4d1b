"""The local cloud's layers, read from its source (no import runs): nothing under
`pasqal_sdk/local/` imports a private module of the facade (`pasqal_sdk._*`), and each layer
imports only itself and the layers below it: http → service → worker → storage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pasqal_sdk.local

LOCAL = Path(pasqal_sdk.local.__file__).parent
# Each layer, with the layers it may import (besides itself).
BELOW = {
    "http": {"service", "worker", "storage"},
    "service": {"worker", "storage"},
    "worker": {"storage"},
    "storage": set(),
}
# The command line's door into `python -m pasqal_sdk.local`: the CLI is the facade's.
CLI_MODULES = frozenset({"pasqal_sdk._cli_base", "pasqal_sdk._cli_local"})
CLI_SHIM = LOCAL / "__main__.py"
# What no module of the local cloud may exceed.
MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(LOCAL.rglob("*.py"))


def _package(path: Path) -> str:
    """The package `path` is in (for `__init__.py`, the one it makes)."""
    return ".".join(path.relative_to(LOCAL.parent.parent).parent.parts)


def _imported(path: Path) -> list[str]:
    """The modules `path` imports (top level, in functions and under TYPE_CHECKING), by their
    absolute names; `from X import name` counts X and X.name (name may be a module)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = _package(path).split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["pasqal_sdk", "local"] or len(parts) < 3:
        return None
    return parts[2] if parts[2] in BELOW else None


def test_the_walk_sees_every_layer() -> None:
    layers = {_layer(_package(path) + ".x") for path in _modules()}
    assert set(BELOW) <= layers


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(LOCAL)))
def test_no_module_of_the_local_cloud_imports_a_private_facade_module(path: Path) -> None:
    # `python -m pasqal_sdk.local` is the CLI's `local` command: the CLI is the facade's, so
    # that one door may import the CLI's modules (and nothing else private).
    allowed = CLI_MODULES if path == CLI_SHIM else frozenset()
    private = [
        name
        for name in _imported(path)
        if (name.startswith("pasqal_sdk._") or name.split(".")[:2] == ["pasqal_sdk", "_"])
        and name.rsplit(".", 1)[0] not in allowed
        and name not in allowed
    ]
    assert private == [], f"{path.name} imports the facade's private {private}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(LOCAL)))
def test_each_layer_imports_only_the_layers_below_it(path: Path) -> None:
    own = _layer(_package(path) + ".x")
    if own is None:
        return  # the package's public modules (`testing`, `__init__`) may use every layer
    upward = sorted(
        {
            name
            for name in _imported(path)
            if (other := _layer(name)) is not None and other != own and other not in BELOW[own]
        }
    )
    assert upward == [], f"{own}/{path.name} imports {upward}"


def test_storage_never_imports_http() -> None:
    for path in (LOCAL / "storage").rglob("*.py"):
        assert not [n for n in _imported(path) if _layer(n) == "http"], path


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(LOCAL)))
def test_no_module_is_over_600_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it along its concepts"


def test_the_walk_finds_a_private_import_and_an_upward_one(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from pasqal_sdk._errors import PasqalError\n"
        "def f():\n"
        "    from pasqal_sdk.local.http import app\n"
    )
    names = _imported(sample)
    assert "pasqal_sdk._errors" in names
    assert "http" in {_layer(n) for n in names}
