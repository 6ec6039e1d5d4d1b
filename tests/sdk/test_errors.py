"""The exception tree and what each error carries."""

from __future__ import annotations

import httpx
import pytest

from pasqal_sdk import (
    APIError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PasqalError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    ValidationError,
    WaitTimeoutError,
)
from pasqal_sdk._errors import error_for_status

from .conftest import Recorder


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (413, PayloadTooLargeError),
        (422, ValidationError),
        (429, RateLimitError),
        (500, ServerError),
        (503, ServerError),
        (418, APIError),
    ],
)
def test_each_status_maps_to_its_error(status, cls):
    err = error_for_status(status, "m")
    assert type(err) is cls
    assert isinstance(err, APIError)
    assert isinstance(err, PasqalError)


def test_every_error_shares_one_base():
    assert issubclass(WaitTimeoutError, PasqalError)
    assert issubclass(WaitTimeoutError, TimeoutError)


def test_api_errors_carry_status_code_message_request_id_and_data(make_sdk):
    body = {"status": "fail", "message": "Batch b9 not found.", "code": 404, "data": {"id": "b9"}}
    recorder = Recorder(
        lambda request: httpx.Response(404, json=body, headers={"x-request-id": "req-7"})
    )
    with pytest.raises(NotFoundError) as caught:
        make_sdk(recorder, retry=RetryPolicy(max_tries=1)).get_batch("b9")
    err = caught.value
    assert (err.status_code, err.code, err.message, err.request_id, err.data) == (
        404,
        404,
        "Batch b9 not found.",
        "req-7",
        {"id": "b9"},
    )
    assert "req-7" in str(err)
    assert "NotFoundError" in repr(err)
