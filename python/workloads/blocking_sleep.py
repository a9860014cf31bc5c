"""Blocked in one C call: time.sleep(600). Only a signal interrupts it; an exception raised into its thread waits for it to return."""

import time

from isolation_harness.workload import define_workload

SLEEP_S = 600


def run(context):
    try:
        context.ready()
        time.sleep(SLEEP_S)
    finally:
        context.mark_cleanup_ran("sleep ended")


workload = define_workload(
    name="blocking-sleep",
    description=f"calls ready(), then time.sleep({SLEEP_S}) in one call: blocked in clock_nanosleep(2) (select(2) before Python 3.11)",
    run=run,
    # It never returns to code that reads the harness's commands, nor to the stop event.
    reads_commands=False,
)
