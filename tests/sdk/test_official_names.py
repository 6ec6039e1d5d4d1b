"""The original SDK's names (`pasqal-cloud` 0.24), at their original paths with `pasqal_cloud`
replaced by `pasqal_sdk`, work as the original ones do; docs/migrating.md lists every one."""

from __future__ import annotations

import asyncio
import datetime
import importlib
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

import pasqal_sdk
from pasqal_sdk import SDK, AsyncSDK, NotFoundError, PasqalError, errors
from pasqal_sdk import _errors as errors_impl
from pasqal_sdk.authentication import Auth0TokenProvider, TokenProvider, TokenProviderError
from pasqal_sdk.device import (
    BaseConfig,
    DeviceType,
    DeviceTypeName,
    EmuFreeConfig,
    EmuFresnelConfig,
    EmuTNConfig,
    InvalidConfiguration,
)
from pasqal_sdk.errors import (
    AuthenticationError,
    BatchFetchingError,
    InvalidConfigurationError,
    JobCancellingError,
    JobFetchingError,
    RebatchError,
    UnexpectedResponseError,
)
from pasqal_sdk.utils.constants import BatchStatus, JobStatus
from pasqal_sdk.utils.filters import (
    BatchFilters,
    CancelJobFilters,
    JobFilters,
    PaginationParams,
    RebatchFilters,
)

from .conftest import PROJECT, Recorder, batch_dict, envelope, error, job_dict

ROOT = Path(__file__).resolve().parents[2]
MIGRATING = ROOT / "docs" / "migrating.md"
OFFICIAL_PYTHON = ROOT / ".venv-official" / "bin" / "python"
BATCH_ID = "00000000-0000-0000-0000-0000000000b1"
JOB_ID = "00000000-0000-0000-0000-0000000000c1"
ONE_PAGE = {"start": 0, "end": 1, "total": 1}

# Where code written for pasqal-cloud imports each name from (`pasqal_cloud` -> `pasqal_sdk`).
OFFICIAL_PATHS: dict[str, list[str]] = {
    "pasqal_sdk": [
        "PasqalCloudConnection",
        "RemoteEmuFreeBackend",
        "RemoteMPSBackend",
        "RemoteSVBackend",
        "PasqalCloudClient",
        "SDK",
    ],
    "pasqal_sdk.pasqal_cloud_client": ["PasqalCloudClient"],
    "pasqal_sdk.pasqal_cloud_connection": ["PasqalCloudConnection"],
    "pasqal_sdk.backends": ["RemoteEmuFreeBackend", "RemoteMPSBackend", "RemoteSVBackend"],
    "pasqal_sdk.authentication": [
        "Auth0TokenProvider",
        "ExpiringTokenProvider",
        "TokenProvider",
        "TokenProviderError",
    ],
    "pasqal_sdk.device": [
        "BaseConfig",
        "DeviceTypeName",
        "EmuFreeConfig",
        "EmuFresnelConfig",
        "EmuTNConfig",
        "EmulatorType",
        "InvalidConfiguration",
    ],
    "pasqal_sdk.utils.filters": [
        "BatchFilters",
        "CancelJobFilters",
        "JobFilters",
        "PaginationParams",
        "RebatchFilters",
    ],
    "pasqal_sdk.utils.constants": ["BatchStatus", "JobStatus", "QueuePriority"],
    "pasqal_sdk.endpoints": [
        "AUTH0_CONFIG",
        "AUTH_CONFIG",
        "PASQAL_ENDPOINTS",
        "Auth0Conf",
        "Endpoints",
        "Region",
        "TokenProviderConf",
    ],
    "pasqal_sdk.batch": ["Batch", "RESULT_POLLING_INTERVAL"],
    "pasqal_sdk.job": ["CreateJob", "Job"],
    "pasqal_sdk.workload": ["Workload"],
    "pasqal_sdk.project": ["Project"],
    "pasqal_sdk.sdk": ["SDK"],
    "pasqal_sdk.client": ["Client"],
    "pasqal_sdk.http_client": ["HTTPClient", "TIMEOUT"],
    "pasqal_sdk.ovh": ["MissingEnvironmentVariableError", "OVHConnection", "OvhClient"],
    "pasqal_sdk.device.configuration": [
        "BaseConfig",
        "EmuFreeConfig",
        "EmuFresnelConfig",
        "EmuTNConfig",
        "InvalidConfiguration",
    ],
    "pasqal_sdk.utils.responses": [
        "BatchCancellationResponse",
        "JobCancellationResponse",
        "PaginatedResponse",
    ],
    "pasqal_sdk.errors": [
        "BatchCancellingError",
        "BatchClosingError",
        "BatchCreationError",
        "BatchException",
        "BatchFetchingError",
        "BatchSetTagsError",
        "DeviceSpecsException",
        "DeviceSpecsFetchingError",
        "ExceptionWithResponseContext",
        "InvalidDeviceTypeSet",
        "InvalidWorkloadResultsFormatError",
        "JobCancellingError",
        "JobCreationError",
        "JobException",
        "JobFetchingError",
        "JobRetryError",
        "JobSequenceVariablesConflict",
        "MissingAllJobSequence",
        "MissingJobSequence",
        "OnlyCompleteOrOpenCanBeSet",
        "ProjectException",
        "ProjectFetchingError",
        "ProjectNotFoundError",
        "RebatchError",
        "WorkloadCancellingError",
        "WorkloadCreationError",
        "WorkloadException",
        "WorkloadFetchingError",
        "WorkloadResultsConnectionError",
        "WorkloadResultsDecodeError",
        "WorkloadResultsDownloadError",
    ],
}


@pytest.mark.parametrize(
    ("module", "name"),
    [(module, name) for module, names in OFFICIAL_PATHS.items() for name in names],
)
def test_each_official_name_imports_from_its_official_path(module: str, name: str) -> None:
    imported = importlib.import_module(module)
    assert getattr(imported, name) is not None
    assert name in imported.__all__


def test_the_official_names_are_this_packages_objects() -> None:
    from pasqal_sdk import backends, pulser
    from pasqal_sdk.pasqal_cloud_client import PasqalCloudClient
    from pasqal_sdk.pasqal_cloud_connection import PasqalCloudConnection
    from pasqal_sdk.utils import responses

    assert PasqalCloudClient is SDK is pasqal_sdk.PasqalCloudClient
    assert PasqalCloudConnection is pulser.PasqalCloudConnection
    assert backends.RemoteMPSBackend is pulser.RemoteMPSBackend is pasqal_sdk.RemoteMPSBackend
    assert DeviceTypeName is DeviceType
    assert InvalidConfiguration is InvalidConfigurationError
    assert responses.PaginatedResponse is pasqal_sdk.Paged
    assert responses.BatchCancellationResponse is pasqal_sdk.BatchCancellation
    assert Auth0TokenProvider is pasqal_sdk.PasswordTokenProvider
    assert PaginationParams is pasqal_sdk.PaginationParams
    assert DeviceTypeName.list() == [member.value for member in DeviceType]
    assert BatchStatus.DONE == "DONE"


# --- errors ------------------------------------------------------------------------------------


def test_the_errors_module_has_every_error_of_the_sdk() -> None:
    classes = {n for n in errors_impl.__all__ if isinstance(getattr(errors_impl, n), type)}
    assert set(errors.__all__) == classes
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, PasqalError)
        assert issubclass(cls, Exception)  # unlike the original ones (BaseException)


def test_except_batch_fetching_error_catches_what_get_batch_raises(
    make_sdk: Callable[..., SDK],
) -> None:
    sdk = make_sdk(lambda request: error(404, "Batch b1 was not found."))
    with pytest.raises(BatchFetchingError) as caught:
        sdk.get_batch(BATCH_ID)
    raised = caught.value
    plain = NotFoundError(
        "Batch b1 was not found.", status_code=404, code=404, request_id=raised.request_id
    )
    assert raised.request_id  # the X-Request-ID the SDK sent
    assert isinstance(raised, NotFoundError)
    assert isinstance(raised, PasqalError)
    assert raised.status_code == 404
    assert type(raised).__name__ == "NotFoundError"
    assert (str(raised), repr(raised)) == (str(plain), repr(plain))
    assert not isinstance(raised, JobFetchingError)
    with pytest.raises(JobFetchingError) as caught_job:
        sdk.get_job(JOB_ID)
    assert isinstance(caught_job.value, NotFoundError)


def test_except_exception_catches_the_sdks_errors(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(lambda request: error(404))
    caught: Exception | None = None
    try:
        sdk.get_batch(BATCH_ID)
    except Exception as raised:  # the original errors would escape this
        caught = raised
    assert isinstance(caught, BatchFetchingError)


def test_each_call_names_what_failed(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(lambda request: error(409, "not allowed"))
    with pytest.raises(RebatchError):
        sdk.rebatch(BATCH_ID)
    with pytest.raises(JobCancellingError):
        sdk.cancel_job(JOB_ID)
    with pytest.raises(errors.ProjectFetchingError):
        sdk.get_all_projects()


def test_an_unreadable_answer_also_names_what_failed(make_sdk: Callable[..., SDK]) -> None:
    sdk = make_sdk(lambda request: httpx.Response(200, text="<html>"))
    with pytest.raises(BatchFetchingError) as caught:
        sdk.get_batch(BATCH_ID)
    assert isinstance(caught.value, UnexpectedResponseError)


def test_the_async_sdk_names_what_failed_too(make_async_sdk: Callable[..., AsyncSDK]) -> None:
    async def scenario() -> None:
        sdk = make_async_sdk(lambda request: error(404))
        try:
            with pytest.raises(BatchFetchingError) as caught:
                await sdk.get_batch(BATCH_ID)
        finally:
            await sdk.close()
        assert isinstance(caught.value, NotFoundError)

    asyncio.run(scenario())


def test_a_refused_token_request_is_a_token_provider_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"error": "invalid_grant"})

    tokens = Auth0TokenProvider("me@example.com", "wrong", pasqal_sdk.Auth0Conf("https://a.test"))
    refusing = httpx.MockTransport(refuse)
    tokens._bind(client=httpx.Client(base_url="https://a.test", transport=refusing))
    with pytest.raises(TokenProviderError) as caught:
        tokens.get_token()
    assert isinstance(caught.value, AuthenticationError)
    assert caught.value.status_code == 403


def test_for_operation_makes_each_combined_class_once() -> None:
    first = errors_impl.for_operation("get_batch", NotFoundError("a", status_code=404))
    second = errors_impl.for_operation("get_batch_v1", NotFoundError("b", status_code=404))
    assert type(first) is type(second)
    assert type(first).__mro__[1:3] == (NotFoundError, errors_impl.APIError)
    untouched = errors_impl.for_operation("no_such_operation", NotFoundError("c", status_code=404))
    assert type(untouched) is NotFoundError


# --- token providers ---------------------------------------------------------------------------


class OnlyGetToken(TokenProvider):
    """The original pattern: a provider that defines only `get_token()`."""

    def __init__(self, token: str) -> None:  # the original base needed no super().__init__()
        self.token = token
        self.calls = 0

    def get_token(self) -> str:  # type: ignore[override]
        self.calls += 1
        return self.token


def test_a_token_provider_overriding_only_get_token_works_with_sdk(
    make_sdk: Callable[..., SDK],
) -> None:
    service = Recorder(lambda request: envelope(batch_dict(BATCH_ID)))
    provider = OnlyGetToken("original-style-token")
    sdk = make_sdk(service, token_provider=provider)
    sdk.get_batch(BATCH_ID, fetch_results=False)
    assert service.requests[-1].headers["authorization"] == "Bearer original-style-token"
    assert sdk.user_token() == "original-style-token"
    assert "OnlyGetToken" in repr(provider)


def test_after_a_401_such_a_provider_is_asked_again(make_sdk: Callable[..., SDK]) -> None:
    answers = iter([error(401, "expired"), envelope(batch_dict(BATCH_ID))])
    provider = OnlyGetToken("original-style-token")
    make_sdk(lambda request: next(answers), token_provider=provider).get_batch(
        BATCH_ID, fetch_results=False
    )
    assert provider.calls == 2


def test_a_token_provider_overriding_only_get_token_works_with_async_sdk(
    make_async_sdk: Callable[..., AsyncSDK],
) -> None:
    service = Recorder(lambda request: envelope(batch_dict(BATCH_ID)))
    provider = OnlyGetToken("original-style-token")

    async def scenario() -> str:
        sdk = make_async_sdk(service, token_provider=provider)
        try:
            await sdk.get_batch(BATCH_ID, fetch_results=False)
            return await sdk.user_token()
        finally:
            await sdk.close()

    assert asyncio.run(scenario()) == "original-style-token"
    assert service.requests[-1].headers["authorization"] == "Bearer original-style-token"
    assert provider.calls == 2


def test_an_expiring_provider_without_super_init_is_cached() -> None:
    from pasqal_sdk.authentication import ExpiringTokenProvider

    class Mine(ExpiringTokenProvider):
        def __init__(self) -> None:
            self.queries = 0

        def _query_token(self) -> dict[str, Any]:
            self.queries += 1
            return {"access_token": f"t{self.queries}", "expires_in": "3600"}

    mine = Mine()
    assert (mine.get_token(), mine.get_token()) == ("t1", "t1")
    assert asyncio.run(mine.aget_token()) == "t1"


# --- filters -----------------------------------------------------------------------------------


# The fields the original SDK checks as UUIDs, by filter class.
UUID_FIELDS = [
    (BatchFilters, "id"),
    (BatchFilters, "project_id"),
    (JobFilters, "id"),
    (JobFilters, "project_id"),
    (JobFilters, "batch_id"),
    (RebatchFilters, "id"),
    (CancelJobFilters, "id"),
]


@pytest.mark.parametrize(("cls", "field"), UUID_FIELDS)
def test_a_filter_id_that_is_not_a_uuid_is_refused(cls: Any, field: str) -> None:
    with pytest.raises(InvalidConfigurationError, match=f"{cls.__name__}.{field}: 'b1'"):
        cls(**{field: "b1"})
    with pytest.raises(ValueError, match="not a UUID"):  # as the original's pydantic error is
        cls(**{field: [BATCH_ID, "b1"]})
    given = uuid.UUID(BATCH_ID)
    assert getattr(cls(**{field: given}), field) == [BATCH_ID]
    assert getattr(cls(**{field: BATCH_ID.upper()}), field) == [BATCH_ID]


def test_filters_take_the_official_fields_and_defaults() -> None:
    assert BatchFilters() == BatchFilters(id=None, status=None, tag=None, open=None)
    assert JobFilters(user_id="u1", errors=False).user_id == ["u1"]  # not a UUID: not checked
    assert RebatchFilters(status=JobStatus.ERROR, min_runs=40).status == ["ERROR"]
    assert CancelJobFilters(max_runs=3).max_runs == 3
    dated = BatchFilters(start_date="2024-01-01T00:00:00Z", tag="calibration")
    assert dated.start_date == datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    assert dated.tag == ["calibration"]
    assert PaginationParams() == PaginationParams(offset=0, limit=100)
    for bad in (lambda: PaginationParams(limit=101), lambda: JobFilters(min_runs="4")):
        with pytest.raises(InvalidConfigurationError):
            bad()
    with pytest.raises(TypeError):
        BatchFilters(BATCH_ID)  # type: ignore[misc]  # keyword only, as the original's


def test_the_official_filters_reach_the_service(make_sdk: Callable[..., SDK]) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if "rebatch" in path:
            return envelope(batch_dict(BATCH_ID))
        if "cancel" in path:
            return envelope({"jobs": [], "errors": {}})
        if "jobs" in path:
            return envelope([job_dict(JOB_ID, BATCH_ID)], pagination=ONE_PAGE)
        return envelope([batch_dict(BATCH_ID)], pagination=ONE_PAGE)

    service = Recorder(answer)
    sdk = make_sdk(service)
    page = sdk.get_batches(
        filters=BatchFilters(status=BatchStatus.DONE, tag="t", project_id=uuid.UUID(PROJECT)),
        pagination_params=PaginationParams(limit=5),
    )
    assert [b.id for b in page.results] == [BATCH_ID]
    query = parse_qs(service.requests[-1].url.query.decode())
    assert (query["status"], query["tag"], query["project_id"]) == (["DONE"], ["t"], [PROJECT])
    assert query["limit"] == ["5"]
    jobs = sdk.get_jobs(JobFilters(batch_id=BATCH_ID, errors=False))
    assert [j.id for j in jobs.results] == [JOB_ID]
    query = parse_qs(service.requests[-1].url.query.decode())
    assert (query["batch_id"], query["errors"]) == ([BATCH_ID], ["false"])
    sdk.rebatch(BATCH_ID, RebatchFilters(min_runs=40))
    assert parse_qs(service.requests[-1].url.query.decode())["min_runs"] == ["40"]
    sdk.cancel_jobs(BATCH_ID, CancelJobFilters(id=JOB_ID))
    assert parse_qs(service.requests[-1].url.query.decode())["id"] == [JOB_ID]


def test_a_job_takes_its_own_sequence_as_serialized_sequence(make_sdk: Callable[..., SDK]) -> None:
    service = Recorder(lambda request: envelope(batch_dict(BATCH_ID)))
    own = json.dumps({"device": {"name": "FRESNEL"}, "variables": {}})
    job = {"runs": 10, "serialized_sequence": own}  # the original's `CreateJob`
    make_sdk(service).create_batch(own, [job], device_type=DeviceTypeName.EMU_FREE)
    assert service.body(0)["jobs"][0]["sequence"] == own
    with pytest.raises(errors.InvalidJobError, match="not both"):
        make_sdk(service).create_batch(own, [{**job, "sequence": own}], device_type="EMU_FREE")


# --- device configurations ---------------------------------------------------------------------


CONFIGS = [
    BaseConfig(),
    BaseConfig(strict_validation=True, extra_config={"seed": 3}),
    EmuFreeConfig(with_noise=True, result_types=None),
    EmuTNConfig(dt=5.0, precision="high", max_bond_dim=100, result_types=["counter", "sample"]),
    EmuFresnelConfig(extra_config={"seed": 1}),
]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: type(c).__name__)
def test_from_dict_round_trips(config: BaseConfig) -> None:
    sent = config.to_dict()
    kept = dict(sent)
    assert type(config).from_dict(sent) == config
    assert sent == kept  # the dict given is left untouched


def test_result_types_none_means_the_default_and_unknown_keys_are_extra() -> None:
    assert EmuFreeConfig(result_types=None) == EmuFreeConfig()
    assert EmuTNConfig(extra_config=None).to_dict()["result_types"] == ["counter"]
    config = EmuTNConfig.from_dict({"dt": 2.0, "seed": 7})
    assert (type(config), config.dt, config.extra_config) == (EmuTNConfig, 2.0, {"seed": 7})
    with pytest.raises(InvalidConfiguration, match="own fields"):
        EmuFreeConfig(extra_config={"with_noise": True})


# --- against the original package --------------------------------------------------------------

# The original's public names, by module, and the SDK's class and resource members.
DUMP_OFFICIAL = r"""
import importlib, inspect, json, warnings
import pydantic
warnings.simplefilter("ignore")

def defined(name):
    module = importlib.import_module(name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, v in vars(module).items() if not n.startswith("_") and (
            (getattr(v, "__module__", None) == name and inspect.isclass(v))
            or (n.isupper() and isinstance(v, (int, float, dict))))]
    return sorted(names)

def members(cls):
    inherited = set(dir(pydantic.BaseModel)) | set(dir(object))
    names = {n for n in dir(cls) if not n.startswith("_") and n not in inherited}
    return sorted(names | set(getattr(cls, "model_fields", {})))

from pasqal_cloud.batch import Batch
from pasqal_cloud.job import Job
from pasqal_cloud.pasqal_cloud_client import PasqalCloudClient
from pasqal_cloud.workload import Workload

import pkgutil
import pasqal_cloud
from pasqal_cloud._deprecations import _DEPRECATED_EXPORTS

# What `from pasqal_cloud import X` takes: its names, its deprecated ones, and its submodules.
ROOT = {n for n in dir(pasqal_cloud) if not n.startswith("_")} | set(_DEPRECATED_EXPORTS)
ROOT |= {m.name for m in pkgutil.iter_modules(pasqal_cloud.__path__) if not m.name.startswith("_")}

print(json.dumps({
    "root": sorted(ROOT),
    "modules": {m: defined(m) for m in (
        "pasqal_cloud", "pasqal_cloud.errors", "pasqal_cloud.authentication",
        "pasqal_cloud.device", "pasqal_cloud.device.configuration", "pasqal_cloud.utils.filters",
        "pasqal_cloud.utils.constants", "pasqal_cloud.utils.responses", "pasqal_cloud.endpoints",
        "pasqal_cloud.batch", "pasqal_cloud.job", "pasqal_cloud.workload", "pasqal_cloud.project",
        "pasqal_cloud.sdk", "pasqal_cloud.client", "pasqal_cloud.http_client", "pasqal_cloud.ovh",
    )},
    "classes": {c.__name__: members(c) for c in (PasqalCloudClient, Batch, Job, Workload)},
}))
"""
# Where this package has each original module's names.
OURS = {
    "pasqal_cloud": "pasqal_sdk",
    "pasqal_cloud.errors": "pasqal_sdk.errors",
    "pasqal_cloud.authentication": "pasqal_sdk.authentication",
    "pasqal_cloud.device": "pasqal_sdk.device",
    "pasqal_cloud.device.configuration": "pasqal_sdk.device.configuration",
    "pasqal_cloud.utils.filters": "pasqal_sdk.utils.filters",
    "pasqal_cloud.utils.constants": "pasqal_sdk.utils.constants",
    "pasqal_cloud.utils.responses": "pasqal_sdk.utils.responses",
    **{
        f"pasqal_cloud.{name}": f"pasqal_sdk.{name}"
        for name in (
            "endpoints",
            "batch",
            "job",
            "workload",
            "project",
            "sdk",
            "client",
            "http_client",
            "ovh",
        )
    },
}
# Original names not provided, each explained in docs/migrating.md.
NOT_PROVIDED = {
    "pasqal_cloud.authentication": {
        "HTTPBearerAuthenticator",
        "InsecureAuth0TokenProvider",
        "PasswordGrantTokenProvider",
    },
    "pasqal_cloud.utils.filters": {"BaseFilters", "BaseJobFilters"},
    "Workload": {"result_link_to_result"},  # a pydantic validator: `result` is read instead
}


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    """The original package's public names (from `.venv-official`, where it was installed)."""
    if not OFFICIAL_PYTHON.exists():
        pytest.skip("no .venv-official: tests/local/test_official_client.py builds it")
    done = subprocess.run(
        [str(OFFICIAL_PYTHON), "-c", DUMP_OFFICIAL],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    dumped: dict[str, Any] = json.loads(done.stdout)
    return dumped


def test_every_name_from_pasqal_cloud_import_takes_is_here(official: dict[str, Any]) -> None:
    """`from pasqal_cloud import X` for every X of 0.24 (its `dir()`, its deprecated
    re-exports and its submodules): the same line with `pasqal_sdk` works, and the package's
    list of them is exactly the original's."""
    root = set(official["root"]) - {"Any"}  # `typing.Any`, imported by the original's module
    failed = []
    for name in sorted(root):
        try:
            exec(f"from pasqal_sdk import {name}", {})
        except ImportError as error:
            failed.append(f"{name}: {error}")
    assert not failed
    ours = {*pasqal_sdk._EXPORTS, *pasqal_sdk._ORIGINAL_EXPORTS, *pasqal_sdk._ORIGINAL_MODULES}
    assert sorted(root - ours) == []
    assert sorted(set(pasqal_sdk._ORIGINAL_EXPORTS) | pasqal_sdk._ORIGINAL_MODULES) == sorted(
        root - set(pasqal_sdk._EXPORTS)
    )


def test_the_original_modules_are_attributes_once_the_package_is_imported() -> None:
    for name in sorted(pasqal_sdk._ORIGINAL_MODULES):
        module = getattr(pasqal_sdk, name)
        assert module is importlib.import_module(f"pasqal_sdk.{name}")
    assert pasqal_sdk.BatchFetchingError is errors.BatchFetchingError
    assert (
        pasqal_sdk.TokenProviderConf
        is importlib.import_module("pasqal_sdk.endpoints").TokenProviderConf
    )


def test_every_official_module_name_is_here(official: dict[str, Any]) -> None:
    missing = []
    for module, names in official["modules"].items():
        ours = importlib.import_module(OURS[module])
        for name in set(names) - NOT_PROVIDED.get(module, set()):
            if not hasattr(ours, name):
                missing.append(f"{OURS[module]}.{name}")
    assert not missing


def test_every_official_client_and_resource_member_is_here(official: dict[str, Any]) -> None:
    from pasqal_core_client.models import Batch as BatchModel
    from pasqal_core_client.models import Job as JobModel
    from pasqal_core_client.models import Workload as WorkloadModel

    ours: dict[str, set[str]] = {
        "PasqalCloudClient": set(dir(SDK)),
        "Batch": set(dir(pasqal_sdk.Batch)) | set(BatchModel.__annotations__),
        "Job": set(dir(pasqal_sdk.Job)) | set(JobModel.__annotations__),
        "Workload": set(dir(pasqal_sdk.Workload)) | set(WorkloadModel.__annotations__),
    }
    missing = [
        f"{cls}.{name}"
        for cls, names in official["classes"].items()
        for name in names
        if name not in ours[cls] and name not in NOT_PROVIDED.get(cls, set())
    ]
    assert not missing


def test_the_migration_page_lists_every_official_name(official: dict[str, Any]) -> None:
    page = MIGRATING.read_text()
    listed = set(re.findall(r"`([A-Za-z_][\w.]*)", page))
    words = {part for name in listed for part in re.split(r"[.(]", name)}
    names = {n for group in official["modules"].values() for n in group}
    names |= {n for group in official["classes"].values() for n in group}
    assert not sorted(names - words)


# --- the migration page ------------------------------------------------------------------------


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.M | re.S)


def test_the_migration_page_examples_run(tmp_path: Path) -> None:
    blocks = _python_blocks(MIGRATING.read_text())
    assert blocks
    for block in blocks:
        done = subprocess.run(
            [sys.executable, "-c", block],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env={**os.environ, "PASQAL_CONFIG_ROOT": str(tmp_path / "config")},
        )
        assert done.returncode == 0, block + done.stdout + done.stderr


# --- the original's endpoints, HTTP client and OVH connection ------------------------------------


def test_auth_config_takes_the_original_token_endpoint(make_sdk: Callable[..., SDK]) -> None:
    from pasqal_sdk.endpoints import AUTH_CONFIG, PASQAL_ENDPOINTS, TokenProviderConf

    conf = TokenProviderConf(token_endpoint="http://127.0.0.1:4207/oauth/token")
    sdk = make_sdk(lambda request: envelope({}), auth_config=conf, auth0=None)
    assert sdk._settings.auth0.token_url == "http://127.0.0.1:4207/oauth/token"
    assert conf.as_auth0() == pasqal_sdk.Auth0Conf(domain="http://127.0.0.1:4207")
    assert TokenProviderConf.from_region("sa").grant_type == "password"
    assert AUTH_CONFIG["fr-prod"].as_auth0().token_url == pasqal_sdk.Auth0Conf().token_url
    assert PASQAL_ENDPOINTS["prod"] == pasqal_sdk.Endpoints()
    with pytest.raises(InvalidConfigurationError, match="not both"):
        make_sdk(lambda request: envelope({}), auth_config=conf, auth0=pasqal_sdk.Auth0Conf())
    with pytest.raises(InvalidConfigurationError, match="http"):
        TokenProviderConf(token_endpoint="nowhere").as_auth0()


def test_the_original_http_client_is_a_typed_refusal_naming_the_sdk() -> None:
    from pasqal_sdk.client import Client
    from pasqal_sdk.http_client import HTTPClient

    for cls in (HTTPClient, Client):
        with pytest.raises(InvalidConfigurationError, match=r"SDK\(\.\.\.\) sends the requests"):
            cls(project_id=PROJECT)


def test_ovh_connection_checks_its_token_then_names_the_pasqal_cloud_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pasqal_sdk.ovh import MissingEnvironmentVariableError, OVHConnection

    monkeypatch.delenv("PASQAL_PULSER_ACCESS_TOKEN", raising=False)
    with pytest.raises(MissingEnvironmentVariableError, match="PASQAL_PULSER_ACCESS_TOKEN"):
        OVHConnection()
    assert issubclass(MissingEnvironmentVariableError, RuntimeError)
    monkeypatch.setenv("PASQAL_PULSER_ACCESS_TOKEN", "t")
    with pytest.raises(InvalidConfigurationError, match="PasqalCloudConnection"):
        OVHConnection()
