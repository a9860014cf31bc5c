"""The host's view of the work's notices: ready() and the thread it named, the targeted section, the error it raised."""

from __future__ import annotations

from typing import Callable, Optional

from .clock import now_ms
from .started_work import StartedWork

# How long one wait for a notice lasts before the host looks again whether the work ended by itself.
SLICE_MS = 5


class WorkWatch:
    def __init__(self, work: StartedWork) -> None:
        self._work = work
        # The body's thread ({pid, osThreadId}) as it began, before its module loaded.
        self.started: Optional[dict] = None
        self.ready: Optional[dict] = None
        self.ready_at: Optional[float] = None
        self.section_held = False
        # Inside the targeted section, entered before the drawn delay: the kill may land there if it stays.
        self.section_inside = False
        self.failure: Optional[str] = None

    def ended(self) -> bool:
        """The runtime's own view that the work is over (thread not alive, child exited, future settled)."""
        return self._work.has_ended()

    def wait_for(self, condition: Callable[[], bool], until_ms: float) -> bool:
        """Takes notices as they come until `condition` holds (True) or `until_ms` passes (False)."""
        while True:
            self.drain()
            if condition():
                return True
            remaining_ms = until_ms - now_ms()
            if remaining_ms <= 0:
                return False
            self._take(self._work.notices.receive(min(remaining_ms, SLICE_MS) / 1000))

    def drain(self) -> None:
        """Takes every notice already sent, so that what the work said before it ended is read before its end."""
        while True:
            notice = self._work.notices.receive(0)
            if notice is None:
                return
            self._take(notice)

    def _take(self, notice: Optional[dict]) -> None:
        if notice is None:
            return
        kind = notice.get("type")
        if kind == "started" and self.started is None:
            self.started = notice
        elif kind == "ready" and self.ready is None:
            self.ready, self.ready_at = notice, now_ms()
        elif kind == "section-entered":
            if notice["held"]:
                self.section_held = True
            else:
                self.section_inside = True
        elif kind == "section-left":
            self.section_inside = False
        elif kind == "failed":
            self.failure = notice["message"]
