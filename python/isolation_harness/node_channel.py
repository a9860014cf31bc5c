"""
The IPC channel Node.js opens to a child spawned with an `ipc` stdio entry and JSON serialization: a Unix stream
socket whose descriptor number is in NODE_CHANNEL_FD, carrying one JSON object per `\\n`-terminated line each way.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Iterator

_READ_BYTES = 65536


class NodeChannel:
    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._send_lock = threading.Lock()
        os.set_blocking(descriptor, True)
        # Not for anything the host starts: subprocess and spawn close it anyway; a fork inherits it, so close it there.
        os.set_inheritable(descriptor, False)
        os.register_at_fork(after_in_child=self._close_in_child)

    def send(self, message: dict) -> None:
        """Writes the whole line under a lock, since the main thread and the reader thread may both send."""
        line = (json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n").encode()
        with self._send_lock:
            try:
                while line:
                    line = line[os.write(self._descriptor, line):]
            except (BrokenPipeError, ConnectionResetError):
                pass  # the harness is gone; the reader sees the end of the channel and ends the host

    def receive(self) -> Iterator[dict]:
        """Each message, in order, until the harness closes the channel (end of file); lines that are not objects are skipped."""
        pending = b""
        while True:
            chunk = os.read(self._descriptor, _READ_BYTES)
            if not chunk:
                return
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                message = _parse(line)
                if isinstance(message, dict):
                    yield message

    def _close_in_child(self) -> None:
        """A forked child must not hold the host's channel: the harness would not see it close when the host dies."""
        os.close(self._descriptor)


def _parse(line: bytes) -> object:
    try:
        return json.loads(line)
    except ValueError:
        print(f"isolation-harness python host: skipped a message that is not JSON: {line[:200]!r}", file=sys.stderr)
        return None


def open_node_channel() -> NodeChannel:
    """Takes the channel from the environment, and removes it there, so no process the host starts believes it has one."""
    descriptor = os.environ.pop("NODE_CHANNEL_FD", None)
    os.environ.pop("NODE_CHANNEL_SERIALIZATION_MODE", None)
    if descriptor is None:
        raise RuntimeError("NODE_CHANNEL_FD is not set: start the host from Node.js with an 'ipc' stdio entry (serialization 'json')")
    return NodeChannel(int(descriptor))
