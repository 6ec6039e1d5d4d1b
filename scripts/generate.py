"""Regenerate `generated/` from `openapi/`, or check that it is up to date.

Usage: python scripts/generate.py [--check]

It also writes the blocking SDK (`pasqal_sdk/_sync/`) from its async source with
`scripts/unasync.py`, and `--check` fails when that twin is stale too.

Each document in `openapi/generator.yaml` becomes one package under `generated/`, produced by the
pinned openapi-python-client with `--meta none` and the custom templates of `openapi/templates/`,
then post-processed (a `py.typed` marker, so that
type checkers read the generated annotations). With `--check`, the packages are generated in a
temporary folder and compared with `generated/`: any difference fails, and nothing is written.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import unasync  # scripts/unasync.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"
OUT = ROOT / "generated"
# Templates that replace the generator's own, by file name: open enums (a value the document does
# not list is kept, not refused), and answers of the wrong shape raised as `UnreadableResponse`.
TEMPLATES = SPECS / "templates"


def _generator_bin() -> str:
    """The openapi-python-client beside the running interpreter (the project's venv)."""
    here = Path(sys.executable).parent / "openapi-python-client"
    return str(here) if here.exists() else "openapi-python-client"


def generate_into(target: Path, specs: Path = SPECS) -> list[str]:
    """Generate every package of the documents in `specs` into `target`; return their names."""
    settings = yaml.safe_load((specs / "generator.yaml").read_text())
    env = dict(os.environ)
    # The post hooks call `ruff` from PATH: make it the venv's.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    packages = []
    with tempfile.TemporaryDirectory() as tmp:
        for document, package in settings["documents"].items():
            config = Path(tmp) / f"{package}.yaml"
            config.write_text(
                yaml.safe_dump({**settings["generator"], "package_name_override": package})
            )
            out = target / package
            run = subprocess.run(
                [
                    _generator_bin(),
                    "generate",
                    "--path",
                    str(specs / document),
                    "--config",
                    str(config),
                    "--meta",
                    "none",
                    "--output-path",
                    str(out),
                    "--overwrite",
                    "--custom-template-path",
                    str(specs / TEMPLATES.name),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            report = run.stdout + run.stderr
            # The generator drops what it cannot parse with only a warning: treat it as an error.
            if run.returncode or "Warning" in report or "Unable to" in report:
                raise SystemExit(f"openapi-python-client failed on {document}:\n{report}")
            _post_process(out)
            packages.append(package)
    return packages


def _post_process(package: Path) -> None:
    """Fix what the pinned generator gets wrong, narrowly, and mark the package as typed.

    openapi-python-client 0.28 annotates an operation that accepts several content types (the
    token endpoint: form and JSON) with `Unset` without importing it (a Jinja scoping slip in its
    endpoint template), so the module fails at import.
    """
    (package / "py.typed").write_text("")
    for module in (package / "api").rglob("*.py"):
        text = module.read_text()
        if re.search(r"\bUnset\b", text) and not re.search(
            r"^from \.\.\.types import .*\bUnset\b", text, re.M
        ):
            fixed = text.replace(
                "from ...types import UNSET, Response\n",
                "from ...types import UNSET, Response, Unset\n",
                1,
            )
            if fixed == text:
                raise SystemExit(f"cannot add the missing Unset import to {module}")
            module.write_text(fixed)


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (added, removed or changed)."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        diffs.extend(f"{prefix}{name}" for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        diffs.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return sorted(diffs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ is stale")
    parser.add_argument("--specs", type=Path, default=SPECS, help="the documents (openapi/)")
    parser.add_argument("--out", type=Path, default=OUT, help="where packages go (generated/)")
    args = parser.parse_args()
    out = args.out.resolve()
    twin = out == OUT  # the sync SDK belongs to this tree, not to a copy of generated/
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        fresh.mkdir()
        packages = generate_into(fresh, args.specs.resolve())
        if args.check:
            stale = [
                f"{package}/{path}"
                for package in packages
                for path in (
                    _differences(fresh / package, out / package)
                    if (out / package).is_dir()
                    else ["(missing)"]
                )
            ]
            if twin:
                stale += unasync.stale()
            if stale:
                print("generated/ is out of date; run `make generate`:", file=sys.stderr)
                print("\n".join(f"  {p}" for p in stale), file=sys.stderr)
                return 1
            print(
                "generated/ (and pasqal_sdk/_sync/) is up to date"
                if twin
                else "generated/ is up to date"
            )
            return 0
        for package in packages:
            shutil.rmtree(out / package, ignore_errors=True)
            shutil.copytree(fresh / package, out / package)
    if twin:
        unasync.main([])
        print(f"wrote {unasync.TARGET.relative_to(unasync.ROOT)}/ from its async source")
    print(f"generated {', '.join(packages)} in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
