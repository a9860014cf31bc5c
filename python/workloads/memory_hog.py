"""Memory the work holds: a stop that skips cleanup shows whether the runtime gives it back (a child's ends with it)."""

from isolation_harness.workload import define_workload

CHUNKS = 8
CHUNK_BYTES = 8 * 1024 * 1024
IDLE_SLICE_S = 0.01


def run(context):
    chunks = []
    try:
        for index in range(CHUNKS):
            # Repeating one byte writes every page, so the memory is resident rather than merely reserved.
            chunks.append(bytearray([index + 1]) * CHUNK_BYTES)
        context.ready()
        while not context.stop_requested():
            context.sleep_until_stopped(IDLE_SLICE_S)
    finally:
        # Dropping the last references is all a workload can do; CPython frees each bytearray at once.
        chunks.clear()
        context.mark_cleanup_ran("buffers released")


workload = define_workload(
    name="memory-hog",
    description=f"holds {CHUNKS} bytearrays of {CHUNK_BYTES // 1024 // 1024} MiB ({CHUNKS * CHUNK_BYTES // 1024 // 1024} MiB, every page written) until stopped",
    run=run,
)
