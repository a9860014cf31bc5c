"""Work in a multiprocessing.Process of one start method: the py-process and py-process-spawn runtimes."""

from __future__ import annotations

from typing import Any

from .clock import now_ms
from .gone import ChildExit
from .hosted_trial import WorkloadSpec
from .started_work import Settlement, StartedWork, settlement_of_exit
from .work_body import run_in_child
from .work_links import Ties


class ProcessWork(StartedWork):
    """
    Only the host's main thread ever joins the child (a second joiner could see it reaped and take it for alive),
    so the end is watched with waitid(WNOWAIT), which leaves the reaping to Process.join().
    """

    def __init__(self, spec: WorkloadSpec, ties: Ties, context: Any, daemon: bool) -> None:
        super().__init__(ties)
        self.process = context.Process(target=run_in_child, args=(spec, self.links), name="isolation-harness-work", daemon=daemon)
        self.started_at = now_ms()
        self.process.start()
        self._exited = ChildExit(self.process.pid)

    def has_ended(self) -> bool:
        return self._exited()

    def settle(self, timeout_s: float) -> Settlement:
        self.process.join(timeout_s)
        exit_code = self.process.exitcode
        return settlement_of_exit(exit_code, None if exit_code is None else now_ms())
