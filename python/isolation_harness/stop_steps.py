"""
Stop sequences, as src/kill-styles/stop-sequence.ts runs them for a Node.js host: the harness sends the steps (each
wait already in ms), and the host applies them one after another; a wait ends early once the work is gone, and the
steps after it are skipped. Per step kind and runtime: the call that applies it, or why it cannot apply there (the
harness plans from its own copy of this table, src/kill-styles/step-actions.ts; a test holds the two to agreement).
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Sequence, Union

from .clock import now_ms
from .gone import GoneWatcher
from .runtimes import PROCESS, PROCESS_SPAWN, THREAD

ApplyStep = Callable[[Any], None]


@dataclass(frozen=True)
class StepCall:
    call: str
    apply: ApplyStep
    # An end that follows it is one the work cannot make itself (SIGKILL): an end without that signal was its own.
    forces: bool = False


@dataclass(frozen=True)
class StepNotApplicable:
    reason: str


StepEntry = Union[StepCall, StepNotApplicable]


@dataclass(frozen=True)
class Step:
    name: str
    kind: str
    ms: float = 0
    signal: Optional[str] = None


@dataclass(frozen=True)
class Ending:
    """The step after which the work was gone: its name and its place in the sequence, from 1."""

    name: str
    step: int
    forces: bool


ONE_THREAD = StepNotApplicable("a signal is delivered to the whole process; Python cannot signal one thread")
NO_TERMINATE = StepNotApplicable("a thread cannot be terminated: threading has no terminate() or kill()")
NODE_HOST_ONLY = StepNotApplicable("applied by the Node.js host, through its family gate; in Python, sigkill or force (Process.kill()) is a child's forced stop")


def request_stop(work: Any) -> None:
    work.links.stop_event.set()


def terminate_child(work: Any) -> None:
    work.process.terminate()


def kill_child(work: Any) -> None:
    work.process.kill()


def interrupt_child(work: Any) -> None:
    # Safe from pid reuse: only the host's main thread reaps the child, and it is not reaping it now.
    os.kill(work.process.pid, signal.SIGINT)


def _in_processes(entry: StepEntry, thread: StepEntry) -> Dict[str, StepEntry]:
    return {THREAD: thread, PROCESS: entry, PROCESS_SPAWN: entry}


_SIGNALS = {
    "SIGTERM": StepCall("Process.terminate() (SIGTERM)", terminate_child),
    "SIGINT": StepCall("os.kill(pid, SIGINT)", interrupt_child),
    "SIGKILL": StepCall("Process.kill() (SIGKILL)", kill_child, forces=True),
}

STEP_ENTRIES: Dict[str, Dict[str, StepEntry]] = {
    "ask": _in_processes(StepCall("multiprocessing.Event.set()", request_stop), StepCall("threading.Event.set()", request_stop)),
    "terminate": _in_processes(_SIGNALS["SIGTERM"], NO_TERMINATE),
    "force": _in_processes(_SIGNALS["SIGKILL"], NO_TERMINATE),
    "tree-kill": _in_processes(NODE_HOST_ONLY, NODE_HOST_ONLY),
    "cgroup": _in_processes(NODE_HOST_ONLY, NODE_HOST_ONLY),
}


def entry_for(step: Step, runtime: str) -> StepEntry:
    if step.kind == "signal":
        return _in_processes(_SIGNALS[step.signal or ""], ONE_THREAD)[runtime]
    return STEP_ENTRIES[step.kind][runtime]


def read_steps(steps: Sequence[Any]) -> tuple:
    return tuple(Step(name=step["name"], kind=step["kind"], ms=step.get("ms", 0), signal=step.get("signal")) for step in steps)


def why_not(steps: Sequence[Step], runtime: str) -> Optional[str]:
    """The first step that cannot apply to the runtime, said with its place; None when every one applies."""
    for index, step in enumerate(steps, start=1):
        if step.kind == "wait":
            continue
        entry = entry_for(step, runtime)
        if isinstance(entry, StepNotApplicable):
            return f"step {index} {step.name}: {entry.reason}"
    return None


def describe_calls(steps: Sequence[Step], runtime: str) -> str:
    """The calls the steps make in the runtime, in turn; every step applies there (see why_not)."""
    calls = []
    for step in steps:
        entry = None if step.kind == "wait" else entry_for(step, runtime)
        calls.append(entry.call if isinstance(entry, StepCall) else f"wait up to {step.ms:g} ms for the work to end")
    return "; ".join(calls)


def run_steps(steps: Sequence[Step], runtime: str, work: Any, gone: GoneWatcher) -> Optional[Ending]:
    ending: Optional[Ending] = None
    for index, step in enumerate(steps, start=1):
        if step.kind == "wait":
            if gone.wait(now_ms() + step.ms):
                break
            continue
        entry = entry_for(step, runtime)
        if not isinstance(entry, StepCall):
            raise RuntimeError(f"step {index} {step.name} does not apply to {runtime}: {entry.reason}")
        entry.apply(work)
        ending = Ending(step.name, index, entry.forces)
    return ending


def describe_steps() -> dict:
    """Per step kind (a signal step per signal) and runtime, whether it applies: for `host.py describe`."""
    kinds = {**STEP_ENTRIES, **{f"signal {name}": _in_processes(call, ONE_THREAD) for name, call in _SIGNALS.items()}}
    return {
        kind: {runtime: {"applies": True, "call": entry.call} if isinstance(entry, StepCall) else {"applies": False, "reason": entry.reason} for runtime, entry in entries.items()}
        for kind, entries in kinds.items()
    }
