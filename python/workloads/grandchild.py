"""A process the work starts itself: a stop that skips cleanup shows whether the runtime takes it down too."""

import subprocess

from isolation_harness.workload import define_workload

IDLE_SLICE_S = 0.01


def run(context):
    sleeper = subprocess.Popen(["sleep", "600"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context.ready()
        while not context.stop_requested():
            context.sleep_until_stopped(IDLE_SLICE_S)
    finally:
        # Waiting reaps it, so no zombie remains.
        sleeper.kill()
        sleeper.wait()
        context.mark_cleanup_ran("grandchild killed")


workload = define_workload(
    name="grandchild",
    description="starts `sleep 600` with subprocess.Popen and, once stopped, kills it and waits for it so no zombie remains",
    run=run,
)
