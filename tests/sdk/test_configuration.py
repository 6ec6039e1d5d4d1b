"""`SDK()` and `AsyncSDK()` configured by `~/.pasqal/config` and `PASQAL_*` (explicit arguments
over environment over file), profiles, static tokens and service accounts, on a local cloud."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk import (
    SDK,
    AsyncSDK,
    Auth0Conf,
    AuthenticationError,
    ClientCredentialsTokenProvider,
    Endpoints,
    InvalidConfigurationError,
    PasswordTokenProvider,
    ProjectRequiredError,
    StaticTokenProvider,
)
from tests.sdk.conftest import LIVE_POLLING


def write_config(root: Path, text: str) -> Path:
    (root / ".pasqal").mkdir(parents=True, exist_ok=True)
    path = root / ".pasqal" / "config"
    path.write_text(text)
    path.chmod(0o600)
    return path


def endpoints_lines(cloud: Any) -> str:
    return (
        f"auth_endpoint={cloud.url}\n"
        f"core_endpoint={cloud.core_url}\n"
        f"account_endpoint={cloud.account_url}\n"
    )


@pytest.fixture
def config_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "pasqal"
    monkeypatch.setenv("PASQAL_CONFIG_ROOT", str(root))
    return root


def test_sdk_without_arguments_reads_the_config_file(cloud: Any, config_root: Path) -> None:
    write_config(
        config_root,
        f"username={cloud.username}\npassword={cloud.password}\n"
        f"project_id={cloud.project_id}\n" + endpoints_lines(cloud),
    )
    with SDK(polling=LIVE_POLLING) as sdk:
        assert sdk.project_id == cloud.project_id
        assert isinstance(sdk._settings.token_provider, PasswordTokenProvider)
        assert cloud.project_id in [p.id for p in sdk.get_all_projects()]


def test_named_profile_overrides_the_default_section(cloud: Any, config_root: Path) -> None:
    write_config(
        config_root,
        "username=nobody@example.com\npassword=wrong\nproject_id=not-mine\n"
        "core_endpoint=https://core.invalid\n\n"
        f"[local]\nusername={cloud.username}\npassword={cloud.password}\n"
        f"project_id={cloud.project_id}\n" + endpoints_lines(cloud),
    )
    with SDK(profile="local") as sdk:
        assert sdk.project_id == cloud.project_id
        assert sdk.get_all_projects()
    with pytest.raises(InvalidConfigurationError, match="no profile 'nope'"):
        SDK(profile="nope")


def test_environment_wins_over_file_and_arguments_over_both(
    cloud: Any, config_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(
        config_root,
        f"username={cloud.username}\npassword={cloud.password}\nproject_id=from-file\n"
        + endpoints_lines(cloud),
    )
    monkeypatch.setenv("PASQAL_PROJECT_ID", "from-env")
    with SDK() as sdk:
        assert sdk.project_id == "from-env"
    with SDK(project_id=cloud.project_id) as sdk:
        assert sdk.project_id == cloud.project_id
        assert sdk.get_all_projects()


def test_token_from_the_environment_needs_no_password(
    cloud: Any, live_sdk: SDK, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASQAL_AUTH_TOKEN", live_sdk.user_token())
    monkeypatch.setenv("PASQAL_PROJECT_ID", cloud.project_id)
    monkeypatch.setenv("PASQAL_CORE_ENDPOINT", cloud.core_url)
    monkeypatch.setenv("PASQAL_ACCOUNT_ENDPOINT", cloud.account_url)
    with SDK() as sdk:
        assert isinstance(sdk._settings.token_provider, StaticTokenProvider)
        assert sdk.get_all_projects()


def test_expired_static_token_asks_to_log_in_again() -> None:
    expired = "e30.eyJleHAiOjF9.c2ln"  # {"exp": 1}
    with pytest.raises(AuthenticationError, match="log in again"):
        StaticTokenProvider(expired).get_token()


def test_missing_settings_name_the_config_file(config_root: Path) -> None:
    anonymous = SDK()  # no project, no credentials: public device specs only
    assert anonymous.project_id is None
    with pytest.raises(ProjectRequiredError, match="switch_to_project"):
        anonymous.create_batch("{}", [{"runs": 1}], emulator="EMU_FREE")
    write_config(config_root, "project_id=p\n")
    with pytest.raises(InvalidConfigurationError, match=str(config_root / ".pasqal" / "config")):
        SDK().user_token()
    write_config(config_root, "project_id=p\nclient_id=only-the-id\n")
    with pytest.raises(InvalidConfigurationError, match="client_secret"):
        SDK()


def test_readable_config_with_a_secret_is_refused(config_root: Path) -> None:
    write_config(config_root, "project_id=p\npassword=x\n").chmod(0o644)
    with pytest.raises(InvalidConfigurationError, match="chmod 600"):
        SDK()


def test_async_sdk_reads_the_configuration(cloud: Any, config_root: Path) -> None:
    write_config(
        config_root,
        f"username={cloud.username}\npassword={cloud.password}\n"
        f"project_id={cloud.project_id}\n" + endpoints_lines(cloud),
    )

    async def projects() -> list[str]:
        async with AsyncSDK() as sdk:
            return [p.id for p in await sdk.get_all_projects()]

    assert cloud.project_id in asyncio.run(projects())


# --- service accounts ------------------------------------------------------------------------


def test_service_account_from_config_runs_in_its_project(cloud: Any, config_root: Path) -> None:
    account = cloud.add_service_account("ci-bot", project="ci")
    write_config(
        config_root,
        f"client_id={account.client_id}\nclient_secret={account.client_secret}\n"
        f"project_id={account.project_id}\n" + endpoints_lines(cloud),
    )
    with SDK() as sdk:
        assert isinstance(sdk._settings.token_provider, ClientCredentialsTokenProvider)
        assert [p.id for p in sdk.get_all_projects()] == [account.project_id]
        assert "***" in repr(sdk._settings.token_provider)
        assert account.client_secret not in repr(sdk._settings.token_provider)


def test_service_account_with_a_wrong_secret_is_refused(cloud: Any, config_root: Path) -> None:
    account = cloud.add_service_account("wrong-secret")
    write_config(
        config_root,
        f"client_id={account.client_id}\nclient_secret=nope\n"
        f"project_id={account.project_id}\n" + endpoints_lines(cloud),
    )
    with SDK() as sdk, pytest.raises(AuthenticationError, match="invalid_client"):
        sdk.get_all_projects()


def test_service_account_secret_does_not_work_as_a_password(cloud: Any) -> None:
    account = cloud.add_service_account("no-password-grant")
    with (
        SDK(
            username=account.client_id,
            password=account.client_secret,
            project_id=account.project_id,
            endpoints=Endpoints(core=cloud.core_url, account=cloud.account_url),
            auth0=Auth0Conf(domain=cloud.url),
        ) as sdk,
        pytest.raises(AuthenticationError),
    ):
        sdk.get_all_projects()


def test_cli_adds_a_service_account_whose_secret_is_stored_hashed(cloud: Any) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pasqal_sdk.local", "service-account", "add", "nightly",
         "--project", "nightly-runs", "--data-dir", str(cloud.data_dir)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    printed = dict(line.split("=", 1) for line in out.splitlines())
    assert printed["client_id"].startswith("nightly.")
    database = (Path(cloud.data_dir) / "local-cloud.sqlite3").read_bytes()
    assert printed["client_secret"].encode() not in database
    auth0 = Auth0Conf(domain=cloud.url)
    tokens = ClientCredentialsTokenProvider(printed["client_id"], printed["client_secret"], auth0)
    assert tokens.get_token()


# --- resolution without a service -------------------------------------------------------------


@pytest.mark.parametrize(
    ("auth_endpoint", "token_url"),
    [
        ("http://127.0.0.1:4207", "http://127.0.0.1:4207/oauth/token"),
        ("http://127.0.0.1:4207/oauth/token", "http://127.0.0.1:4207/oauth/token"),
        ("auth.example.com", "https://auth.example.com/oauth/token"),
    ],
)
def test_auth_endpoint_is_a_domain_or_the_token_url(
    config_root: Path, auth_endpoint: str, token_url: str
) -> None:
    write_config(config_root, f"project_id=p\ntoken=t\nauth_endpoint={auth_endpoint}\n")
    with SDK() as sdk:
        assert sdk._settings.auth0.token_url == token_url


def test_region_from_config_and_one_endpoint_override(
    config_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(config_root, "project_id=p\ntoken=t\nregion=preprod\n")
    monkeypatch.setenv("PASQAL_CORE_ENDPOINT", "http://127.0.0.1:1/core-fast")
    with SDK() as sdk:
        assert sdk._settings.endpoints == Endpoints(
            core="http://127.0.0.1:1/core-fast",
            account="https://apis.preprod.pasqal.cloud/account",
        )
        assert "preprod" in sdk._settings.auth0.token_url
    with SDK(region="dev") as sdk:
        assert sdk._settings.endpoints.account == "https://apis.dev.pasqal.cloud/account"


def test_explicit_username_takes_the_configured_password_only_for_that_user(
    config_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(config_root, "project_id=p\nusername=me@example.com\npassword=pw\ntoken=t\n")
    with SDK(username="me@example.com") as sdk:
        provider = sdk._settings.token_provider
        assert isinstance(provider, PasswordTokenProvider)
        assert provider._password == "pw"
    monkeypatch.setattr("getpass.getpass", lambda prompt: "prompted")
    with SDK(username="other@example.com") as sdk:
        provider = sdk._settings.token_provider
        assert isinstance(provider, PasswordTokenProvider)
        assert provider._password == "prompted"


def test_service_account_token_is_for_the_api_audience_only(cloud: Any) -> None:
    import httpx

    account = cloud.add_service_account("audience")
    answer = httpx.post(
        cloud.token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": account.client_id,
            "client_secret": account.client_secret,
            "audience": "https://example.com/api",
        },
    )
    assert answer.status_code == 403
    assert answer.json()["error"] == "access_denied"


def test_one_base_url_reaches_a_local_cloud(cloud: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASQAL_URL", cloud.url + "/")
    with SDK(username=cloud.username, password=cloud.password) as sdk:
        assert sdk._settings.endpoints == Endpoints(
            core=cloud.url + "/core-fast", account=cloud.url + "/account"
        )
        assert sdk._settings.auth0.token_url == cloud.url + "/oauth/token"
        assert cloud.project_id in [p.id for p in sdk.get_all_projects()]


@pytest.mark.parametrize("url", ["127.0.0.1:4207", "ftp://host", "http://"])
def test_a_base_url_that_is_not_http_is_refused(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PASQAL_URL", url)
    with pytest.raises(InvalidConfigurationError, match="base URL"):
        SDK(token_provider=StaticTokenProvider("t"))
