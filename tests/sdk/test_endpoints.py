"""Endpoints, Auth0 configuration and regions."""

from __future__ import annotations

import pytest

from pasqal_sdk import REGIONS, SDK, Auth0Conf, Endpoints, InvalidConfigurationError

from .conftest import StaticTokens


def test_auth0_domain_without_scheme_means_https():
    assert Auth0Conf(domain="authenticate.pasqal.cloud").token_url == (
        "https://authenticate.pasqal.cloud/oauth/token"
    )


def test_auth0_domain_with_scheme_is_used_as_given():
    assert (
        Auth0Conf(domain="http://127.0.0.1:4207").token_url == "http://127.0.0.1:4207/oauth/token"
    )


def test_endpoints_default_to_production_and_drop_trailing_slashes():
    assert Endpoints().core == "https://apis.pasqal.cloud/core-fast"
    assert Endpoints(core="http://x/core-fast/").core == "http://x/core-fast"


@pytest.mark.parametrize("name", sorted(REGIONS))
def test_every_region_gives_endpoints(name):
    sdk = SDK(token_provider=StaticTokens(), project_id="p", region=name)
    assert sdk._settings.endpoints == REGIONS[name].endpoints


def test_an_unknown_region_is_refused():
    with pytest.raises(InvalidConfigurationError, match="fr"):
        SDK(token_provider=StaticTokens(), project_id="p", region="mars")


def test_explicit_endpoints_win_over_the_region():
    endpoints = Endpoints(core="http://local/core-fast", account="http://local/account")
    sdk = SDK(token_provider=StaticTokens(), project_id="p", region="sa", endpoints=endpoints)
    assert sdk._settings.endpoints == endpoints


def test_the_password_grant_refuses_a_keycloak_region():
    with pytest.raises(InvalidConfigurationError, match="token_provider"):
        SDK(username="me", password="pw", project_id="p", region="sa")


def test_ssl_verification_can_be_turned_off_by_environment(monkeypatch):
    sdk = SDK(token_provider=StaticTokens(), project_id="p")
    assert sdk._settings.verify
    monkeypatch.setenv("PASQAL_SKIP_SSL_VERIFY", "1")
    assert not sdk._settings.verify
