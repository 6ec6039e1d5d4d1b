"""Code written for pasqal-cloud 0.24, as its README, docs and examples show it, runs here with
only the package name changed: pasqal_cloud_style.py, against a local cloud. The same script with
the name put back runs on the original package too, so it is the original's code, not ours."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("pasqal_cloud_style.py")
LAST_LINE = "PASQAL CLOUD STYLE OK"


def run_script(python: str, script: Path, cloud: Any) -> str:
    """The script's stdout; fails the test with its output when a step did not hold."""
    done = subprocess.run(
        [python, str(script), cloud.url, cloud.username, cloud.password, cloud.project_id],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(Path.home())},
        check=False,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    assert done.stdout.strip().splitlines()[-1] == LAST_LINE, done.stdout[-3000:]
    return done.stdout


def test_pasqal_cloud_style_code_runs_with_only_the_package_name_changed(cloud: Any) -> None:
    out = run_script(sys.executable, SCRIPT, cloud)
    for step in ("authentication", "closed batch", "open batch", "listings", "workloads", "pulser"):
        assert f"{step} ok" in out


def test_the_same_code_is_pasqal_clouds_own(cloud: Any, tmp_path: Path) -> None:
    from tests.local.test_official_client import official_python

    original = tmp_path / "pasqal_cloud_style.py"
    original.write_text(SCRIPT.read_text().replace("pasqal_sdk", "pasqal_cloud"))
    run_script(str(official_python()), original, cloud)


def test_the_script_names_no_other_package_than_pasqal_sdk() -> None:
    text = SCRIPT.read_text()
    code = text.split('"""', 2)[2]  # after the module's docstring
    assert not re.search(r"(?<![\w.])pasqal_cloud\b", code)  # `pasqal_cloud_client` is a module
    imports = [
        line for line in text.splitlines() if line.startswith(("from pasqal", "import pasqal"))
    ]
    assert imports
    assert all(line.split()[1].startswith("pasqal_sdk") for line in imports)
