"""Contains shared errors types that can be raised from API functions"""

import json


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class UnreadableResponse(Exception):
    """Raised by api functions when an answer does not have the shape its document gives it.

    The body is not repeated in the message (it may hold anything); `reason` says what was wrong.
    """

    def __init__(
        self, operation: str, status_code: int, reason: str, request_id: str | None = None
    ):
        self.operation = operation
        self.status_code = status_code
        self.reason = reason
        self.request_id = request_id
        super().__init__(f"{operation}: unreadable answer (HTTP {status_code}): {reason}")


def describe(exc: Exception) -> str:
    """What was wrong with an answer, from the exception its parsing raised (never the body)."""
    if isinstance(exc, UnicodeDecodeError):
        return "the body is not UTF-8 text"
    if isinstance(exc, json.JSONDecodeError):
        return f"the body is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    if isinstance(exc, KeyError):
        return (
            f"a required field is missing: {exc.args[0]!r}"
            if exc.args
            else "a required field is missing"
        )
    if isinstance(exc, (TypeError, AttributeError)):
        return f"a value has the wrong type ({exc})"
    if isinstance(exc, RecursionError):
        return "the body is nested too deeply to read"
    return str(exc) or type(exc).__name__


__all__ = ["UnexpectedStatus", "UnreadableResponse", "describe"]
