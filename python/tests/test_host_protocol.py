"""The host end to end: a real host process, real threads, children and locks, spoken to as the harness speaks to it."""

import os
import unittest

import support

DELAY = {"kind": "delay", "delayMs": 50}


class HostProtocolTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)

    def start_host(self, runtime):
        self.harness = support.FakeHarness(runtime)
        self.addCleanup(self.harness.end)
        return self.harness

    def trial(self, runtime, kill, workload_file, kill_point=DELAY, stop_timeout_ms=1000, steps=None):
        hosted = self.folder.hosted_trial(runtime, kill, workload_file, kill_point, stop_timeout_ms)
        return self.start_host(runtime).run_trial(hosted if steps is None else {**hosted, "steps": steps})

    def test_a_thread_stopped_by_its_event_runs_its_cleanup(self):
        end = self.trial("py-thread", "event", "cpu_loop.py")
        self.assertEqual((end["type"], end["exitCode"], end["error"], end["mutex"]), ("work-stopped", 0, None, "free"))
        self.assertEqual((end["ready"]["childPid"], end["processes"], end["heldFiles"]), (None, [], []))
        self.assertLess(end["stopMs"], 500)
        self.assertTrue(self.folder.read(self.folder.cleanup_log).startswith("loop exited"))

    def test_a_sigkilled_child_inside_its_section_leaves_the_multiprocessing_lock_held(self):
        end = self.trial("py-process", "sigkill", "lock_holder.py", {"kind": "section", "section": "holding-lock", "afterMs": 20})
        self.assertEqual((end["type"], end["signal"], end["exitCode"], end["mutex"]), ("work-stopped", "SIGKILL", None, "held"))
        self.assertEqual(end["ready"]["childPid"], end["ready"]["osThreadId"])
        self.assertEqual(self.folder.read(self.folder.cleanup_log), "")
        self.assertEqual(sorted(os.listdir(self.folder.work_dir)), ["resource", "resource.lock"])
        self.assertTrue(self.folder.read(self.folder.section_log)[: end["sectionLogBytesAtStop"]].endswith("enter holding-lock\n"))

    def test_an_exception_raised_into_a_thread_blocked_in_sleep_never_lands(self):
        end = self.trial("py-thread", "async-exception", "blocking_sleep.py", stop_timeout_ms=200)
        self.assertEqual((end["type"], end["phase"]), ("work-hung", "stop"))
        self.assertIn(end["workAtHang"]["systemCall"], support.SLEEP_CALLS)

    def test_sigint_to_a_spawned_child_runs_its_finally(self):
        end = self.trial("py-process-spawn", "sigint", "temp_files.py")
        self.assertEqual((end["type"], end["exitCode"], end["error"]), ("work-stopped", 1, "KeyboardInterrupt"))
        self.assertEqual(self.folder.read(self.folder.cleanup_log), "temp files removed\n")
        self.assertEqual(os.listdir(self.folder.work_dir), [])

    def test_daemon_exit_reports_the_kill_point_and_the_host_then_exits_by_itself(self):
        end = self.trial("py-process", "daemon-exit", "cpu_loop.py")
        self.assertEqual(end["type"], "kill-point-reached")
        self.assertEqual(self.harness.host.wait(5), 0)
        self.assertFalse(support.pid_alive(end["ready"]["childPid"]))

    def test_a_host_whose_harness_is_gone_kills_its_process_group(self):
        self.start_host("py-process")
        self.harness.receive_until({"host-ready"})
        self.harness.send({"type": "start", "trial": self.folder.hosted_trial("py-process", "sigkill", "grandchild.py", DELAY)})
        child = self.harness.receive_until({"work-ready"})["childPid"]
        self.harness.close_channel()
        self.assertEqual(self.harness.host.wait(5), -9)
        self.assertTrue(support.wait_until(lambda: not support.pid_alive(child)))

    def test_a_style_that_does_not_apply_fails_the_trial_with_the_reason(self):
        end = self.trial("py-thread", "sigterm", "cpu_loop.py")
        self.assertEqual(end["type"], "work-failed")
        self.assertIn("Python cannot signal one thread", end["message"])

    def test_a_sequence_runs_its_steps_in_turn_and_names_the_one_after_which_the_work_was_gone(self):
        end = self.trial("py-process", "event>300ms>sigkill", "blocking_sleep.py", steps=ASK_WAIT_KILL)
        self.assertEqual((end["type"], end["signal"], end["endedBy"], end["endedByStep"]), ("work-stopped", "SIGKILL", "sigkill", 3))
        self.assertGreaterEqual(end["stopMs"], 300)

    def test_a_sequence_ends_at_the_wait_once_the_ask_ended_the_work(self):
        end = self.trial("py-process", "event>5s>sigkill", "cpu_loop.py", steps=[ASK_WAIT_KILL[0], {"name": "5s", "kind": "wait", "ms": 5000}, ASK_WAIT_KILL[2]])
        self.assertEqual((end["type"], end["signal"], end["endedBy"], end["endedByStep"]), ("work-stopped", None, "event", 1))
        self.assertTrue(self.folder.read(self.folder.cleanup_log).startswith("loop exited"))

    def test_a_sequence_with_a_step_that_cannot_apply_fails_the_trial_with_the_step_and_the_reason(self):
        end = self.trial("py-thread", "event>300ms>sigkill", "cpu_loop.py", steps=ASK_WAIT_KILL)
        self.assertEqual(end["type"], "work-failed")
        self.assertIn("step 3 sigkill: a signal is delivered to the whole process", end["message"])


ASK_WAIT_KILL = [{"name": "event", "kind": "ask"}, {"name": "300ms", "kind": "wait", "ms": 300}, {"name": "sigkill", "kind": "signal", "signal": "SIGKILL"}]


if __name__ == "__main__":
    unittest.main()
