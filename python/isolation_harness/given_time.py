"""
Deadlines that count the time the machine gave the work, as src/runtime/given-time.ts keeps them for a Node.js host:
wall time minus the longest time any of the work's threads (and the host's main thread) spent ready to run but
waiting for a CPU, read from /proc/<pid>/task/<tid>/schedstat; at most GIVEN_TIME_CAP times the timeout in wall time.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Tuple

from .clock import now_ms

GIVEN_TIME_CAP = 4
Thread = Tuple[int, int]


class GivenDeadline:
    """A timeout of `timeout_ms` from now, in the time the threads `threads()` names were given."""

    def __init__(self, timeout_ms: float, threads: Callable[[], Iterable[Thread]]) -> None:
        self._threads = threads
        self._started_at = now_ms()
        self._timeout_ms = timeout_ms
        self._baseline = {thread: _run_delay_ms(thread) for thread in threads()}

    def until_ms(self) -> float:
        """The wall-clock moment the deadline falls at, as far as is known now: it moves later while the threads wait."""
        waited = max([0.0] + [_run_delay_ms(thread) - self._baseline.get(thread, 0.0) for thread in self._threads()])
        return min(self._started_at + self._timeout_ms + waited, self._started_at + self._timeout_ms * GIVEN_TIME_CAP)


def wait_given(wait: Callable[[float], bool], deadline: GivenDeadline) -> bool:
    """Calls `wait(until_ms)` (True once what it waits for came) until it came, or the deadline no longer moves on."""
    while True:
        until = deadline.until_ms()
        if wait(until):
            return True
        if deadline.until_ms() <= now_ms():
            return False


def list_threads(pid: int, except_ids: frozenset = frozenset()) -> list:
    try:
        return [(pid, int(thread)) for thread in os.listdir(f"/proc/{pid}/task") if int(thread) not in except_ids]
    except OSError:
        return []


def _run_delay_ms(thread: Thread) -> float:
    pid, thread_id = thread
    try:
        with open(f"/proc/{pid}/task/{thread_id}/schedstat") as schedstat:
            return int(schedstat.read().split()[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0
