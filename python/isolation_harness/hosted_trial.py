"""The `start` message's trial (HostedTrial in src/host/host-messages.ts), read into plain, picklable values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence
from urllib.parse import unquote, urlparse


@dataclass(frozen=True)
class WorkloadSpec:
    """Where the work finds its module and its directories: plain data, so a spawned child can rebuild its context from it."""

    workload_path: str
    work_dir: str
    data_dir: str
    cleanup_log: str
    acknowledgement_log: str
    section_log: str
    target_section: Optional[str]
    target_after_ms: float
    section_hold_ms: float


@dataclass(frozen=True)
class KillPoint:
    """When, after ready(), the kill lands: after a delay, inside a section, or at the runtime's own deadline."""

    kind: str
    delay_ms: float = 0
    section: Optional[str] = None
    after_ms: float = 0
    after_start_ms: float = 0


@dataclass(frozen=True)
class HostedTrial:
    trial_id: str
    runtime: str
    kill: str
    spec: WorkloadSpec
    control_dir: str
    start_timeout_ms: float
    stop_timeout_ms: float
    grace_ms: float
    deadline_ms: float
    kill_point: KillPoint
    # A sequence style's steps (each as a dict: name, kind, ms or signal), run in turn; None for a style of the table.
    steps: Optional[Sequence[Mapping[str, Any]]] = None


def read_hosted_trial(trial: Mapping[str, Any]) -> HostedTrial:
    """Reads the fields the Python host uses; any other field (cgroup, memoryLimitMb, loaderTempDir, …) is ignored."""
    spec = _field(trial, "spec")
    return HostedTrial(
        trial_id=_field(trial, "trialId"),
        runtime=_field(trial, "runtime"),
        kill=_field(trial, "kill"),
        spec=WorkloadSpec(
            workload_path=workload_path(_field(spec, "workloadUrl")),
            work_dir=_field(spec, "workDir"),
            data_dir=_field(spec, "dataDir"),
            cleanup_log=_field(spec, "cleanupLog"),
            acknowledgement_log=_field(spec, "acknowledgementLog"),
            section_log=_field(spec, "sectionLog"),
            target_section=spec.get("targetSection"),
            target_after_ms=spec.get("targetAfterMs", 0),
            section_hold_ms=_field(spec, "sectionHoldMs"),
        ),
        control_dir=_field(trial, "controlDir"),
        start_timeout_ms=_field(trial, "startTimeoutMs"),
        stop_timeout_ms=_field(trial, "stopTimeoutMs"),
        grace_ms=_field(trial, "graceMs"),
        deadline_ms=_field(trial, "deadlineMs"),
        kill_point=_read_kill_point(_field(trial, "killPoint")),
        steps=trial.get("steps"),
    )


def workload_path(url_or_path: str) -> str:
    """A `file://` URL's path, or the plain path given."""
    if not url_or_path.startswith("file:"):
        return url_or_path
    return unquote(urlparse(url_or_path).path)


def _read_kill_point(point: Mapping[str, Any]) -> KillPoint:
    kind = _field(point, "kind")
    if kind == "delay":
        return KillPoint(kind, delay_ms=_field(point, "delayMs"))
    if kind == "section":
        return KillPoint(kind, section=_field(point, "section"), after_ms=_field(point, "afterMs"))
    if kind == "deadline":
        return KillPoint(kind, after_start_ms=_field(point, "afterStartMs"))
    raise ValueError(f"unknown kill point kind {kind!r}")


def _field(message: Mapping[str, Any], name: str) -> Any:
    if name not in message:
        raise ValueError(f"the trial has no {name!r} field")
    return message[name]
