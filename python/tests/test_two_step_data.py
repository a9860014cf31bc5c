import os
import sys
import unittest

import support

sys.path.insert(0, support.WORKLOADS)
import shared_struct  # noqa: E402
import two_write_record  # noqa: E402


class TwoWriteRecordTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)

    def write(self, data: bytes) -> None:
        with open(os.path.join(self.folder.data_dir, two_write_record.RECORDS_FILE), "wb") as file:
            file.write(data)

    def test_a_record_is_byte_for_byte_what_src_workloads_two_write_format_ts_writes(self):
        self.assertEqual(two_write_record.encode_record(1), (b"1 64 5c662286\n", b"record 1 " + b"#" * 54 + b"\n"))

    def test_a_header_whose_body_never_came_is_torn_and_its_record_missing(self):
        header, body = two_write_record.encode_record(2)
        self.write(b"".join(two_write_record.encode_record(1)) + header + body[:10])
        check = two_write_record.verify(self.folder.data_dir, ["1", "2"])
        self.assertEqual((check["missing"], check["torn"]), (1, 1))
        self.assertIn("record 2: its header announces 64 bytes of body, 10 follow", check["detail"])

    def test_whole_records_pass(self):
        self.write(b"".join(two_write_record.encode_record(1)) + b"".join(two_write_record.encode_record(2)))
        self.assertEqual(two_write_record.verify(self.folder.data_dir, ["1", "2"]), {"acknowledged": 2, "missing": 0, "torn": 0})


class SharedStructTest(unittest.TestCase):
    def setUp(self):
        self.folder = support.TrialFolder()
        self.addCleanup(self.folder.remove)
        self.path = os.path.join(self.folder.data_dir, shared_struct.STRUCT_FILE)

    def test_fields_that_disagree_are_a_torn_record(self):
        memory = shared_struct._map(self.path)
        shared_struct.FIELD.pack_into(memory, shared_struct.FIELD_A, 7)
        shared_struct.FIELD.pack_into(memory, shared_struct.FIELD_B, 6)
        memory.close()
        check = shared_struct.verify(self.folder.data_dir, [])
        self.assertEqual((check["torn"], check["detail"]), (1, "the record is torn: field a holds update 7, field b update 6"))

    def test_fields_that_agree_are_whole(self):
        memory = shared_struct._map(self.path)
        memory.close()
        self.assertEqual(shared_struct.verify(self.folder.data_dir, []), {"acknowledged": 1, "missing": 0, "torn": 0})


if __name__ == "__main__":
    unittest.main()
