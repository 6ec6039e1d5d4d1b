"""The package's public surface: every name in `__all__` resolves, and importing the package is
cheap (the heavy modules load on first use of a name)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    ("modules", "heavy"),
    [
        ("pasqal_sdk", ("httpx", "pulser", "pasqal_core_client", "typer", "rich", "click")),
        # The original SDK's module paths: the client's dependencies (httpx brings click and
        # rich where they are installed), never Pulser nor the CLI.
        (
            "pasqal_sdk.errors, pasqal_sdk.authentication, pasqal_sdk.device,"
            " pasqal_sdk.utils.filters, pasqal_sdk.pasqal_cloud_client",
            ("pulser", "pasqal_sdk.pulser", "typer", "pasqal_sdk._cli"),
        ),
    ],
)
def test_importing_the_package_loads_no_heavy_dependency(
    modules: str, heavy: tuple[str, ...]
) -> None:
    code = f"import sys, {modules}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_library_the_core_package_imports_is_a_declared_dependency() -> None:
    """A plain `pip install` (no extras) must give a working SDK and CLI: every third-party
    module that `pasqal_sdk` (outside the local cloud) imports is a core dependency."""
    import ast
    import re
    import sys
    from importlib.metadata import packages_distributions
    from pathlib import Path

    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11

    root = Path(__file__).resolve().parents[1]
    declared = {
        re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0].lower().replace("_", "-")
        for spec in tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    optional = {"keyring", "matplotlib"}  # imported only inside functions, with a clear error
    ours = {"pasqal_sdk", "pasqal_core_client", "pasqal_account_client", "pasqal_auth_client"}
    distributions = packages_distributions()
    missing = set()
    for module in (root / "pasqal_sdk").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in ours or top in sys.stdlib_module_names or top in optional:
                    continue
                dists = {d.lower() for d in distributions.get(top, [top])}
                if not dists & declared:
                    missing.add(f"{module.name}: {top}")
    assert not missing, f"imported but not declared in [project].dependencies: {sorted(missing)}"


def test_the_changelog_keeps_a_changelog_and_has_this_version() -> None:
    """CHANGELOG.md: an Unreleased section, one for the package's version, only Keep a
    Changelog's kinds of change, and a link for each version."""
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "CHANGELOG.md").read_text()
    versions = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert versions[0] == "Unreleased"
    assert pasqal_sdk.__version__ in versions
    kinds = set(re.findall(r"^### (.+)$", text, re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds
    for version in versions:
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.MULTILINE), version


def test_the_sync_sdk_is_what_its_async_source_generates() -> None:
    """`pasqal_sdk/_sync/` is written by scripts/unasync.py: a hand edit, or an edit of
    `_async/` without `make generate`, fails here (and in `make check-generated`)."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "unasync.py"
    run = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr


def test_the_sync_twin_check_sees_a_stale_module(tmp_path: Path) -> None:
    """The check compares text: the twin of an edited source differs from the file on disk."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "unasync.py"
    spec = importlib.util.spec_from_file_location("unasync", script)
    assert spec is not None
    assert spec.loader is not None
    unasync = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(unasync)
    source = unasync.SOURCE / "projects.py"
    edited = tmp_path / "projects.py"
    edited.write_text(source.read_text() + "\n\nasync def extra() -> None:\n    await extra()\n")
    twin = unasync.render(edited)
    assert twin != (unasync.TARGET / "projects.py").read_text()
    assert "def extra() -> None:\n    extra()" in twin
    assert "async " not in twin
    assert "await " not in twin
