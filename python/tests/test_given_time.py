"""The deadline in the time the machine gave some threads, against real threads made to wait for a CPU."""

import os
import subprocess
import sys
import time
import unittest

import support  # noqa: F401

from isolation_harness.clock import now_ms
from isolation_harness.given_time import GIVEN_TIME_CAP, GivenDeadline, wait_given


class GivenDeadlineTest(unittest.TestCase):
    def test_a_thread_that_waits_for_no_cpu_gets_the_timeout_in_wall_time(self):
        started = now_ms()
        deadline = GivenDeadline(200, lambda: [(os.getpid(), os.getpid())])
        self.assertFalse(wait_given(lambda until: time.sleep(max(0, until - now_ms()) / 1000) or False, deadline))
        self.assertAlmostEqual(now_ms() - started, 200, delta=60)

    def test_time_spent_waiting_for_a_cpu_moves_the_deadline_later_up_to_the_cap(self):
        spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3 * (os.cpu_count() or 1))]
        try:
            time.sleep(0.05)
            threads = [(spinner.pid, spinner.pid) for spinner in spinners]
            started = now_ms()
            deadline = GivenDeadline(300, lambda: threads)
            time.sleep(0.6)
            self.assertGreater(deadline.until_ms(), now_ms() - 300 + 50)
            self.assertLessEqual(deadline.until_ms() - started, 300 * GIVEN_TIME_CAP + 20)
        finally:
            for spinner in spinners:
                spinner.kill()
                spinner.wait()


if __name__ == "__main__":
    unittest.main()
