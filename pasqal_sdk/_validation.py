"""Checks made before anything is sent: sequences and jobs."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pasqal_sdk._errors import InvalidJobError, InvalidSequenceError

__all__ = ["JobSpec", "SequenceLike", "check_jobs", "serialize_sequence"]

SequenceLike = Any  # a pulser.Sequence or its serialized abstract representation (str)


@dataclasses.dataclass(frozen=True)
class JobSpec:
    """A job ready to send: runs, variables and an optional sequence of its own."""

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
    if isinstance(jobs, (str, bytes, Mapping)) or not isinstance(jobs, Sequence):
        raise InvalidJobError("jobs must be a list of jobs such as {'runs': 100}")
    specs = []
    for index, job in enumerate(jobs):
        spec = job if isinstance(job, JobSpec) else _spec(index, job)
        _check_runs(index, spec.runs)
        variables = spec.variables or {}
        if not isinstance(variables, Mapping):
            raise InvalidJobError(f"job {index}: variables must be a dict, got {variables!r}")
        own_sequence = spec.sequence
        names = declared
        if own_sequence is not None:
            own_sequence, names = serialize_sequence(own_sequence)
        if names is not None:
            missing = sorted(names - set(variables))
            unknown = sorted(set(variables) - names)
            if missing:
                raise InvalidJobError(f"job {index}: missing values for variables {missing}")
            if unknown:
                raise InvalidJobError(
                    f"job {index}: the sequence declares no variables {unknown}"
                    f" (declared: {sorted(names)})"
                )
        specs.append(JobSpec(spec.runs, dict(variables) or None, own_sequence))
    return specs


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
