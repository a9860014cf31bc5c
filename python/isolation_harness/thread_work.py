"""Work in a threading.Thread of the host: the py-thread runtime."""

from __future__ import annotations

import threading
from typing import Optional

from .clock import now_ms
from .hosted_trial import WorkloadSpec
from .started_work import Settlement, StartedWork
from .stopit_deadline import run_under_deadline
from .work_body import run_work
from .work_links import Ties


class ThreadWork(StartedWork):
    """
    `daemon`: a daemon thread, which interpreter exit does not wait for. `deadline_ms`: the work runs inside stopit's
    ThreadingTimeout. A helper thread notes when Thread.join() returns: the runtime's own report of the end.
    """

    def __init__(self, spec: WorkloadSpec, ties: Ties, daemon: bool, deadline_ms: Optional[float]) -> None:
        super().__init__(ties)
        self._returned = False
        self._joined = threading.Event()
        self._joined_at: Optional[float] = None
        self.thread = threading.Thread(target=self._run, args=(spec, deadline_ms), name="isolation-harness-work", daemon=daemon)
        self.started_at = now_ms()
        self.thread.start()
        threading.Thread(target=self._note_join, name="isolation-harness-joiner", daemon=True).start()

    def has_ended(self) -> bool:
        return not self.thread.is_alive()

    def settle(self, timeout_s: float) -> Settlement:
        self._joined.wait(timeout_s)
        # As src/thread/start-thread-work.ts: 0 when run() returned, None when it raised.
        return Settlement(0 if self._returned else None, None, self._joined_at)

    def _run(self, spec: WorkloadSpec, deadline_ms: Optional[float]) -> None:
        if deadline_ms is None:
            run_work(spec, self.links)
        else:
            run_under_deadline(deadline_ms / 1000, self._note_deadline, lambda: run_work(spec, self.links))
        self._returned = True

    def _note_deadline(self) -> None:
        self.deadline_fired_at = now_ms()

    def _note_join(self) -> None:
        self.thread.join()
        self._joined_at = now_ms()
        self._joined.set()
