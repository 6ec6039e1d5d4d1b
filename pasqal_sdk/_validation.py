"""Checks made before anything is sent: sequences and jobs."""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from pasqal_sdk._errors import InvalidJobError, InvalidSequenceError, PasqalError

__all__ = [
    "JobSpec",
    "SequenceLike",
    "check_jobs",
    "check_text",
    "job_bodies",
    "serialize_sequence",
]

SequenceLike = Any  # a pulser.Sequence or its serialized abstract representation (str)


@dataclasses.dataclass(frozen=True)
class JobSpec:
    """A job ready to send: runs, variables and an optional sequence of its own.

    `create_batch` and `add_jobs` take these or dicts with the same keys.

    Attributes:
        runs: How many shots.
        variables: Values of the sequence's variables (None when it has none).
        sequence: A serialized sequence for this job alone (None: the batch's).
    """

    runs: int
    variables: dict[str, Any] | None = None
    sequence: str | None = None


def serialize_sequence(sequence: SequenceLike) -> tuple[str, frozenset[str] | None]:
    """The wire form of a sequence, and the names of its declared variables where known.

    A Pulser `Sequence` is serialized with `to_abstract_repr()`; a string is sent as given once
    it is known to be a JSON object (a truncated or mangled one is refused here), and its
    `variables` are read from it.
    """
    if isinstance(sequence, str):
        if not sequence.strip():
            raise InvalidSequenceError("the serialized sequence is empty")
        try:
            data = json.loads(sequence)
        except (ValueError, RecursionError) as error:
            raise InvalidSequenceError(
                f"the serialized sequence is not valid JSON (truncated?): {error}"
            ) from None
        if not isinstance(data, dict):
            raise InvalidSequenceError(
                "the serialized sequence must be a JSON object, as Sequence.to_abstract_repr()"
                f" gives, not {type(data).__name__}"
            )
        if isinstance(data.get("variables"), dict):
            return sequence, frozenset(data["variables"])
        return sequence, None
    to_abstract_repr = getattr(sequence, "to_abstract_repr", None)
    if callable(to_abstract_repr):
        text = to_abstract_repr()
        declared = getattr(sequence, "declared_variables", None)
        names = frozenset(declared) if isinstance(declared, Mapping) else None
        return str(text), names
    raise InvalidSequenceError(
        f"expected a pulser.Sequence or its serialized form (str), got {type(sequence).__name__}"
    )


def check_jobs(
    jobs: Sequence[Mapping[str, Any] | JobSpec], declared: frozenset[str] | None
) -> list[JobSpec]:
    """Jobs as `JobSpec`s, refusing bad runs and variables that do not match the sequence."""
    return [
        JobSpec(body["runs"], body.get("variables"), body.get("sequence"))
        for body in job_bodies(jobs, declared)
    ]


def job_bodies(
    jobs: Sequence[Mapping[str, Any] | JobSpec], declared: frozenset[str] | None
) -> list[dict[str, Any]]:
    """Jobs checked as `check_jobs` does, in their wire form: `runs`, and `variables` and
    `sequence` where given."""
    if isinstance(jobs, (str, bytes, Mapping)) or not isinstance(jobs, Sequence):
        raise InvalidJobError("jobs must be a list of jobs such as {'runs': 100}")
    bodies = []
    for index, job in enumerate(jobs):
        if type(job) is dict and len(job) == 1 and "runs" in job:  # shots only: the usual job
            runs = job["runs"]
            _check_runs(index, runs)
            if declared:
                _check_names(index, set(), declared)
            bodies.append({"runs": runs})
            continue
        spec = job if isinstance(job, JobSpec) else _spec(index, job)
        _check_runs(index, spec.runs)
        variables = spec.variables or {}
        if not isinstance(variables, Mapping):
            raise InvalidJobError(f"job {index}: variables must be a dict, got {variables!r}")
        own_sequence = spec.sequence
        names = declared
        if own_sequence is not None:
            own_sequence, names = serialize_sequence(own_sequence)
        _check_values(f"job {index}: variables", variables)
        if names is not None:
            _check_names(index, set(variables), names)
        body: dict[str, Any] = {"runs": spec.runs}
        if variables:
            body["variables"] = dict(variables)
        if own_sequence is not None:
            body["sequence"] = own_sequence
        bodies.append(body)
    return bodies


def _check_names(index: int, given: set[str], declared: frozenset[str]) -> None:
    """The variables given are exactly those declared; a typo is named with its likely fix."""
    missing = sorted(declared - given)
    unknown = sorted(given - declared)
    if not missing and not unknown:
        return
    if unknown and missing:
        guesses = []
        for name in unknown:
            close = difflib.get_close_matches(name, missing, n=1)
            guesses.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise InvalidJobError(
            f"job {index}: unknown variable(s) {', '.join(guesses)}; the sequence declares"
            f" {sorted(declared)} and has no value for {missing}"
        )
    if missing:
        raise InvalidJobError(
            f"job {index}: no value for variable(s) {missing} declared by the sequence"
        )
    raise InvalidJobError(
        f"job {index}: extra variable(s) not declared by the sequence: {unknown}"
        f" (declared: {sorted(declared)})"
    )


def _check_values(where: str, value: Any) -> None:
    """Only finite numbers and encodable text, in any nesting, can be sent as JSON."""
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        try:
            finite = math.isfinite(value)
        except (TypeError, ValueError):
            return
        if not finite:
            raise InvalidJobError(f"{where}: {value!r} is not a finite number")
    elif isinstance(value, str):
        check_text(where, value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_values(f"{where}[{key!r}]", item)
    elif isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = value.tolist() if hasattr(value, "tolist") else value
        if isinstance(items, list):
            for position, item in enumerate(items):
                _check_values(f"{where}[{position}]", item)
        else:
            _check_values(where, items)


def check_text(where: str, text: str, error_class: type[PasqalError] = InvalidJobError) -> None:
    """`text` can be sent as UTF-8 (no lone surrogate, as a bad decode leaves)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise error_class(
            f"{where}: {text[max(0, error.start - 10) : error.end + 10]!r} holds a character"
            f" that is not valid Unicode (a lone surrogate at position {error.start})"
        ) from None


def _spec(index: int, job: Any) -> JobSpec:
    if not isinstance(job, Mapping):
        raise InvalidJobError(f"job {index}: expected a dict such as {{'runs': 100}}, got {job!r}")
    unknown = set(job) - {"runs", "variables", "sequence", "serialized_sequence"}
    if unknown:
        raise InvalidJobError(f"job {index}: unknown keys {sorted(unknown)}")
    if "runs" not in job:
        raise InvalidJobError(f"job {index}: 'runs' is required")
    if "sequence" in job and "serialized_sequence" in job:
        raise InvalidJobError(f"job {index}: give sequence or serialized_sequence, not both")
    # `serialized_sequence`: the original SDK's name of a job's own sequence (its `CreateJob`).
    sequence = job.get("sequence", job.get("serialized_sequence"))
    return JobSpec(job["runs"], job.get("variables"), sequence)


def _check_runs(index: int, runs: Any) -> None:
    if isinstance(runs, bool) or not isinstance(runs, int) or runs <= 0:
        raise InvalidJobError(f"job {index}: runs must be a positive integer, got {runs!r}")
