"""`pasqal-sdk login`, `logout`, `projects` and `devices`: who you are and what you can use."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pasqal_sdk._cli_base import emit, errors, options

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["devices", "login", "logout", "projects"]

#: What `devices` shows for a limit the spec leaves out (EMU_FREE's atoms, say).
NO_LIMIT = "no limit"


def login(
    ctx: typer.Context,
    username: Annotated[str | None, typer.Option(help="default: from the config")] = None,
    password: Annotated[
        str | None, typer.Option(help="default: from the config, else prompted")
    ] = None,
) -> None:
    """Log in and keep the token (OS keyring when available, else a 0600 file)."""
    from pasqal_sdk._client import SDK
    from pasqal_sdk._config import load_config
    from pasqal_sdk._login import TokenStore

    opts = options(ctx)
    with errors():
        config = load_config(opts.profile)
        if username and password is None and username != config.username:
            password = typer.prompt("Password", hide_input=True)
        project = opts.project_id or config.project_id
        with SDK(username, password, project_id=project, profile=opts.profile) as sdk:
            token = sdk.user_token()
        where = TokenStore(opts.profile).save(token)
    emit(opts, {"stored_in": where}, lambda: f"Logged in; the token is kept in {where}.")


def logout(ctx: typer.Context) -> None:
    """Forget the token that `login` kept."""
    from pasqal_sdk._login import TokenStore

    opts = options(ctx)
    TokenStore(opts.profile).forget()
    emit(opts, {"logged_out": True}, lambda: "Logged out.")


def projects(ctx: typer.Context) -> None:
    """The projects you belong to (the ids `--project-id` takes)."""
    opts = options(ctx)
    with errors(), opts.sdk(check_project=False) as sdk:
        found = sdk.get_all_projects()
    data = [{"id": p.id, "name": p.name} for p in found]

    def table() -> Table:
        from pasqal_sdk._cli_views import id_table

        view = id_table("projects", "id", "name")
        for project in found:
            view.add_row(project.id, project.name)
        return view

    emit(opts, data, table)


def devices(ctx: typer.Context) -> None:
    """The devices you can submit to, with their main limits."""
    opts = options(ctx)
    with errors(), opts.sdk() as sdk:
        specs = sdk.get_device_specs_dict()
    data: dict[str, dict[str, Any]] = {}
    for device_type, spec in sorted(specs.items()):
        parsed = json.loads(spec)
        data[device_type] = {
            "name": parsed.get("name"),
            # None (JSON null): the spec sets no limit, as for EMU_FREE's MockDevice.
            "max_atom_num": parsed.get("max_atom_num"),
            "dimensions": parsed.get("dimensions"),
        }

    def table() -> Table:
        from rich.table import Table

        view = Table("device type", "name", "max atoms", "dimensions", title="devices")
        for device_type, fields in data.items():
            atoms = fields["max_atom_num"]
            limit = NO_LIMIT if atoms is None else str(atoms)
            view.add_row(device_type, str(fields["name"]), limit, str(fields["dimensions"]))
        return view

    emit(opts, data, table)
