"""
What the work's OS thread is doing, read from /proc/<pid>/task/<tid>/{stat,syscall} as src/host/work-activity.ts
reads it. Python has no event loop of its own here, so any call a thread is blocked in reads as 'in-system-call',
but for one: a thread of this very process found in `futex` may only be waiting for the GIL, which the thread doing
the reading holds; that cannot be told from a lock wait, so it reads as 'unknown' (with the call named).
"""

from __future__ import annotations

import os

from typing import NamedTuple, Optional

from .clock import now_ms
from .syscall_names import name_system_call


class ThreadReading(NamedTuple):
    state: str
    system_call: Optional[str]
    kernel_state: Optional[str]
    read_at: float

    def describe(self) -> str:
        """In words, as src/host/work-activity.ts's describeWorkActivity says it."""
        kernel = "" if self.kernel_state is None else f" (kernel state {self.kernel_state})"
        if self.state == "running":
            return f"running code, in no system call{kernel}"
        if self.state == "in-system-call":
            return f"blocked in the system call {self.system_call}{kernel}"
        if self.system_call is None:
            return f"unreadable{kernel}"
        return f"waiting in {self.system_call}, which may be a wait for the GIL (not told apart){kernel}"

    def as_activity(self, kill_requested_at: float) -> dict:
        """A WorkActivity (src/record/trial-result.ts): afterKillMs is negative for a reading taken right before the kill."""
        return {"state": self.state, "systemCall": self.system_call, "kernelState": self.kernel_state, "afterKillMs": self.read_at - kill_requested_at}


def read_thread(pid: int, thread_id: int) -> ThreadReading:
    kernel_state = _read_kernel_state(pid, thread_id)
    syscall = _read(f"/proc/{pid}/task/{thread_id}/syscall")
    read_at = now_ms()
    if kernel_state is None or syscall is None:
        return ThreadReading("unknown", None, None, read_at)
    number = syscall.split(" ")[0].strip()
    if number == "running":
        return ThreadReading("running", None, kernel_state, read_at)
    if not number.lstrip("-").isdigit() or int(number) < 0:
        # -1: stopped outside any call (a debugger, SIGSTOP): neither running nor blocked in anything to name.
        return ThreadReading("unknown", None, kernel_state, read_at)
    name = name_system_call(int(number))
    if name == "futex" and pid == os.getpid():
        return ThreadReading("unknown", name, kernel_state, read_at)
    return ThreadReading("in-system-call", name, kernel_state, read_at)


def _read_kernel_state(pid: int, thread_id: int) -> Optional[str]:
    """The state letter after the command name, which may itself hold spaces and parentheses."""
    stat = _read(f"/proc/{pid}/task/{thread_id}/stat")
    if stat is None or ")" not in stat:
        return None
    fields = stat[stat.rindex(")") + 1:].split()
    return fields[0] if fields else None


def _read(path: str) -> Optional[str]:
    """None when the thread is gone, or the kernel refuses (reading `syscall` needs ptrace access to the process)."""
    try:
        with open(path, encoding="ascii") as file:
            return file.read()
    except OSError:
        return None
