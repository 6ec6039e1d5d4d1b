"""`make bench` scenario `cli_startup`: how long `pasqal-sdk` takes to start.

Median of fresh processes for `pasqal-sdk --help`, for `pasqal-sdk --json batches list` against
the local cloud, and for `import typer` alone (the floor the CLI library sets). The command's
own start-up is its wall time less its requests (a login and one listing), timed in-process with
everything imported. Targets (issue 23): `--help` <= 0.3 s, a command <= 0.45 s plus its requests.

Standalone: python scripts/bench/cli_startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

HELP_TARGET_S = 0.3
COMMAND_TARGET_S = 0.45


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _cloud_env(cloud: Any, config_root: str) -> dict[str, str]:
    """The environment of a user of `cloud`: no config file, no keyring, no saved token."""
    return {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "PASQAL_CONFIG_ROOT": config_root,
        "PASQAL_NO_KEYRING": "1",
        "PASQAL_USERNAME": cloud.username,
        "PASQAL_PASSWORD": cloud.password,
        "PASQAL_PROJECT_ID": cloud.project_id,
        "PASQAL_AUTH_ENDPOINT": cloud.url,
        "PASQAL_CORE_ENDPOINT": cloud.core_url,
        "PASQAL_ACCOUNT_ENDPOINT": cloud.account_url,
    }


def _requests_time(env: dict[str, str]) -> float:
    """What `batches list` spends on requests: a fresh SDK's login and first page, imports done."""
    code = (
        "import time, itertools\n"
        "from pasqal_sdk._cli_base import Options\n"
        "import pasqal_sdk._sync.client, pasqal_sdk._auth, pasqal_sdk._config, pasqal_sdk._login\n"
        "t = time.perf_counter()\n"
        "with Options().sdk() as sdk: list(itertools.islice(sdk.get_batches(), 20))\n"
        "print(time.perf_counter() - t)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def measure(cloud: Any, repeats: int) -> dict[str, list[float]]:
    """Seconds per run of each measurement, `repeats` fresh processes each (one warm-up)."""
    cli = [sys.executable, "-m", "pasqal_sdk._cli"]
    with tempfile.TemporaryDirectory(prefix="cli-bench-") as root:
        env = _cloud_env(cloud, root)
        runs: dict[str, list[float]] = {"typer": [], "help": [], "command": [], "requests": []}
        _wall([*cli, "--help"], env)  # warm the file cache and the bytecode
        for _ in range(repeats):
            runs["typer"].append(_wall([sys.executable, "-c", "import typer"], env))
            runs["help"].append(_wall([*cli, "--help"], env))
            runs["command"].append(_wall([*cli, "--json", "batches", "list"], env))
            runs["requests"].append(_requests_time(env))
    return runs


def rows(cloud: Any, repeats: int) -> list[dict[str, Any]]:
    """The scenario's rows, in bench.py's Row fields (no official figure: it has no CLI)."""
    runs = measure(cloud, repeats)
    median = {name: statistics.median(values) for name, values in runs.items()}
    startup = median["command"] - median["requests"]

    def row(name: str, values: list[float], value: float, target: str, met: bool | None) -> Any:
        spread = max(values) - min(values) if len(values) > 1 else 0.0
        return {
            "name": name,
            "ours": value,
            "official": None,
            "unit": "s",
            "ratio": None,
            "target": target,
            "met": met,
            "ours_spread": spread,
            "official_spread": None,
        }

    return [
        row("CLI: `import typer` alone (floor)", runs["typer"], median["typer"], "reported", None),
        row(
            "CLI: `pasqal-sdk --help`",
            runs["help"],
            median["help"],
            f"<= {HELP_TARGET_S} s",
            median["help"] <= HELP_TARGET_S,
        ),
        row(
            "CLI: `pasqal-sdk batches list`, wall",
            runs["command"],
            median["command"],
            "reported",
            None,
        ),
        row(
            "CLI: `pasqal-sdk batches list`, less its requests",
            runs["command"],
            startup,
            f"<= {COMMAND_TARGET_S} s",
            startup <= COMMAND_TARGET_S,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as bench.py's with_bytecode_cache
    from pasqal_sdk.local.testing import LocalCloud

    with LocalCloud() as cloud:
        found = rows(cloud, args.repeats)
    for fields in found:
        mark = {True: "met", False: "MISSED", None: ""}[fields["met"]]
        print(f"{fields['name']:52} {fields['ours']:.3f} s  {fields['target']} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
