"""
Work submitted to a one-worker concurrent.futures executor instead of a bare Thread or Process, for futures-cancel:
a ThreadPoolExecutor in py-thread, a ProcessPoolExecutor of the runtime's start method in a process runtime.
"""

from __future__ import annotations

from concurrent import futures
from typing import Any, Callable, Optional

from .clock import now_ms
from .gone import ChildExit
from .hosted_trial import WorkloadSpec
from .started_work import Settlement, StartedWork, settlement_of_wait
from .work_body import adopt_pool_links, run_in_pool_worker, run_work
from .work_links import Ties


class PoolWork(StartedWork):
    """The future is the runtime's report: `reported_at` is when it settled."""

    executor: futures.Executor
    future: futures.Future

    def __init__(self, ties: Ties) -> None:
        super().__init__(ties)
        self._settled_at: Optional[float] = None

    def _submit(self, submit: Callable[[], futures.Future]) -> None:
        self.started_at = now_ms()
        self.future = submit()
        self.future.add_done_callback(self._note_settled)

    def has_ended(self) -> bool:
        return self.future.done()

    def _note_settled(self, _future: futures.Future) -> None:
        self._settled_at = now_ms()

    def _wait_settled(self, timeout_s: float) -> Optional[float]:
        futures.wait([self.future], timeout_s)
        return self._settled_at


class ThreadPoolWork(PoolWork):
    def __init__(self, spec: WorkloadSpec, ties: Ties) -> None:
        super().__init__(ties)
        self.executor = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="isolation-harness-work")
        self._submit(lambda: self.executor.submit(run_work, spec, self.links))

    def settle(self, timeout_s: float) -> Settlement:
        reported_at = self._wait_settled(timeout_s)
        returned = self.future.done() and not self.future.cancelled() and self.future.exception() is None
        return Settlement(0 if returned else None, None, reported_at)


class ProcessPoolWork(PoolWork):
    """The links cannot be task arguments (multiprocessing objects travel only with a process's start): the initializer takes them."""

    def __init__(self, spec: WorkloadSpec, ties: Ties, context: Any) -> None:
        super().__init__(ties)
        self._worker_exit: Optional[ChildExit] = None
        self.executor = futures.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=adopt_pool_links, initargs=(self.links,))
        self._submit(lambda: self.executor.submit(run_in_pool_worker, spec))

    def settle(self, timeout_s: float) -> Settlement:
        reported_at = self._wait_settled(timeout_s)
        return settlement_of_wait(None if self._worker_exit is None else self._worker_exit.status, reported_at)

    def _gone_probe(self, pid: int, thread_id: int) -> Callable[[], bool]:
        self._worker_exit = ChildExit(pid)
        return self._worker_exit
