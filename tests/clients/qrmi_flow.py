"""QRMI's PasqalCloud resource, step by step, against a local cloud (run in the QRMI venv).

Usage: python qrmi_flow.py BACKEND SEQUENCES.json, where the file holds two serialized Pulser
sequences, `quick` and `slow` (QRMI's venv has no Pulser). Settings come from the environment
(`<BACKEND>_QRMI_PASQAL_CLOUD_BASE_URL`, ...) or ~/.pasqal/config, as QRMI reads them. Each step
prints `STEP name OK`; the last line is `QRMI FLOW OK`."""

from __future__ import annotations

import json
import sys
import time

import qrmi

SHOTS = 50
TERMINAL = (qrmi.TaskStatus.Completed, qrmi.TaskStatus.Failed, qrmi.TaskStatus.Cancelled)


def step(name: str) -> None:
    print(f"STEP {name} OK", flush=True)


def wait(resource: qrmi.QuantumResource, task: str, timeout: float = 120) -> qrmi.TaskStatus:
    deadline = time.monotonic() + timeout
    while (status := resource.task_status(task)) not in TERMINAL:
        assert time.monotonic() < deadline, f"task {task} still {status}"
        time.sleep(0.2)
    return status


def main(backend: str, sequences: dict[str, str]) -> None:
    resource = qrmi.QuantumResource(backend, qrmi.ResourceType.PasqalCloud)
    step("resource")
    assert resource.is_accessible(), "the device is not accessible"
    step("is_accessible")
    acquisition = resource.acquire()
    step("acquire")
    target = json.loads(resource.target().value)
    assert target, "the target is empty"
    step("target")
    task = resource.task_start(qrmi.Payload.PasqalCloud(sequences["quick"], SHOTS))
    step("task_start")
    assert wait(resource, task) == qrmi.TaskStatus.Completed
    step("task_status")
    counts = json.loads(resource.task_result(task).value)
    counter = counts.get("counter", counts)
    assert sum(counter.values()) == SHOTS, counts
    step("task_result")
    if "analog" in sequences:  # a CUDA-Q analog program: QRMI sends it to cudaq/job
        analog = resource.task_start(qrmi.Payload.PasqalCloud(sequences["analog"], SHOTS))
        assert wait(resource, analog) == qrmi.TaskStatus.Completed
        analog_counts = json.loads(resource.task_result(analog).value)
        print("ANALOG", json.dumps(analog_counts), flush=True)
        step("analog_task")
    slow = resource.task_start(qrmi.Payload.PasqalCloud(sequences["slow"], 10))
    resource.task_stop(slow)
    assert wait(resource, slow) == qrmi.TaskStatus.Cancelled
    step("task_stop")
    resource.release(acquisition)
    step("release")
    print("QRMI FLOW OK")


if __name__ == "__main__":
    with open(sys.argv[2]) as given:
        main(sys.argv[1], json.load(given))
