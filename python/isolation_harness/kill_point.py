"""Waits, once ready() was seen, for the moment the trial's kill is aimed at, as src/host/reach-kill-point.ts does."""

from __future__ import annotations

from .clock import now_ms
from .hosted_trial import KillPoint
from .started_work import StartedWork
from .work_watch import WorkWatch

REACHED = "reached"
# The work ended by itself before the kill point: the caller describes how.
ENDED = "ended"


def reach_kill_point(watch: WorkWatch, work: StartedWork, kill_point: KillPoint, section_wait_ms: float) -> str:
    """REACHED, ENDED, or why the workload was never inside its section."""
    if kill_point.kind == "deadline":
        # The runtime's own timer started after started_at, so it fires after this wait: work ending earlier ended by itself.
        return ENDED if watch.wait_for(watch.ended, work.started_at + kill_point.after_start_ms) else REACHED
    if kill_point.kind == "delay":
        return ENDED if watch.wait_for(watch.ended, now_ms() + kill_point.delay_ms) else REACHED
    return _reach_section(watch, kill_point, section_wait_ms)


def _reach_section(watch: WorkWatch, kill_point: KillPoint, section_wait_ms: float) -> str:
    """
    The kill lands in an entry the workload holds, made once the drawn delay is over. A workload still inside an entry
    it made earlier is waited for: if it leaves, its next entry is held; if it stays inside for the whole wait (a lock
    taken at ready() and kept), the kill lands there, inside all the same.
    """
    held_or_ended = lambda: watch.section_held or watch.ended()  # noqa: E731
    if watch.wait_for(held_or_ended, watch.ready_at + kill_point.after_ms):
        return _held_or_ended(watch)
    # One wait in all, whichever way it goes, as the harness's watchdog allows for.
    wait_ends = now_ms() + section_wait_ms
    if watch.section_inside:
        watch.wait_for(lambda: held_or_ended() or not watch.section_inside, wait_ends)
        if watch.section_held:
            return REACHED
        if watch.ended():
            return ENDED
        if watch.section_inside:
            return REACHED
    if watch.wait_for(held_or_ended, wait_ends):
        return _held_or_ended(watch)
    waited_ms = kill_point.after_ms + section_wait_ms
    return f'the workload was not inside section "{kill_point.section}" at any moment from {kill_point.after_ms:g} to {waited_ms:g} ms after ready()'


def _held_or_ended(watch: WorkWatch) -> str:
    return REACHED if watch.section_held else ENDED
