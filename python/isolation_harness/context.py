"""What a workload's run(context) receives, the same in every runtime (WorkloadContext in src/workload/define-workload.ts)."""

from __future__ import annotations

import os
import threading
from typing import Any, Optional, Sequence

from .clock import now_ms
from .commands import command_for_code, obey
from .hosted_trial import WorkloadSpec
from .log_files import append_line
from .sections import SectionHooks
from .work_links import WorkLinks


class WorkloadContext:
    """
    `stop_event` is a threading.Event in a thread and a multiprocessing Event in a child; `shared_lock` likewise a
    threading.Lock or a multiprocessing Lock, which the host probes after the stop. `dir` is the trial's private
    directory and the work's TMPDIR; `data_dir` keeps data on purpose for verify(), never counted as left behind.
    """

    def __init__(self, spec: WorkloadSpec, declared_sections: Sequence[str], links: WorkLinks) -> None:
        self.dir = spec.work_dir
        self.data_dir = spec.data_dir
        self.stop_event = links.stop_event
        self.shared_lock = links.shared_lock
        self._spec = spec
        self._links = links
        self._ready_since: Optional[float] = None
        self._obeyed: set = set()
        self._sections = SectionHooks(
            spec,
            declared_sections,
            ready_since=lambda: self._ready_since,
            stop_requested=self.stop_requested,
            pause=self.stop_event.wait,
            notify=links.notices.send,
        )

    def ready(self) -> None:
        """Tells the host the workload holds its resources now, and which OS thread it runs on; kills come only after this."""
        self._ready_since = now_ms()
        self._links.notices.send({"type": "ready", "pid": os.getpid(), "osThreadId": threading.get_native_id()})

    def stop_requested(self) -> bool:
        """The cooperative stop check, cheap enough for a busy loop; it carries out an injected fault first."""
        self.check_commands()
        return self.stop_event.is_set()

    def sleep_until_stopped(self, seconds: Optional[float] = None) -> bool:
        """A pause between units of work that the stop cuts short; True once the stop is requested."""
        return self.stop_event.wait(seconds)

    def check_commands(self) -> None:
        """The workload's check point for injected faults: `crash` raises here, `exit` exits here (each once)."""
        command = command_for_code(self._links.command_slot.value)
        if command is None or command in self._obeyed:
            return
        self._obeyed.add(command)
        obey(command, self._links.exit_ends_process)

    def mark_cleanup_ran(self, step: str = "cleanup ran") -> None:
        """Records, durably, that a piece of cleanup code ran."""
        append_line(self._spec.cleanup_log, step, durable=True)

    def acknowledge(self, record: Any) -> None:
        """Records, durably, that a unit of data is safely written; verify() checks every acknowledged record afterwards."""
        append_line(self._spec.acknowledgement_log, str(record), durable=True)

    def enter_section(self, name: str) -> None:
        """Marks the start of a declared critical section; when the trial targets it, returns only once the stop is requested."""
        self._sections.enter(name)

    def leave_section(self, name: str) -> None:
        self._sections.leave(name)
