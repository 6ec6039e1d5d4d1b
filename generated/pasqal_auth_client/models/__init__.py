"""Contains all the data models used in inputs/outputs.

Each model's module loads on first use of its name, so that importing one endpoint does not load
every model (a command line that makes one request starts faster).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .grant_type import GrantType
    from .token_error import TokenError
    from .token_form_request import TokenFormRequest
    from .token_request import TokenRequest
    from .token_response import TokenResponse

_MODULES: dict[str, str] = {
    "GrantType": ".grant_type",
    "TokenError": ".token_error",
    "TokenFormRequest": ".token_form_request",
    "TokenRequest": ".token_request",
    "TokenResponse": ".token_response",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULES])


__all__ = (
    "GrantType",
    "TokenError",
    "TokenFormRequest",
    "TokenRequest",
    "TokenResponse",
)
