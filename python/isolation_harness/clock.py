"""One clock for every duration the host reports, and its link to the wall clock the harness compares across processes."""

import time


def now_ms() -> float:
    """Milliseconds on the monotonic clock: what every start and stop time is measured with."""
    return time.perf_counter() * 1000


def epoch_ms_at(moment_ms: float) -> float:
    """A moment of now_ms() on the wall clock (ms since the epoch), as Node's performance.timeOrigin + now() gives it."""
    return time.time() * 1000 - (now_ms() - moment_ms)
