"""Starting the local cloud: the default data dir and credentials, the first-start bootstrap,
adding users, and serving with uvicorn."""

from __future__ import annotations

import gc
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from pasqal_sdk.local.storage.datadir import DataDirLock, private_dir, secure

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4207
DEFAULT_USERNAME = "dev@pasqal.local"
DEFAULT_PASSWORD = "pasqal-local"
DEFAULT_PROJECT = "local"


def _listening_url(host: str, port: int) -> str:
    """The URL of the address the server listens on (the machine's name for a wildcard)."""
    import socket

    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/pasqal-sdk/local`, or `~/.local/share/pasqal-sdk/local`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pasqal-sdk" / "local"


@dataclass
class Account:
    user_id: str
    email: str
    project_id: str
    created: bool


def add_user(
    data_dir: Path,
    email: str,
    password: str,
    project: str | None = None,
    *,
    existing_ok: bool = False,
) -> Account:
    """Adds a user to `project` (by name; created when new, `<email>'s project` by default).
    An existing e-mail raises UserExistsError, unless `existing_ok` (then the user, password
    unchanged, joins the project)."""
    from pasqal_sdk.local.service.accounts import UserExistsError, check_password_given
    from pasqal_sdk.local.service.auth import hash_password
    from pasqal_sdk.local.storage.store import Store

    check_password_given(password)
    private_dir(data_dir)
    store = Store(data_dir / "local-cloud.sqlite3")
    try:
        user = store.user_by_email(email)
        if user is not None and not existing_ok:
            raise UserExistsError(email, data_dir)
        created = user is None
        user_id = store.add_user(email, hash_password(password)) if user is None else user["id"]
        name = project or f"{email}'s project"
        existing = store.project_by_name(name)
        project_id = existing["id"] if existing else store.add_project(name)
        store.add_member(user_id, project_id, "ADMIN")
        return Account(user_id, email, project_id, created)
    finally:
        store.close()


@dataclass(frozen=True)
class ServiceAccount:
    """A service account's credentials, as `local service-account add` prints them."""

    client_id: str
    client_secret: str
    project_id: str


def add_service_account(data_dir: Path, name: str, project: str | None = None) -> ServiceAccount:
    """A new service account in `project` (by name; created when new): a client id and a secret,
    kept only as its argon2 hash."""
    import secrets

    from pasqal_sdk.local.service.auth import service_account_id

    client_id = service_account_id(name)
    secret = secrets.token_urlsafe(32)
    account = add_user(data_dir, client_id, secret, project or f"{name}'s project")
    return ServiceAccount(client_id, secret, account.project_id)


def bootstrap(data_dir: Path, email: str, password: str) -> Account:
    """First start: the given user and one project. Later starts keep what exists."""
    from pasqal_sdk.local.storage.store import Store

    private_dir(data_dir)
    store = Store(data_dir / "local-cloud.sqlite3")
    try:
        user = store.user_by_email(email)
        projects = store.projects_of(user["id"]) if user else []
    finally:
        store.close()
    if user is not None and projects:
        return Account(user["id"], email, projects[0]["id"], False)
    return add_user(data_dir, email, password, DEFAULT_PROJECT, existing_ok=True)


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the runner's forkserver with SIGINT ignored, which it and every worker it forks
    inherit: a terminal's Ctrl-C reaches the whole process group, and stopping them is the
    server's job (otherwise each prints a KeyboardInterrupt traceback)."""
    import multiprocessing.forkserver
    import signal

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def serve(
    *,
    host: str,
    port: int,
    data_dir: Path,
    email: str,
    password: str,
    workers: int,
    open_batch_timeout: float,
    seed: int | None = None,
    rate_limit: float | None = None,
    job_time_limit: float | None = None,
    job_memory_limit: int | None = None,
    executor: str | None = None,
    limits: dict[str, float] | None = None,
    forwarded_allow_ips: str | None = None,
    public_url: str | None = None,
    log_level: str = "INFO",
) -> None:
    """Serves the local cloud until stopped, logging at `log_level` (DEBUG, INFO: a line per
    batch status change, WARNING, ERROR) on stderr. `forwarded_allow_ips` (comma-separated
    addresses): the proxies whose X-Forwarded-For is believed; none by default, so a client
    can't pose as other addresses (the login throttle counts per address). `public_url`: the
    URL clients reach it at, for results links (default: `http://host:port`, the machine's
    name for a wildcard host)."""
    import uvicorn

    from pasqal_sdk.local.http.app import DEFAULT_RATE_LIMIT, ServerConfig, create_app
    from pasqal_sdk.local.http.h11 import MAX_HEAD_BYTES, Protocol, raise_fd_limit
    from pasqal_sdk.local.service.limits import Limits
    from pasqal_sdk.local.storage.faults import Faults
    from pasqal_sdk.local.worker.runner import (
        DEFAULT_EXECUTOR,
        DEFAULT_JOB_MEMORY_LIMIT,
        DEFAULT_JOB_TIME_LIMIT,
    )

    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(message)s")
    configured = Limits().with_values(limits or {})
    raise_fd_limit()
    os.umask(0o077)  # what the server and its workers create is theirs alone
    private_dir(data_dir)
    # Held until the process ends (the OS drops it then, even on kill -9): nothing is read,
    # re-queued or overwritten before it is. DataDirError when another server holds it.
    lock = DataDirLock(data_dir)
    lock.acquire()
    secure(data_dir)
    account = bootstrap(data_dir, email, password)
    app = create_app(
        ServerConfig(
            data_dir=data_dir,
            workers=workers,
            open_batch_timeout=open_batch_timeout,
            seed=seed,
            rate_limit=DEFAULT_RATE_LIMIT if rate_limit is None else rate_limit,
            job_time_limit=DEFAULT_JOB_TIME_LIMIT if job_time_limit is None else job_time_limit,
            job_memory_limit=(
                DEFAULT_JOB_MEMORY_LIMIT if job_memory_limit is None else job_memory_limit
            ),
            executor=executor or DEFAULT_EXECUTOR,
            limits=configured,
            public_url=public_url or _listening_url(host, port),
            faults=Faults.from_environment(),
        )
    )
    _start_forkserver_deaf_to_ctrl_c()
    url = f"http://{host}:{port}"
    (data_dir / "server.json").write_text(
        json.dumps(
            {
                "url": url,
                "user": email,
                "user_id": account.user_id,
                "project_id": account.project_id,
                "pid": os.getpid(),
            }
        )
    )
    print(f"Pasqal local cloud on {url} (data in {data_dir})", flush=True)
    print(f"  core API:    {url}/core-fast", flush=True)
    print(f"  account API: {url}/account", flush=True)
    print(f"  token URL:   {url}/oauth/token", flush=True)
    print(f"  jobs run on: {app.state.cloud.runner.executor.describe()}", flush=True)
    print(f"  user:        {email}", flush=True)
    print(f"  project id:  {account.project_id}", flush=True)
    print("Point the SDK and the CLI at it (Ctrl-C stops it):", flush=True)
    print(f"  export PASQAL_URL={url} PASQAL_USERNAME={email}", flush=True)
    print(f"  export PASQAL_PROJECT_ID={account.project_id} PASQAL_PASSWORD=...", flush=True)
    # What start-up built (the app, its documents, Pulser) stays: the collector need not walk
    # it again, which keeps pauses out of the answers' tail latency.
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        http=Protocol.configured(configured),
        timeout_keep_alive=max(1, int(configured.keep_alive_s)),
        proxy_headers=bool(forwarded_allow_ips),
        forwarded_allow_ips=forwarded_allow_ips or "",
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
    )
    lock.release()
