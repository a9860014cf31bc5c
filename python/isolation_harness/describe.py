"""
`host.py describe [workload.py ...]`: what this interpreter offers the harness: its runtimes, the built-in workloads
(and the user's modules named, each loaded here so that one that fails to import is reported before any trial) and
the kill styles.
"""

from __future__ import annotations

import json
import os
import platform
from typing import List

from .kill_styles import KILL_STYLES, Applies, KillStyle
from .runtimes import RUNTIME_NAMES, default_start_method
from .stop_steps import describe_steps
from .stopit_deadline import stopit_status
from .workload import Workload, load_workload

WORKLOADS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "workloads")


def print_description(user_files: List[str]) -> None:
    print(json.dumps(describe(user_files), indent=2))


def describe(user_files: List[str] = ()) -> dict:
    stopit_version, stopit_missing = stopit_status()
    return {
        "python": platform.python_version(),
        "startMethod": default_start_method(),
        "stopit": stopit_version,
        "stopitMissing": stopit_missing,
        "runtimes": list(RUNTIME_NAMES),
        "workloads": [_describe_workload(path, load_workload(path)) for path in [*built_in_workload_files(), *map(os.path.abspath, user_files)]],
        "killStyles": [_describe_style(style) for style in KILL_STYLES.values()],
        "steps": describe_steps(),
    }


def built_in_workload_files() -> List[str]:
    names = sorted(name for name in os.listdir(WORKLOADS_DIR) if name.endswith(".py") and not name.startswith("_"))
    return [os.path.join(WORKLOADS_DIR, name) for name in names]


def _describe_workload(path: str, workload: Workload) -> dict:
    return {
        "name": workload.name,
        "file": path,
        "description": workload.description,
        "criticalSections": list(workload.critical_sections),
        "receivesStopRequest": workload.receives_stop_request,
        "readsCommands": workload.reads_commands,
        "reportsCleanup": workload.reports_cleanup,
        "unavailable": None if workload.unavailable is None else workload.unavailable(),
        "hasVerify": workload.verify is not None,
    }


def _describe_style(style: KillStyle) -> dict:
    return {
        "name": style.name,
        "description": style.description,
        "kind": style.kind,
        "onlyRequestsStop": style.only_requests_stop,
        "injectedAsCommand": style.injected_as_command,
        "usesDeadline": style.start.uses_deadline,
        "runtimes": {
            runtime: {"applies": True, "call": applicability.call}
            if isinstance(applicability, Applies)
            else {"applies": False, "reason": applicability.reason}
            for runtime, applicability in style.runtimes.items()
        },
    }
