from enum import Enum


class GrantType(str, Enum):
    CLIENT_CREDENTIALS = "client_credentials"
    PASSWORD = "password"
    PASSWORD_REALM = "http://auth0.com/oauth/grant-type/password-realm"
    REFRESH_TOKEN = "refresh_token"

    def __str__(self) -> str:
        return str(self.value)
