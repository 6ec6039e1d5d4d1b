from enum import Enum

from ..types import open_enum_member


class GrantType(str, Enum):
    CLIENT_CREDENTIALS = "client_credentials"
    PASSWORD = "password"
    PASSWORD_REALM = "http://auth0.com/oauth/grant-type/password-realm"
    REFRESH_TOKEN = "refresh_token"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def list(cls) -> list[str]:
        """Every value the document lists (the original SDK's `.list()`)."""
        return [member.value for member in cls]

    @classmethod
    def _missing_(cls, value: object) -> "GrantType | None":
        """A value the document does not list yet: kept as a member of its own (tolerant reader)."""
        return open_enum_member(cls, value)
