"""What the host holds of work it started, whatever the runtime: the links, the notices, and how it ended."""

from __future__ import annotations

import os
import signal
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable, Optional

from .commands import COMMAND_CODES
from .gone import ChildExit, GoneWatcher, thread_gone
from .work_links import Ties


@dataclass(frozen=True)
class Settlement:
    """How the runtime says the work ended, once the OS showed it gone; reported_at is None if the runtime never said."""

    exit_code: Optional[int]
    signal: Optional[str]
    reported_at: Optional[float]


class StartedWork(ABC):
    """The runtime-specific classes set `started_at`: now_ms() right before they ask the runtime to start the work."""

    started_at: float

    def __init__(self, ties: Ties) -> None:
        self.links = ties.links
        self.notices = ties.inbox
        # For a deadline style: when the runtime's own deadline acted; None before, or without one.
        self.deadline_fired_at: Optional[float] = None

    @abstractmethod
    def has_ended(self) -> bool:
        """The runtime's own view that the work is over (thread not alive, child exited, future settled)."""

    @abstractmethod
    def settle(self, timeout_s: float) -> Settlement:
        """Once the OS showed the work gone: waits at most `timeout_s` for the runtime to report the end, and reads it."""

    def send_command(self, command: str) -> None:
        self.links.command_slot.value = COMMAND_CODES[command]

    def watch_gone(self, pid: int, thread_id: int) -> GoneWatcher:
        """Starts watching the OS thread (in the host) or the process (a child) that ready() named."""
        return GoneWatcher(self._gone_probe(pid, thread_id))

    def _gone_probe(self, pid: int, thread_id: int) -> Callable[[], bool]:
        return thread_gone(thread_id) if pid == os.getpid() else ChildExit(pid)


def settlement_of_exit(exit_code: Optional[int], reported_at: Optional[float]) -> Settlement:
    """multiprocessing's exitcode: negative for the signal that ended the child."""
    if exit_code is not None and exit_code < 0:
        return Settlement(None, signal.Signals(-exit_code).name, reported_at)
    return Settlement(exit_code, None, reported_at)


def settlement_of_wait(status: Optional[os.waitid_result], reported_at: Optional[float]) -> Settlement:
    """waitid()'s view of a child's end; unknown when its runtime reaped it before the host could look."""
    if status is None:
        return Settlement(None, None, reported_at)
    if status.si_code == os.CLD_EXITED:
        return Settlement(status.si_status, None, reported_at)
    return Settlement(None, signal.Signals(status.si_status).name, reported_at)
