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
    username: Annotated[
        str | None,
        typer.Option(
            "--username", "--email", help="your e-mail (default: the config's, else asked)"
        ),
    ] = None,
    password: Annotated[
        str | None, typer.Option(help="default: the config's, else asked (hidden)")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            help="the service's base URL, such as a local cloud's http://127.0.0.1:4207"
            " (default: the config's, else Pasqal Cloud)"
        ),
    ] = None,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help="keep the e-mail and URL in the profile for later commands (default: asked)",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Log in and keep the token (OS keyring when available, else a 0600 file).

    With nothing configured it asks for your e-mail and password, then offers to keep the
    e-mail (and `--url`) in the profile, so that later commands need no settings.
    """
    from pasqal_sdk._config import config_path, load_config, save_settings
    from pasqal_sdk._endpoints import served_at
    from pasqal_sdk._login import TokenStore
    from pasqal_sdk._sync.client import SDK

    opts = options(ctx)
    with errors(opts):
        config = load_config(opts.profile)
        where: dict[str, Any] = {}
        if url:
            region = served_at(url)
            where = {"endpoints": region.endpoints, "auth0": region.auth0}
        configured = config.username or config.token or config.client_id
        if username is None and not configured:
            username = typer.prompt("E-mail")
        if username and password is None and not (username == config.username and config.password):
            password = typer.prompt("Password", hide_input=True)
        project = opts.project_id or config.project_id
        with SDK(username, password, project_id=project, profile=opts.profile, **where) as sdk:
            token = sdk.user_token()
        stored = TokenStore(opts.profile).save(token)
        new = {
            key: value
            for key, value in (("url", url), ("username", username))
            if value and getattr(config, key) != value
        }
        profile = opts.profile or "default"
        kept = None
        if new:
            shown = ", ".join(f"{key}={value}" for key, value in new.items())
            if save is None and not opts.json:
                save = typer.confirm(
                    f"Keep {shown} in profile {profile!r} ({config_path()})?", default=True
                )
            if save:
                kept = str(save_settings(opts.profile, new))
    data = {"stored_in": stored, **({"profile_saved_in": kept} if kept else {})}

    def view() -> str:
        lines = [f"Logged in; the token is kept in {stored}."]
        if kept:
            lines.append(f"Profile {profile!r} saved in {kept}.")
        elif new.get("url"):
            lines.append(
                f"For later commands, set PASQAL_URL={new['url']} (or log in with --save)."
            )
        return "\n".join(lines)

    emit(opts, data, view)


def logout(ctx: typer.Context) -> None:
    """Forget the token that `login` kept."""
    from pasqal_sdk._login import TokenStore

    opts = options(ctx)
    store = TokenStore(opts.profile)
    if store.load() is None:
        emit(opts, {"logged_out": False}, lambda: f"Not logged in (profile {store.profile!r}).")
        return
    store.forget()
    emit(opts, {"logged_out": True}, lambda: "Logged out.")


def projects(ctx: typer.Context) -> None:
    """The projects you belong to (the ids `--project-id` takes)."""
    opts = options(ctx)
    with errors(opts), opts.sdk(check_project=False) as sdk:
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
    """The devices you can submit to, with the limits that apply (the public ones when you are
    not logged in)."""
    from pasqal_sdk.device import DeviceType

    opts = options(ctx)
    with errors(opts), opts.sdk(require_login=False) as sdk:
        public = sdk._settings.token_provider is None
        specs = sdk.get_public_device_specs() if public else sdk.get_device_specs_dict()
    data: dict[str, dict[str, Any]] = {}
    for device_type, spec in sorted(specs.items()):
        parsed = json.loads(spec)
        data[device_type] = {
            "name": parsed.get("name"),
            # None (JSON null): the spec sets no limit.
            "max_atom_num": parsed.get("max_atom_num"),
            "dimensions": parsed.get("dimensions"),
        }
    missing = sorted(t.value for t in DeviceType if t.value not in data)
    notes = []
    if public:
        notes.append("Not logged in: the public devices (`pasqal-sdk login` shows yours).")
    if missing:
        notes.append(
            f"Not offered here: {', '.join(missing)}. A local cloud runs EMU_TN, EMU_MPS and"
            " EMU_SV once the `emulators` extra is installed (pip install 'pasqal-sdk[emulators]')."
        )

    def table() -> Table:
        from rich.table import Table

        view = Table("device type", "name", "max atoms", "dimensions", title="devices")
        for device_type, fields in data.items():
            atoms = fields["max_atom_num"]
            limit = NO_LIMIT if atoms is None else str(atoms)
            view.add_row(device_type, str(fields["name"]), limit, str(fields["dimensions"]))
        return view

    emit(opts, data, table)
    for note in notes:
        typer.echo(note, err=True)
