"""Files in the temp directory (TMPDIR is the trial's work directory): a stop shows whether anything removes them."""

import os
import tempfile

from isolation_harness.workload import define_workload

TEMP_FILES = 3
IDLE_SLICE_S = 0.01


def run(context):
    paths = []
    try:
        for _ in range(TEMP_FILES):
            # delete=False and closed at once: only the files outlive a skipped cleanup; open-files measures descriptors.
            with tempfile.NamedTemporaryFile(prefix="temp-files-", delete=False) as file:
                paths.append(file.name)
        context.ready()
        while not context.stop_requested():
            context.sleep_until_stopped(IDLE_SLICE_S)
    finally:
        for path in paths:
            os.remove(path)
        context.mark_cleanup_ran("temp files removed")


workload = define_workload(
    name="temp-files",
    description=f"creates {TEMP_FILES} files with tempfile.NamedTemporaryFile(delete=False) and removes them once stopped",
    run=run,
)
