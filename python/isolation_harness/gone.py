"""
When the OS shows the work gone, the moment a stop is timed to: a thread's entry under /proc/self/task vanished, or
the child exited. Polled every millisecond, as src/thread/start-thread-work.ts polls a worker's thread.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Callable, Optional

from .clock import now_ms

POLL_S = 0.001


def thread_gone(thread_id: int) -> Callable[[], bool]:
    return lambda: not os.path.exists(f"/proc/self/task/{thread_id}")


class ChildExit:
    """
    Whether a child of the host has exited, read with waitid(WNOWAIT) so that it is not reaped here: the runtime
    reaps it as it always does. `status` keeps how it exited, when this read saw it before the runtime reaped it.
    """

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self.status: Optional[os.waitid_result] = None

    def __call__(self) -> bool:
        try:
            seen = os.waitid(os.P_PID, self._pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True  # already reaped by its runtime
        if seen is None:
            return False
        self.status = seen
        return True


class GoneWatcher:
    """Polls a probe on a thread of its own and notes the first moment it says the work is gone."""

    def __init__(self, gone: Callable[[], bool]) -> None:
        self._gone = gone
        self._seen = threading.Event()
        self.gone_at: Optional[float] = None
        threading.Thread(target=self._poll, name="isolation-harness-gone-watcher", daemon=True).start()

    def wait(self, until_ms: float) -> bool:
        """True once the work is gone, False if it is still there at `until_ms`."""
        return self._seen.wait(max(0.0, until_ms - now_ms()) / 1000)

    def _poll(self) -> None:
        while not self._gone():
            time.sleep(POLL_S)
        self.gone_at = now_ms()
        self._seen.set()
