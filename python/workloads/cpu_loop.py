"""Pure computation: no resources, so anything left behind is the runtime's own. Checks the stop on every iteration."""

from isolation_harness.workload import define_workload

STEPS_PER_CHECK = 1000


def run(context):
    accumulator = 0
    try:
        context.ready()
        while not context.stop_requested():
            for step in range(STEPS_PER_CHECK):
                accumulator = (accumulator * 31 + step) & 0xFFFFFFFF
    finally:
        context.mark_cleanup_ran(f"loop exited ({accumulator != 0})")


workload = define_workload(
    name="cpu-loop",
    description=f"busy loop of hashing-like arithmetic that checks stop_requested() every {STEPS_PER_CHECK} steps",
    run=run,
)
