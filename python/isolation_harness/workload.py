"""The workload contract: what a workload module declares, mirroring defineWorkload in src/workload/define-workload.ts."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple


@dataclass(frozen=True)
class Workload:
    """
    One workload, written once, that runs unchanged in a thread, a forked child and a spawned child.

    run(context) must call context.ready() once it holds its resources, honour context.stop_event, and mark its cleanup
    in a `finally`. verify(data_dir, acknowledged) returns {acknowledged, missing, torn, corrupt?, detail?}.
    """

    name: str
    description: str
    run: Callable[[Any], None]
    critical_sections: Tuple[str, ...] = ()
    verify: Optional[Callable[[str, List[str]], Mapping[str, Any]]] = None
    # false when run() never gets back to check_commands() (it blocks in one call): crash and exit cannot reach it.
    reads_commands: bool = True
    # false when run() cannot see the stop event: the styles that only ask to stop do not apply.
    receives_stop_request: bool = True
    # false when the harness cannot observe whether cleanup ran: results then say "not measured".
    reports_cleanup: bool = True
    # Why the workload cannot run on this machine (a module missing), or None; its cells then read not applicable.
    unavailable: Optional[Callable[[], Optional[str]]] = None


def define_workload(
    *,
    name: str,
    description: str,
    run: Callable[[Any], None],
    critical_sections: Sequence[str] = (),
    verify: Optional[Callable[[str, List[str]], Mapping[str, Any]]] = None,
    reads_commands: bool = True,
    receives_stop_request: bool = True,
    reports_cleanup: bool = True,
    unavailable: Optional[Callable[[], Optional[str]]] = None,
) -> Workload:
    """Declares a workload; a module exposes it as its `workload` attribute."""
    return Workload(
        name=name,
        description=description,
        run=run,
        critical_sections=tuple(critical_sections),
        verify=verify,
        reads_commands=reads_commands,
        receives_stop_request=receives_stop_request,
        reports_cleanup=reports_cleanup,
        unavailable=unavailable,
    )


def load_workload(path: str) -> Workload:
    """Imports a workload module by its file path (each path once per interpreter) and returns its `workload`."""
    absolute = os.path.abspath(path)
    module_name = f"isolation_harness_workload_{hashlib.sha1(absolute.encode()).hexdigest()[:12]}"
    module = sys.modules.get(module_name) or _import_file(module_name, absolute)
    workload = getattr(module, "workload", None)
    if not isinstance(workload, Workload):
        raise TypeError(f"{absolute} defines no `workload = define_workload(...)`")
    return workload


def _import_file(module_name: str, path: str) -> Any:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} is not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module
