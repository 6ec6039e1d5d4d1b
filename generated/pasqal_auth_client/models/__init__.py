"""Contains all the data models used in inputs/outputs"""

from .grant_type import GrantType
from .token_error import TokenError
from .token_form_request import TokenFormRequest
from .token_request import TokenRequest
from .token_response import TokenResponse

__all__ = (
    "GrantType",
    "TokenError",
    "TokenFormRequest",
    "TokenRequest",
    "TokenResponse",
)
