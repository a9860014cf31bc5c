import json
import os
import unittest

import support

journal_file = os.path.join(support.WORKLOADS, "journal_writer.py")


class DescribeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        described = support.run_cli("describe")
        cls.description = json.loads(described.stdout)

    def test_it_names_the_interpreter_runtimes_workloads_and_styles(self):
        self.assertEqual(self.description["runtimes"], ["py-thread", "py-process", "py-process-spawn"])
        self.assertIn(self.description["startMethod"], ("fork", "spawn", "forkserver"))
        names = {workload["name"] for workload in self.description["workloads"]}
        self.assertLessEqual({"cpu-loop", "lock-holder", "journal-writer", "sqlite-transaction", "blocking-fifo-read"}, names)
        self.assertTrue(self.description["stopit"] is not None or self.description["stopitMissing"])

    def test_each_style_says_per_runtime_how_it_applies_or_why_not(self):
        styles = {style["name"]: style for style in self.description["killStyles"]}
        self.assertEqual(styles["sigkill"]["runtimes"]["py-thread"]["applies"], False)
        self.assertEqual(styles["sigkill"]["runtimes"]["py-process"], {"applies": True, "call": "Process.kill()  (SIGKILL)"})
        self.assertEqual(styles["async-exception"]["runtimes"]["py-process-spawn"]["applies"], False)
        self.assertEqual((styles["daemon-exit"]["kind"], styles["host-death"]["kind"], styles["event"]["kind"]), ("host-exit", "host", "work"))
        for style in styles.values():
            for applicability in style["runtimes"].values():
                self.assertTrue(applicability.get("call") or applicability.get("reason"))


class VerifyTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)

    def test_it_prints_the_workloads_check(self):
        with open(self.folder.acknowledgement_log, "w") as log:
            log.write("1\n2\n")
        verified = support.run_cli("verify", journal_file, self.folder.data_dir, self.folder.acknowledgement_log)
        self.assertEqual((verified.returncode, json.loads(verified.stdout)["missing"]), (0, 2))

    def test_a_verify_that_raises_reads_as_corrupt(self):
        os.mkdir(os.path.join(self.folder.data_dir, "journal.log"))  # a folder where the file should be: open() raises
        verified = support.run_cli("verify", journal_file, self.folder.data_dir, self.folder.acknowledgement_log)
        check = json.loads(verified.stdout)
        self.assertEqual((check["corrupt"], check["acknowledged"]), (True, 0))
        self.assertTrue(check["detail"].startswith("verify() could not read the data: IsADirectoryError"))

    def test_a_workload_without_verify_prints_null(self):
        verified = support.run_cli("verify", os.path.join(support.WORKLOADS, "cpu_loop.py"), self.folder.data_dir, self.folder.acknowledgement_log)
        self.assertEqual(verified.stdout.strip(), "null")

    def test_an_error_is_one_line_on_stderr_and_exit_code_2(self):
        failed = support.run_cli("verify", "/nonexistent/workload.py", self.folder.data_dir, self.folder.acknowledgement_log)
        self.assertEqual((failed.returncode, len(failed.stderr.strip().splitlines()), failed.stdout), (2, 1, ""))


if __name__ == "__main__":
    unittest.main()
