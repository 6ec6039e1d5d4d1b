"""Facade objects on generated models: behaviour added, fields read through, never copied.

A facade class names its generated model as a base for type checkers only (so every field of the
documents is typed on it, by construction) and, at run time, reads every name it does not define
itself from that model, then from the model's `additional_properties` (fields the documents don't
list yet). `.model` is the generated object itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

M = TypeVar("M")


class ModelView(Generic[M]):
    """Reads through to `self._model`, the generated object the service's answer was parsed into."""

    _model: M

    @property
    def model(self) -> M:
        """The generated model behind this object (typed raw access; `.to_dict()` for JSON)."""
        return self._model

    if not TYPE_CHECKING:  # type checkers see the generated base's fields instead

        def __getattr__(self, name: str) -> Any:
            model = self.__dict__.get("_model")
            if model is not None and not name.startswith("__"):
                try:
                    return getattr(model, name)
                except AttributeError:
                    extra = getattr(model, "additional_properties", {})
                    if name in extra:
                        return extra[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        model = self.__dict__.get("_model")
        names = set(super().__dir__())
        if model is not None:
            names.update(name for name in dir(model) if not name.startswith("_"))
            names.update(getattr(model, "additional_properties", {}))
        return sorted(names)
