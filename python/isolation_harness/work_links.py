"""
What ties the work to its host: the stop event, the command slot, the shared lock and the way back for notices
(ready, sections, failure). A thread gets threading objects and a queue; a child gets multiprocessing objects of the
same context as its Process, passed as Process arguments (or a pool's initializer arguments), since a spawned child
rebuilds everything else from plain data.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, NamedTuple, Optional

from .commands import CommandSlot


class WorkLinks(NamedTuple):
    stop_event: Any
    command_slot: Any
    # Anything with send(notice): a ThreadNotices, or the write end of a multiprocessing Pipe.
    notices: Any
    shared_lock: Any
    # Whether `exit` may end the whole process: true in a child, false in a thread of the host.
    exit_ends_process: bool


class Ties(NamedTuple):
    """Both ends: the links the work is given, and the inbox (ThreadNotices or PipeNotices) the host reads its notices from."""

    links: WorkLinks
    inbox: Any


def thread_ties() -> Ties:
    notices = ThreadNotices()
    return Ties(WorkLinks(threading.Event(), CommandSlot(), notices, threading.Lock(), exit_ends_process=False), notices)


def process_ties(context: Any) -> Ties:
    """Every object from the Process's own context: a spawned child can only inherit those."""
    notices = PipeNotices(context)
    links = WorkLinks(context.Event(), context.RawValue("i", 0), notices.writer, context.Lock(), exit_ends_process=True)
    return Ties(links, notices)


class ThreadNotices:
    """Notices from a thread of the host: a queue both ends share."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue()

    def send(self, notice: dict) -> None:
        self._queue.put(notice)

    def receive(self, timeout_s: float) -> Optional[dict]:
        try:
            return self._queue.get(timeout=max(0.0, timeout_s))
        except queue.Empty:
            return None


class PipeNotices:
    """Notices from a child: it writes to a multiprocessing Pipe, which the host reads (polled, never blocked on for long)."""

    def __init__(self, context: Any) -> None:
        self._reader, self.writer = context.Pipe(duplex=False)

    def receive(self, timeout_s: float) -> Optional[dict]:
        if not self._reader.poll(max(0.0, timeout_s)):
            return None
        return self._reader.recv()
