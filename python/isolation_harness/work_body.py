"""The one body that runs a workload in every runtime, and the entry points a child process or a pool worker calls."""

from __future__ import annotations

import os
import threading
from typing import Optional

from .context import WorkloadContext
from .hosted_trial import WorkloadSpec
from .work_links import WorkLinks
from .workload import load_workload

# Set by a process pool's initializer: the links cannot travel with each task, only with the worker's start.
_pool_links: Optional[WorkLinks] = None


def run_work(spec: WorkloadSpec, links: WorkLinks) -> None:
    """
    Loads the workload and runs it with its context. Whatever it raises is told to the host (the error a result
    records) and then left uncaught, so each runtime ends the work as it ends any work that raised.
    """
    # Before the module loads: the thread the host reads should ready() never come.
    links.notices.send({"type": "started", "pid": os.getpid(), "osThreadId": threading.get_native_id()})
    try:
        workload = load_workload(spec.workload_path)
        workload.run(WorkloadContext(spec, workload.critical_sections, links))
    except BaseException as error:
        links.notices.send({"type": "failed", "message": describe_error(error)})
        raise


def run_in_child(spec: WorkloadSpec, links: WorkLinks) -> None:
    """A multiprocessing.Process target: importable by name, so a spawned child finds it."""
    run_work(spec, links)


def adopt_pool_links(links: WorkLinks) -> None:
    """A ProcessPoolExecutor initializer: keeps the links the worker was started with for the task it will run."""
    global _pool_links
    _pool_links = links


def run_in_pool_worker(spec: WorkloadSpec) -> None:
    """The task submitted to a ProcessPoolExecutor: its only argument is plain data."""
    if _pool_links is None:
        raise RuntimeError("the pool worker was started without adopt_pool_links")
    run_work(spec, _pool_links)


def describe_error(error: BaseException) -> str:
    """`Name: message`, as src/runtime/watch-ready.ts writes an error, or the bare name when it has no message."""
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
