"""`pasqal-sdk batches create FILE --emulator EMU [--runs N] [--wait]`: a serialized Pulser
sequence sent as a batch of one job; a missing file, bad JSON or unknown emulator is a typed
usage error (exit 2) said before anything is sent."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pasqal_sdk._cli import ExitCode
from pasqal_sdk.device import EmulatorType

Run = Callable[..., Any]


@pytest.fixture
def sequence_file(tmp_path: Path) -> Path:
    from tests.local.conftest import sequence_json

    path = tmp_path / "sequence.json"
    path.write_text(sequence_json(amp=2.0))
    return path


def test_create_with_wait_prints_the_finished_batch_and_its_counts(
    run: Run, sequence_file: Path
) -> None:
    done = run("--json", "batches", "create", str(sequence_file), "--emulator", "emu_free",
               "--runs", "25", "--wait")  # fmt: skip
    assert done.code == 0, done.err
    batch = done.json()
    assert batch["status"] == "DONE"
    assert batch["device_type"] == "EMU_FREE"
    (job,) = batch["jobs"]
    assert job["runs"] == 25
    assert sum(job["counts"].values()) == 25


def test_create_without_wait_returns_a_batch_that_show_finds(
    run: Run, sequence_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    created = run("batches", "create", str(sequence_file), "--emulator", "EMU_FREE")
    assert created.code == 0, created.err
    lines = created.out.splitlines()
    assert max(len(line) for line in lines) <= 80, created.out
    shown = run("--json", "batches", "show", _id(created.out))
    assert shown.code == 0, shown.err
    assert shown.json()["jobs"][0]["runs"] == 100  # the default --runs


def _id(out: str) -> str:
    """The batch id of the table's title: `batch ID · DEVICE · STATUS`."""
    title = next(line for line in out.splitlines() if line.strip().startswith("batch "))
    return title.split()[1]


@pytest.mark.parametrize(
    ("content", "kind", "said"),
    [
        (None, "SequenceFileNotFound", "no file"),
        ("{not json", "InvalidSequenceFile", "is not JSON (Expecting property name"),
        ("[1, 2]", "InvalidSequenceFile", "not a serialized sequence"),
    ],
)
def test_a_file_that_is_not_a_sequence_is_a_usage_error(
    run: Run, tmp_path: Path, content: str | None, kind: str, said: str
) -> None:
    path = tmp_path / "sequence.json"
    if content is not None:
        path.write_text(content)
    plain = run("batches", "create", str(path), "--emulator", "EMU_FREE")
    assert plain.code == ExitCode.USAGE
    assert plain.out == ""
    assert plain.err.startswith("error: ")
    assert said in plain.err
    assert str(path) in plain.err
    assert len(plain.err.strip().splitlines()) == 1
    as_json = run("--json", "batches", "create", str(path), "--emulator", "EMU_FREE")
    assert as_json.code == ExitCode.USAGE
    error = json.loads(as_json.err)
    assert (error["type"], error["exit_code"]) == (kind, ExitCode.USAGE)


def test_an_unknown_emulator_is_a_usage_error_naming_the_known_ones(
    run: Run, sequence_file: Path
) -> None:
    done = run("batches", "create", str(sequence_file), "--emulator", "EMU_FRE")
    assert done.code == ExitCode.USAGE
    assert "no emulator 'EMU_FRE'" in done.err
    assert ", ".join(sorted(EmulatorType.list())) in done.err
    assert "Did you mean EMU_FREE?" in done.err
    as_json = run("--json", "batches", "create", str(sequence_file), "--emulator", "FRESNEL")
    assert json.loads(as_json.err)["type"] == "UnknownEmulator"
