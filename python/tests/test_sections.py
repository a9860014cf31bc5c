import threading
import time
import unittest

import support  # noqa: F401  (puts python/ on the path)
from isolation_harness.clock import now_ms
from isolation_harness.sections import SectionHooks


class SectionHoldTest(unittest.TestCase):
    """The hold rule of src/entry/critical-sections.ts, with real time and a real stop from another thread."""

    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)
        self.stop = threading.Event()
        self.notices = []
        self.ready_since = None

    def hooks(self, target_after_ms=30, hold_ms=2000):
        spec = self.folder.spec(target_section="held-here", target_after_ms=target_after_ms, section_hold_ms=hold_ms)
        return SectionHooks(spec, ["held-here", "other"], lambda: self.ready_since, self.stop.is_set, self.stop.wait, self.notices.append)

    def test_an_early_entry_is_told_once_and_a_later_one_is_held_until_the_stop(self):
        hooks = self.hooks()
        self.ready_since = now_ms()
        hooks.enter("held-here")
        hooks.leave("held-here")
        hooks.enter("held-here")
        hooks.leave("held-here")
        self.assertEqual(self.notices, [{"type": "section-entered", "section": "held-here", "held": False}, {"type": "section-left", "section": "held-here"}])
        time.sleep(0.04)
        threading.Timer(0.05, self.stop.set).start()
        entered = now_ms()
        hooks.enter("held-here")
        self.assertGreaterEqual(now_ms() - entered, 45)
        self.assertEqual(self.notices[-1], {"type": "section-entered", "section": "held-here", "held": True})
        self.assertEqual(self.folder.read(self.folder.section_log), "enter held-here\nleave held-here\n" * 2 + "enter held-here\n")

    def test_a_held_section_is_let_go_after_the_hold_time_without_a_stop(self):
        hooks = self.hooks(target_after_ms=0, hold_ms=30)
        self.ready_since = now_ms()
        entered = now_ms()
        hooks.enter("held-here")
        self.assertLess(now_ms() - entered, 500)
        self.assertGreaterEqual(now_ms() - entered, 30)

    def test_other_sections_and_entries_before_ready_are_only_logged(self):
        hooks = self.hooks(target_after_ms=0)
        hooks.enter("held-here")
        self.ready_since = now_ms()
        hooks.enter("other")
        self.assertEqual(self.notices, [])

    def test_an_undeclared_section_is_refused(self):
        with self.assertRaisesRegex(ValueError, 'section "nowhere" is not declared'):
            self.hooks().enter("nowhere")


if __name__ == "__main__":
    unittest.main()
