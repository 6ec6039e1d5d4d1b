"""`python -m pasqal_sdk.local serve|user add|service-account add ...` (also `pasqal-sdk local
...`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pasqal_sdk.local._server import (
    DEFAULT_HOST,
    DEFAULT_PASSWORD,
    DEFAULT_PORT,
    DEFAULT_USERNAME,
    default_data_dir,
)

DATA_DIR_HELP = "default: $XDG_DATA_HOME/pasqal-sdk/local, else ~/.local/share/pasqal-sdk/local"


def add_commands(parser: argparse.ArgumentParser) -> None:
    """The `serve` and `user add` commands, on `parser`."""
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the local cloud")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)
    serve.add_argument("--user", default=DEFAULT_USERNAME, help="first user's e-mail")
    serve.add_argument("--password", default=DEFAULT_PASSWORD, help="first user's password")
    serve.add_argument("--workers", type=int, default=None, help="default: the machine's cores")
    serve.add_argument(
        "--open-batch-timeout",
        type=float,
        default=None,
        help="seconds an open batch may stay idle before it is TIMED_OUT (default 1800)",
    )
    serve.add_argument("--seed", type=int, default=None, help="seed the emulators' sampling")
    serve.add_argument(
        "--rate-limit",
        type=float,
        default=None,
        help="requests a second per user before 429 Too Many Requests (default 1000; 0: off)",
    )
    user = commands.add_parser("user", help="manage users")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="add a user to a data dir")
    add.add_argument("email")
    add.add_argument("--password", required=True)
    add.add_argument("--project", default=None, help="project name (new or existing)")
    add.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)
    service = commands.add_parser("service-account", help="manage service accounts")
    service_commands = service.add_subparsers(dest="service_command", required=True)
    add_service = service_commands.add_parser(
        "add", help="add a service account; prints its client id and secret"
    )
    add_service.add_argument("name")
    add_service.add_argument("--project", default=None, help="project name (new or existing)")
    add_service.add_argument("--data-dir", type=Path, default=None, help=DATA_DIR_HELP)


def run(args: argparse.Namespace) -> int:
    from pasqal_sdk.local._runner import default_workers
    from pasqal_sdk.local._server import add_user, serve

    data_dir = args.data_dir or default_data_dir()
    if args.command == "serve":
        from pasqal_sdk.local._app import DEFAULT_OPEN_BATCH_TIMEOUT

        serve(
            host=args.host,
            port=args.port,
            data_dir=data_dir,
            email=args.user,
            password=args.password,
            workers=args.workers or default_workers(),
            open_batch_timeout=args.open_batch_timeout or DEFAULT_OPEN_BATCH_TIMEOUT,
            seed=args.seed,
            rate_limit=args.rate_limit,
        )
        return 0
    if args.command == "service-account":
        from pasqal_sdk.local._server import add_service_account

        service = add_service_account(data_dir, args.name, args.project)
        print(f"client_id={service.client_id}")
        print(f"client_secret={service.client_secret}")
        print(f"project_id={service.project_id}")
        return 0
    account = add_user(data_dir, args.email, args.password, args.project)
    state = "added" if account.created else "already existed; added"
    print(f"user {account.email} {state} to project {account.project_id}")
    print(account.project_id)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pasqal_sdk.local")
    add_commands(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
