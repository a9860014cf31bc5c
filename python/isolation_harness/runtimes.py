"""The Python runtimes a host can run work in, and how each is started for a kill style's needs."""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from typing import Any, Optional

from .hosted_trial import WorkloadSpec
from .pool_work import ProcessPoolWork, ThreadPoolWork
from .process_work import ProcessWork
from .started_work import StartedWork
from .thread_work import ThreadWork
from .work_links import Ties, process_ties, thread_ties

THREAD = "py-thread"
PROCESS = "py-process"
PROCESS_SPAWN = "py-process-spawn"
RUNTIME_NAMES = (THREAD, PROCESS, PROCESS_SPAWN)


@dataclass(frozen=True)
class StartNeeds:
    """How a kill style needs the work started; the defaults otherwise."""

    # A daemon thread or a daemonic Process, which the host's exit does not wait for.
    daemon: bool = False
    # Submitted to a one-worker executor instead of a bare Thread or Process.
    pool: bool = False
    # Run inside the runtime's own deadline (stopit.ThreadingTimeout), counted from the start of the work.
    uses_deadline: bool = False


def multiprocessing_context(runtime: str) -> Any:
    """py-process: the interpreter's default start method (fork on Linux before 3.14); py-process-spawn: spawn."""
    return multiprocessing.get_context("spawn" if runtime == PROCESS_SPAWN else None)


def default_start_method() -> str:
    return multiprocessing.get_start_method()


def prepare_ties(runtime: str) -> Ties:
    """
    Made before host-ready, so that the host's own objects are part of its baseline, not leftovers of the trial: the
    multiprocessing heap's /dev/shm file behind the command slot and its descriptors, and the named semaphores behind
    the event and the lock. A spawn context's first lock also starts multiprocessing's resource tracker, a process
    that then carries the host's marker, not the trial's.
    """
    return thread_ties() if runtime == THREAD else process_ties(multiprocessing_context(runtime))


def start_work(runtime: str, spec: WorkloadSpec, ties: Ties, needs: StartNeeds, deadline_ms: Optional[float]) -> StartedWork:
    if runtime == THREAD:
        if needs.pool:
            return ThreadPoolWork(spec, ties)
        return ThreadWork(spec, ties, daemon=needs.daemon, deadline_ms=deadline_ms if needs.uses_deadline else None)
    context = multiprocessing_context(runtime)
    if needs.pool:
        return ProcessPoolWork(spec, ties, context)
    return ProcessWork(spec, ties, context, daemon=needs.daemon)
