"""
The Python kill styles: per runtime, the one call that applies each (and the function the host runs for it), or why
it has no meaning there. `work` styles the host applies to the work; `host` styles the harness applies to the host
(host-death); `host-exit` styles end the host itself, from the inside (daemon-exit). A style made of steps (one that
asks, waits, then forces: join-then-terminate, the presets, a sequence composed on the command line) is sent as its
steps with the trial and run by stop_steps.py.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional, Sequence, Union

from .runtimes import PROCESS, PROCESS_SPAWN, RUNTIME_NAMES, THREAD, StartNeeds
from .stop_steps import ApplyStep, Step, describe_calls, interrupt_child, kill_child, request_stop, terminate_child, why_not
from .stopit_deadline import stopit_status

WORK, HOST, HOST_EXIT = "work", "host", "host-exit"
# Applies the kill, given --grace.
ApplyKill = Callable[[Any, float], None]


@dataclass(frozen=True)
class Applies:
    call: str
    # None for styles applied by the harness or by the host's own exit, not to the work, and for sequences (stop_steps.py).
    apply: Optional[ApplyKill] = None


@dataclass(frozen=True)
class NotApplicable:
    reason: str


Applicability = Union[Applies, NotApplicable]


@dataclass(frozen=True)
class KillStyle:
    name: str
    description: str
    kind: str
    runtimes: Dict[str, Applicability]
    start: StartNeeds = field(default_factory=StartNeeds)
    # Only asks the workload to stop: a workload that cannot see the request is out of its reach.
    only_requests_stop: bool = False
    # A fault the workload's own code carries out at its next check_commands().
    injected_as_command: bool = False
    # Ends the work by a force it cannot handle (SIGKILL): an end without that signal was the work's own.
    forces_end: bool = False


SIGNALS_REACH_PROCESSES = NotApplicable("a signal is delivered to the whole process; Python cannot signal one thread")
ONE_INTERPRETER = "the exception is raised in a thread of the calling interpreter; the child is another interpreter, which only a signal reaches"


def _ignoring_grace(step: ApplyStep) -> ApplyKill:
    """A style that is one step, as the steps of a sequence apply it."""
    return lambda work, _grace_ms: step(work)


def _raise_system_exit(work: Any, _grace_ms: float) -> None:
    """The recipe the articles give; the exception is raised once the thread next runs Python bytecode."""
    set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    thread_id = ctypes.c_ulong(work.thread.ident)
    # 0: the thread is already gone; more than 1 would mean it reached other threads, so it is taken back.
    if set_async_exc(thread_id, ctypes.py_object(SystemExit)) > 1:
        set_async_exc(thread_id, None)
        raise SystemError("PyThreadState_SetAsyncExc reached more than one thread")


def _deadline_acts(_work: Any, _grace_ms: float) -> None:
    """The runtime applies it by itself, at the deadline given when the work started."""


def _cancel_future(work: Any, _grace_ms: float) -> None:
    work.future.cancel()
    work.executor.shutdown(wait=False, cancel_futures=True)


def _inject(command: str) -> ApplyKill:
    return lambda work, _grace_ms: work.send_command(command)


def _in_processes(applicability: Applicability) -> Dict[str, Applicability]:
    return {PROCESS: applicability, PROCESS_SPAWN: applicability}


def _stopit_in_thread() -> Applicability:
    version, missing = stopit_status()
    if missing is not None:
        return NotApplicable(missing)
    return Applies(f"with stopit.ThreadingTimeout(deadline): run(context)  (stopit {version}, entered in the work's thread)", _deadline_acts)


KILL_STYLES: Dict[str, KillStyle] = {
    style.name: style
    for style in [
        KillStyle(
            name="event",
            description="sets the stop event and waits for the work to end by itself: the cooperative stop",
            kind=WORK,
            only_requests_stop=True,
            runtimes={THREAD: Applies("threading.Event.set()", _ignoring_grace(request_stop)), **_in_processes(Applies("multiprocessing.Event.set()", _ignoring_grace(request_stop)))},
        ),
        KillStyle(
            name="async-exception",
            description="raises SystemExit in the work's thread with ctypes.pythonapi.PyThreadState_SetAsyncExc: it lands at the next bytecode, never inside a blocking C call",
            kind=WORK,
            runtimes={
                THREAD: Applies("ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(SystemExit))", _raise_system_exit),
                **_in_processes(NotApplicable(ONE_INTERPRETER)),
            },
        ),
        KillStyle(
            name="stopit-timeout",
            description="the work runs inside stopit.ThreadingTimeout(deadline), whose timer raises TimeoutException into its thread at the deadline, counted from the start",
            kind=WORK,
            start=StartNeeds(uses_deadline=True),
            runtimes={THREAD: _stopit_in_thread(), **_in_processes(NotApplicable(f"stopit.ThreadingTimeout: {ONE_INTERPRETER}"))},
        ),
        KillStyle(
            name="daemon-exit",
            description="the work is a daemon thread or a daemonic Process, and the host's interpreter exits normally (sys.exit(0)): atexit runs, multiprocessing terminates daemonic children, daemon threads are frozen mid-work",
            kind=HOST_EXIT,
            start=StartNeeds(daemon=True),
            runtimes={
                THREAD: Applies("Thread(daemon=True); sys.exit(0) in the host's main thread"),
                **_in_processes(Applies("Process(daemon=True); sys.exit(0) in the host, whose multiprocessing atexit hook calls terminate() on daemonic children")),
            },
        ),
        KillStyle(
            name="futures-cancel",
            description="the work is a task of a one-worker concurrent.futures executor; the stop calls future.cancel() and shutdown(wait=False, cancel_futures=True), which never stop a task already running",
            kind=WORK,
            start=StartNeeds(pool=True),
            runtimes={
                THREAD: Applies("future.cancel(); ThreadPoolExecutor.shutdown(wait=False, cancel_futures=True)", _cancel_future),
                **_in_processes(Applies("future.cancel(); ProcessPoolExecutor.shutdown(wait=False, cancel_futures=True)", _cancel_future)),
            },
        ),
        KillStyle(
            name="sigterm",
            description="SIGTERM to the child with Process.terminate(): Python's default action ends it at once, no finally",
            kind=WORK,
            runtimes={THREAD: SIGNALS_REACH_PROCESSES, **_in_processes(Applies("Process.terminate()  (SIGTERM)", _ignoring_grace(terminate_child)))},
        ),
        KillStyle(
            name="sigkill",
            description="SIGKILL to the child with Process.kill()",
            kind=WORK,
            forces_end=True,
            runtimes={THREAD: SIGNALS_REACH_PROCESSES, **_in_processes(Applies("Process.kill()  (SIGKILL)", _ignoring_grace(kill_child)))},
        ),
        KillStyle(
            name="sigint",
            description="SIGINT to the child: KeyboardInterrupt in its main thread, so its finally blocks run",
            kind=WORK,
            runtimes={THREAD: SIGNALS_REACH_PROCESSES, **_in_processes(Applies("os.kill(process.pid, signal.SIGINT)", _ignoring_grace(interrupt_child)))},
        ),
        KillStyle(
            name="crash",
            description="the workload raises InjectedCrash (a RuntimeError) it does not catch, at its next check_commands()",
            kind=WORK,
            injected_as_command=True,
            runtimes={THREAD: Applies("raise InjectedCrash at check_commands()", _inject("crash")), **_in_processes(Applies("raise InjectedCrash at check_commands()", _inject("crash")))},
        ),
        KillStyle(
            name="exit",
            description="the workload exits mid-work at its next check_commands(): os._exit(3) in a child; in a thread sys.exit(3), which ends only that thread, its finally blocks run",
            kind=WORK,
            injected_as_command=True,
            runtimes={THREAD: Applies("sys.exit(3) at check_commands()", _inject("exit")), **_in_processes(Applies("os._exit(3) at check_commands()", _inject("exit")))},
        ),
        KillStyle(
            name="host-death",
            description="SIGKILL to the host process that owns the thread or the child: what outlives its parent",
            kind=HOST,
            runtimes={runtime: Applies("the harness sends SIGKILL to the host") for runtime in (THREAD, PROCESS, PROCESS_SPAWN)},
        ),
    ]
}


def sequence_style(name: str, steps: Sequence[Step]) -> KillStyle:
    """The style a sequence the harness sent makes: it applies where every step does, as their calls in turn."""

    def applicability(runtime: str) -> Applicability:
        unfit = why_not(steps, runtime)
        if unfit is not None:
            return NotApplicable(unfit)
        return Applies(describe_calls(steps, runtime))

    return KillStyle(name=name, description="a stop sequence, its steps in turn", kind=WORK, runtimes={runtime: applicability(runtime) for runtime in RUNTIME_NAMES})
