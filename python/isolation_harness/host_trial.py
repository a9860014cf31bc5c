"""
Inside the host: start the work, wait for ready() and the harness's kill order, reach the kill point, apply the kill
and report how the work ended, as src/host/host-trial.ts does for a Node.js host.
"""

from __future__ import annotations

import os
import tempfile
import threading
from typing import Any, Callable, Optional

from .clock import epoch_ms_at, now_ms
from .given_time import GivenDeadline, list_threads, wait_given
from .hosted_trial import HostedTrial
from .kill_point import ENDED, REACHED, reach_kill_point
from .kill_styles import KILL_STYLES, WORK, KillStyle, NotApplicable, sequence_style
from .log_files import measure_bytes
from .runtimes import start_work
from .started_work import Settlement, StartedWork
from .stop_steps import read_steps, run_steps
from .work_activity import read_thread
from .work_links import Ties
from .work_watch import WorkWatch

MARKER_VARIABLE = "ISOLATION_HARNESS_TRIAL"
# How long the host tries to take the stopped work's shared lock before calling it held for good.
MUTEX_PROBE_S = 0.1
# How long after the OS showed the work gone its runtime may take to report the end before it counts as never.
SETTLE_S = 1.0
NO_SHARED_MEMORY = {"read": False, "reason": "a Python workload has no context.sharedMemory slots"}
# The signals kill styles send: a child ended by another (SIGSEGV, SIGABRT) ended itself.
KILL_SIGNALS = frozenset({"SIGTERM", "SIGINT", "SIGKILL"})

Send = Callable[[dict], None]


def host_trial(trial: HostedTrial, host_runtime: str, ties: Ties, send: Send, kill_ordered: threading.Event) -> Optional[str]:
    """Runs the trial; returns the style's kind when the host must now end itself ('host-exit'), else None."""
    style = KILL_STYLES.get(trial.kill) if trial.steps is None else sequence_style(trial.kill, read_steps(trial.steps))
    problem = _why_not(style, trial, host_runtime)
    if problem is not None:
        send({"type": "work-failed", "message": problem})
        return None
    prepare_environment(trial)
    deadline_ms = trial.deadline_ms if style.start.uses_deadline else None
    host_threads = frozenset(thread for _, thread in list_threads(os.getpid()))
    work = start_work(trial.runtime, trial.spec, ties, style.start, deadline_ms)
    watch = WorkWatch(work)
    # Deadlines count the time the machine gave the work: on a busy machine, its waits for a CPU are not its own slowness.
    def threads() -> list:
        return _work_threads(work, host_threads)

    def started(until_ms: float) -> bool:
        return watch.wait_for(lambda: watch.ready is not None or watch.ended(), until_ms)

    if not wait_given(started, GivenDeadline(trial.start_timeout_ms, threads)):
        send({"type": "work-failed", "message": _describe_never_ready(watch, trial.start_timeout_ms)})
        return None
    if watch.ready is None:
        cause = {} if deadline_ms is None else {"cause": "deadline-before-ready"}
        send({"type": "work-failed", "message": _describe_early_end(watch, work, deadline_ms), **cause})
        return None
    ready = watch.ready
    child_pid = None if ready["pid"] == os.getpid() else ready["pid"]
    send({"type": "work-ready", "childPid": child_pid, "osThreadId": ready["osThreadId"], "startMs": watch.ready_at - work.started_at})
    kill_ordered.wait()
    outcome = reach_kill_point(watch, work, trial.kill_point, trial.stop_timeout_ms)
    if outcome != REACHED:
        send({"type": "work-failed", "message": _describe_self_end(watch, work) if outcome == ENDED else outcome})
        return None
    if style.kind != WORK:
        send({"type": "kill-point-reached"})
        return style.kind
    _stop(trial, style, work, watch, send, deadline_ms, threads)
    return None


def prepare_environment(trial: HostedTrial) -> None:
    """
    The trial's marker and temp directory, for the work and everything it starts: os.environ also sets the C
    environment, which children inherit, and tempfile is told to read TMPDIR again.
    """
    os.environ[MARKER_VARIABLE] = trial.trial_id
    os.environ["TMPDIR"] = trial.spec.work_dir
    tempfile.tempdir = None


def _stop(
    trial: HostedTrial, style: KillStyle, work: StartedWork, watch: WorkWatch, send: Send, deadline_ms: Optional[float], threads: Callable[[], list]
) -> None:
    pid, thread_id = watch.ready["pid"], watch.ready["osThreadId"]
    # What the thread was doing as the stop came, and where the section log stood (the section the kill hit), both
    # read right before the kill is requested: in py-thread every read waits for the GIL the work may hold (up to the
    # 5 ms switch interval for each), which must not count as part of the stop.
    at_stop = read_thread(pid, thread_id)
    section_log_bytes = measure_bytes(trial.spec.section_log)
    gone = work.watch_gone(pid, thread_id)
    # The last look before the kill: an end the runtime or the OS already shows was the work's own.
    if work.deadline_fired_at is None and work.has_ended():
        send({"type": "work-failed", "message": _describe_self_end(watch, work)})
        return
    applied_at = now_ms()
    kill_requested_at = applied_at if deadline_ms is None else work.started_at + deadline_ms
    # A sequence's waits are its tool's own, run here: the stop timeout comes after them.
    if trial.steps is None:
        style.runtimes[trial.runtime].apply(work, trial.grace_ms)
        ending = None
    else:
        ending = run_steps(read_steps(trial.steps), trial.runtime, work, gone)
    stop_moment = {"workAtStop": at_stop.as_activity(kill_requested_at), "sectionLogBytesAtStop": section_log_bytes, "processes": [], "heldFiles": []}
    if not wait_given(gone.wait, GivenDeadline(trial.stop_timeout_ms, threads)):
        at_hang = read_thread(pid, thread_id).as_activity(kill_requested_at)
        send({"type": "work-hung", "phase": "stop", **_shared_state(work), **stop_moment, "workAtHang": at_hang})
        return
    settled = work.settle(SETTLE_S)
    watch.drain()
    # A deadline style counts from the moment the runtime's own deadline acted, not from the planned one.
    stop_from = kill_requested_at if work.deadline_fired_at is None else work.deadline_fired_at
    # An end the runtime reported before the kill was applied (a thread that returned, a child that exited), or one
    # without the trace of a force the work cannot handle (a SIGKILLed child that exited with a code), was the work's own.
    reported_first = min(gone.gone_at, settled.reported_at if settled.reported_at is not None else gone.gone_at) < (applied_at if deadline_ms is None else stop_from)
    if reported_first or ((style.forces_end or (ending is not None and ending.forces)) and settled.signal is None):
        send({"type": "work-failed", "message": _describe_self_end(watch, work)})
        return
    send(
        {
            "type": "work-stopped",
            "exitCode": settled.exit_code,
            "signal": settled.signal,
            "error": _describe_error(watch, settled),
            "stopMs": gone.gone_at - stop_from,
            "reportedMs": None if settled.reported_at is None else settled.reported_at - stop_from,
            "killRequestedEpochMs": epoch_ms_at(stop_from),
            "endedBy": None if ending is None else ending.name,
            **({} if ending is None else {"endedByStep": ending.step}),
            **_shared_state(work),
            **stop_moment,
        }
    )


def _work_threads(work: StartedWork, host_threads: frozenset) -> list:
    """The host's main thread, the host's threads new since the work started (a thread's), and a child's threads."""
    child = getattr(getattr(work, "process", None), "pid", None)
    own = list_threads(os.getpid(), host_threads)
    return [(os.getpid(), os.getpid()), *own, *(list_threads(child) if child is not None else [])]


def _why_not(style: Optional[KillStyle], trial: HostedTrial, host_runtime: str) -> Optional[str]:
    if trial.runtime != host_runtime:
        return f"this host was started for {host_runtime}, not {trial.runtime}"
    if style is None:
        return f"the Python host has no kill style {trial.kill!r}"
    applicability = style.runtimes.get(trial.runtime)
    if applicability is None:
        return f"unknown runtime {trial.runtime!r}"
    if isinstance(applicability, NotApplicable):
        return f"kill style {style.name} does not apply to {trial.runtime}: {applicability.reason}"
    return None


def _shared_state(work: StartedWork) -> dict:
    return {"mutex": _probe_mutex(work.links.shared_lock), "sharedMemory": NO_SHARED_MEMORY}


def _probe_mutex(lock: Any) -> str:
    """A lock the stopped work still holds cannot be taken: a SIGKILLed child holding a multiprocessing.Lock leaves it held."""
    if not lock.acquire(timeout=MUTEX_PROBE_S):
        return "held"
    lock.release()
    return "free"


def _describe_error(watch: WorkWatch, settled: Settlement) -> Optional[str]:
    """What the work raised; else, for a child that ended itself (a non-zero exit, a signal no style sends), how."""
    if watch.failure is not None:
        return watch.failure
    if settled.signal is not None:
        return None if settled.signal in KILL_SIGNALS else f"killed by {settled.signal}"
    return None if settled.exit_code in (0, None) else f"exit code {settled.exit_code}"


def _describe_exit(settled: Settlement) -> str:
    return f"killed by {settled.signal}" if settled.signal is not None else f"exit code {settled.exit_code}"


def _describe_self_end(watch: WorkWatch, work: StartedWork) -> str:
    settled = work.settle(SETTLE_S)
    watch.drain()
    return f"the work ended by itself before the kill: {watch.failure or _describe_exit(settled)}"


def _describe_never_ready(watch: WorkWatch, start_timeout_ms: float) -> str:
    """Where the thread of a workload that never called ready() was waiting, read from /proc as at a stop."""
    if watch.started is None:
        where = "its runtime had not yet begun to run it"
    else:
        where = f"its thread was {read_thread(watch.started['pid'], watch.started['osThreadId']).describe()}"
    return f"the workload did not call ready() within {start_timeout_ms:g} ms (--start-timeout); {where}"


def _describe_early_end(watch: WorkWatch, work: StartedWork, deadline_ms: Optional[float]) -> str:
    settled = work.settle(SETTLE_S)
    watch.drain()
    if deadline_ms is not None:
        return f"the {deadline_ms:g} ms deadline ended the work before it called ready(); raise --deadline ({watch.failure or 'no error'})"
    return watch.failure or f"run() returned before it called ready() ({_describe_exit(settled)})"
