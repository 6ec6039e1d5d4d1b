"""The `pasqal-sdk` console script; its only commands for now are `local serve` and
`local user add`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pasqal-sdk")
    commands = parser.add_subparsers(dest="group", required=True)
    local = commands.add_parser("local", help="the local cloud (needs the `local` extra)")
    from pasqal_sdk.local.__main__ import add_commands, run

    add_commands(local)
    return run(parser.parse_args(argv))
