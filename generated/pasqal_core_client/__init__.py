"""A client library for accessing Pasqal Core API"""

# The clients load on first use of their names, so that importing a model (an enumeration, say)
# does not load httpx.
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(".client", __name__), name)
    globals()[name] = value
    return value


__all__ = (
    "AuthenticatedClient",
    "Client",
)
