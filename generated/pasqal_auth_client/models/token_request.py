from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grant_type import GrantType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenRequest")


@_attrs_define
class TokenRequest:
    """A token request; which fields are needed depends on `grant_type`.

    Attributes:
        grant_type (GrantType): The OAuth 2.0 grant.
        client_id (str): The public client id of the application asking, or a service account's client id
            (client_credentials grant).
        realm (str | Unset): The user database (password-realm grant): `pcs-users` in production.
        username (str | Unset): The user's e-mail address (password grants).
        password (str | Unset): The user's password (password grants).
        audience (str | Unset): The API the token is for: `https://apis.pasqal.cloud/account/api/v1` in production.
        scope (str | Unset): Space-separated scopes, e.g. `openid profile email`; `offline_access` also returns a
            refresh token.
        refresh_token (str | Unset): A refresh token from an earlier response (refresh_token grant).
        client_secret (str | Unset): The service account's secret (client_credentials grant).
    """

    grant_type: GrantType
    client_id: str
    realm: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    audience: str | Unset = UNSET
    scope: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grant_type = self.grant_type.value

        client_id = self.client_id

        realm = self.realm

        username = self.username

        password = self.password

        audience = self.audience

        scope = self.scope

        refresh_token = self.refresh_token

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grant_type": grant_type,
                "client_id": client_id,
            }
        )
        if realm is not UNSET:
            field_dict["realm"] = realm
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if audience is not UNSET:
            field_dict["audience"] = audience
        if scope is not UNSET:
            field_dict["scope"] = scope
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grant_type = GrantType(d.pop("grant_type"))

        client_id = d.pop("client_id")

        realm = d.pop("realm", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        audience = d.pop("audience", UNSET)

        scope = d.pop("scope", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        token_request = cls(
            grant_type=grant_type,
            client_id=client_id,
            realm=realm,
            username=username,
            password=password,
            audience=audience,
            scope=scope,
            refresh_token=refresh_token,
            client_secret=client_secret,
        )

        token_request.additional_properties = d
        return token_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
