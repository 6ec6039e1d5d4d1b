"""`python -m pasqal_sdk.local serve|user add|service-account add ...`: the same commands as
`pasqal-sdk local ...` (`pasqal_sdk._cli_local`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run a local-cloud command on `argv` (default: the process's arguments); its exit code."""
    from pasqal_sdk._cli_base import run_app
    from pasqal_sdk._cli_local import local_app

    args = sys.argv[1:] if argv is None else argv
    return run_app(local_app, args, "python -m pasqal_sdk.local")


if __name__ == "__main__":
    sys.exit(main())
