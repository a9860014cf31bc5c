"""Descriptors the work holds: a stop that skips cleanup shows whether the runtime still closes them."""

import os
import socket

from isolation_harness.workload import define_workload

FILES = 3
WRITE_INTERVAL_S = 0.005
LINE = b"still working\n"


def run(context):
    descriptors = []
    sockets = []
    try:
        for index in range(FILES):
            descriptors.append(_open_unlinked(os.path.join(context.dir, f"open-{index}.log")))
        sockets.extend(socket.socketpair())
        context.ready()
        while not context.stop_requested():
            for descriptor in descriptors:
                os.write(descriptor, LINE)
            sockets[0].sendall(LINE)
            sockets[1].recv(len(LINE))
            context.sleep_until_stopped(WRITE_INTERVAL_S)
    finally:
        for descriptor in descriptors:
            os.close(descriptor)
        for held in sockets:
            held.close()
        context.mark_cleanup_ran("files and sockets closed")


def _open_unlinked(path):
    """The name goes at once, so only the descriptor outlives a skipped cleanup: temp-files measures files."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.unlink(path)
    return descriptor


workload = define_workload(
    name="open-files",
    description=f"keeps {FILES} os.open descriptors (unlinked) and a socketpair open, writing to them every 5 ms until stopped",
    run=run,
)
