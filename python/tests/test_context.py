import os
import threading
import unittest

import support
from isolation_harness.commands import COMMAND_CODES, CommandSlot, InjectedCrash
from isolation_harness.context import WorkloadContext
from isolation_harness.work_links import ThreadNotices, WorkLinks


class WorkloadContextTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)
        self.notices = ThreadNotices()
        self.links = WorkLinks(threading.Event(), CommandSlot(), self.notices, threading.Lock(), exit_ends_process=False)
        self.context = WorkloadContext(self.folder.spec(), [], self.links)

    def test_ready_names_the_calling_thread(self):
        self.context.ready()
        self.assertEqual(self.notices.receive(0), {"type": "ready", "pid": os.getpid(), "osThreadId": threading.get_native_id()})

    def test_logs_get_one_line_per_call(self):
        self.context.mark_cleanup_ran()
        self.context.mark_cleanup_ran("closed")
        self.context.acknowledge(7)
        self.assertEqual(self.folder.read(self.folder.cleanup_log), "cleanup ran\nclosed\n")
        self.assertEqual(self.folder.read(self.folder.acknowledgement_log), "7\n")

    def test_a_crash_command_raises_once_at_the_next_check(self):
        self.context.check_commands()
        self.links.command_slot.value = COMMAND_CODES["crash"]
        with self.assertRaises(InjectedCrash):
            self.context.stop_requested()
        self.assertFalse(self.context.stop_requested())

    def test_exit_in_a_thread_raises_system_exit_3_there(self):
        self.links.command_slot.value = COMMAND_CODES["exit"]
        with self.assertRaises(SystemExit) as raised:
            self.context.check_commands()
        self.assertEqual(raised.exception.code, 3)

    def test_the_stop_event_is_the_stop_request(self):
        self.assertFalse(self.context.sleep_until_stopped(0.001))
        self.links.stop_event.set()
        self.assertTrue(self.context.stop_requested())


if __name__ == "__main__":
    unittest.main()
