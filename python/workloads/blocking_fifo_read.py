"""Blocked in the kernel: a read(2) of a FIFO that never receives data."""

import os

from isolation_harness.workload import define_workload

FIFO = "never-written.fifo"


def run(context):
    fifo = os.path.join(context.dir, FIFO)
    descriptor = None
    try:
        os.mkfifo(fifo)
        # On Linux a read-write open of a FIFO returns at once (fifo(7)) and makes the work its own writer, so read()
        # never sees end-of-file; the descriptor is blocking, and os.read calls read(2) on this very thread.
        descriptor = os.open(fifo, os.O_RDWR)
        context.ready()
        os.read(descriptor, 1)
    finally:
        if descriptor is not None:
            os.close(descriptor)
        if os.path.exists(fifo):
            os.remove(fifo)
        context.mark_cleanup_ran("fifo closed and removed")


workload = define_workload(
    name="blocking-fifo-read",
    description=f"calls ready(), then os.read on a FIFO ({FIFO}) it opened read-write and never writes: blocked in read(2)",
    run=run,
    reads_commands=False,
)
