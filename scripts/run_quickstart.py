"""`make run`: start a local cloud on a free port and run examples/quickstart.py against it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pasqal_sdk.local.testing import LocalCloud

QUICKSTART = Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"


def main() -> int:
    with LocalCloud() as cloud:
        print(f"local cloud on {cloud.url} (project {cloud.project_id})", flush=True)
        env = {
            **os.environ,
            "PASQAL_URL": cloud.url,
            "PASQAL_USERNAME": cloud.username,
            "PASQAL_PASSWORD": cloud.password,
            "PASQAL_PROJECT_ID": cloud.project_id,
        }
        return subprocess.run([sys.executable, str(QUICKSTART)], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
