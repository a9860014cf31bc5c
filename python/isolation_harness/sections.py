"""
Critical sections as the workload marks them, with the hold rule of src/entry/critical-sections.ts: each entry and
exit is appended to the section log (`enter <name>` / `leave <name>`), so after the stop the harness reads where the
work was; the targeted section, first entered `target_after_ms` after ready(), is held until the stop is requested
(or `section_hold_ms` passed), so that the kill lands inside it.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from .clock import now_ms
from .hosted_trial import WorkloadSpec
from .log_files import append_line

# Each wait of a held section lasts this long between two checks of the stop request: short enough that an
# exception raised into the thread (which waits for the wait to return) or a crash command lands at once.
HOLD_SLICE_S = 0.001


class SectionHooks:
    def __init__(
        self,
        spec: WorkloadSpec,
        declared: Sequence[str],
        ready_since: Callable[[], Optional[float]],
        stop_requested: Callable[[], bool],
        pause: Callable[[float], object],
        notify: Callable[[dict], None],
    ) -> None:
        self._spec = spec
        self._declared = tuple(declared)
        self._ready_since = ready_since
        self._stop_requested = stop_requested
        self._pause = pause
        self._notify = notify
        self._held = False
        # Entered before the drawn delay and not left yet: the host applies the kill then if it is still inside.
        self._inside_early = False
        # Told once: a workload entering thousands of times a second must not flood the way back to the host.
        self._early_leave_told = False

    def enter(self, name: str) -> None:
        if name not in self._declared:
            declared = ", ".join(self._declared) or "none"
            raise ValueError(f'section "{name}" is not declared; declare it in the workload\'s critical_sections ({declared})')
        append_line(self._spec.section_log, f"enter {name}")
        if self._held or name != self._spec.target_section:
            return
        ready_since = self._ready_since()
        if ready_since is None or now_ms() - ready_since < self._spec.target_after_ms:
            self._inside_early = ready_since is not None
            if self._inside_early and not self._early_leave_told:
                self._notify({"type": "section-entered", "section": name, "held": False})
            return
        self._held = True
        self._notify({"type": "section-entered", "section": name, "held": True})
        self._hold()

    def leave(self, name: str) -> None:
        append_line(self._spec.section_log, f"leave {name}")
        if name != self._spec.target_section or not self._inside_early:
            return
        self._inside_early = False
        if self._early_leave_told:
            return
        self._early_leave_told = True
        self._notify({"type": "section-left", "section": name})

    def _hold(self) -> None:
        """Waits in short slices, checking the stop request (which also carries out commands) between them."""
        until = now_ms() + self._spec.section_hold_ms
        while not self._stop_requested() and now_ms() < until:
            self._pause(HOLD_SLICE_S)

