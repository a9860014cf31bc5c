import os
import threading
import time
import unittest

import support  # noqa: F401
from isolation_harness.clock import now_ms
from isolation_harness.work_activity import read_thread


class WorkActivityTest(unittest.TestCase):
    def test_a_thread_blocked_in_read_reads_as_in_that_call(self):
        reader, writer = os.pipe()
        thread_id = []
        blocked = threading.Thread(target=lambda: (thread_id.append(threading.get_native_id()), os.read(reader, 1)))
        blocked.start()
        try:
            support.wait_until(lambda: thread_id and read_thread(os.getpid(), thread_id[0]).system_call == "read", 2)
            reading = read_thread(os.getpid(), thread_id[0])
            self.assertEqual((reading.state, reading.system_call, reading.kernel_state), ("in-system-call", "read", "S"))
        finally:
            os.write(writer, b"x")
            blocked.join()
            os.close(reader)
            os.close(writer)

    def test_a_sleeping_thread_is_in_clock_nanosleep_and_a_gone_one_unknown(self):
        thread_id = []
        sleeper = threading.Thread(target=lambda: (thread_id.append(threading.get_native_id()), time.sleep(0.3)))
        sleeper.start()
        support.wait_until(lambda: thread_id and read_thread(os.getpid(), thread_id[0]).system_call is not None, 2)
        self.assertIn(read_thread(os.getpid(), thread_id[0]).system_call, support.SLEEP_CALLS)
        sleeper.join()
        self.assertEqual(read_thread(os.getpid(), thread_id[0]).state, "unknown")

    def test_after_kill_ms_counts_from_the_kill_request(self):
        reading = read_thread(os.getpid(), threading.get_native_id())
        activity = reading.as_activity(kill_requested_at=reading.read_at + 5)
        self.assertAlmostEqual(activity["afterKillMs"], -5)
        self.assertLessEqual(reading.read_at, now_ms())


if __name__ == "__main__":
    unittest.main()
