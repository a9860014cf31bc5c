import os
import sys
import unittest

import support

sys.path.insert(0, support.WORKLOADS)
import journal_writer  # noqa: E402


class JournalVerifyTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)
        self.path = os.path.join(self.folder.data_dir, journal_writer.JOURNAL_FILE)

    def write(self, data: bytes) -> None:
        with open(self.path, "wb") as file:
            file.write(data)

    def verify(self, acknowledged):
        return journal_writer.verify(self.folder.data_dir, acknowledged)

    def test_a_record_is_byte_for_byte_what_src_workloads_journal_format_ts_writes(self):
        self.assertEqual(journal_writer.encode_record(1), b"1,record 1 " + b"#" * 55 + b",85753b0b\n")

    def test_whole_records_pass(self):
        self.write(journal_writer.encode_record(1) + journal_writer.encode_record(2))
        self.assertEqual(self.verify(["1", "2"]), {"acknowledged": 2, "missing": 0, "torn": 0})

    def test_a_damaged_acknowledged_record_is_missing_and_a_partial_last_one_torn(self):
        damaged = journal_writer.encode_record(2).replace(b"record", b"rec0rd")
        self.write(journal_writer.encode_record(1) + damaged + journal_writer.encode_record(3)[:20])
        check = self.verify(["1", "2"])
        self.assertEqual((check["missing"], check["torn"]), (1, 2))
        self.assertEqual(check["detail"], "acknowledged but not whole: 2; line 2 fails its checksum; partial last record (20 bytes, no newline)")

    def test_no_journal_at_all(self):
        self.assertEqual(self.verify(["1"])["detail"], "journal.log not found; acknowledged but not whole: 1")


if __name__ == "__main__":
    unittest.main()
