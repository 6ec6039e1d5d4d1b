"""`make run`: start a local cloud on a free port, run examples/quickstart.py against it, then say
what to do next (the cloud stops with `make run`; how to keep one running; where the docs are)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pasqal_sdk.local import DEFAULT_PASSWORD, DEFAULT_PORT, DEFAULT_USERNAME
from pasqal_sdk.local.testing import LocalCloud

ROOT = Path(__file__).resolve().parent.parent
QUICKSTART = ROOT / "examples" / "quickstart.py"


def next_steps(url: str) -> str:
    """What a newcomer needs after the quickstart ran against the local cloud at `url`."""
    served = f"http://127.0.0.1:{DEFAULT_PORT}"
    return f"""
Next steps
  The local cloud at {url} stops now that `make run` ends (its data was temporary).
  Keep one running, in another terminal:
      .venv/bin/pasqal-sdk local serve        # {served}, data in ~/.local/share/pasqal-sdk/local
  It prints its project id; log in as {DEFAULT_USERNAME} / {DEFAULT_PASSWORD}, e.g.:
      export PASQAL_USERNAME={DEFAULT_USERNAME} PASQAL_PASSWORD={DEFAULT_PASSWORD}
      export PASQAL_PROJECT_ID=<the project id it printed> PASQAL_URL={served}
      .venv/bin/pasqal-sdk batches list
  Docs: `make docs`, then open .site/index.html (the sources are in docs/; start with
  docs/quickstart.md, docs/local-cloud.md and docs/cli.md).
"""


def main() -> int:
    with LocalCloud() as cloud:
        print(f"local cloud on {cloud.url} (project {cloud.project_id})", flush=True)
        env = {**os.environ, **cloud.env()}
        done = subprocess.run([sys.executable, str(QUICKSTART)], env=env, check=False)
        url = cloud.url
    print(next_steps(url), flush=True)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
