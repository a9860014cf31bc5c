import json
import os
import socket
import unittest

import support  # noqa: F401
from isolation_harness.node_channel import NodeChannel


class NodeChannelTest(unittest.TestCase):
    def setUp(self):
        self.harness_end, host_end = socket.socketpair()
        self.descriptor = os.dup(host_end.fileno())
        host_end.close()
        self.channel = NodeChannel(self.descriptor)

    def tearDown(self):
        self.harness_end.close()
        try:
            os.close(self.descriptor)
        except OSError:
            pass

    def test_messages_go_out_as_one_json_line_each(self):
        self.channel.send({"type": "work-ready", "childPid": None, "startMs": 1.5})
        self.assertEqual(self.harness_end.recv(1000), b'{"type":"work-ready","childPid":null,"startMs":1.5}\n')

    def test_lines_split_across_reads_arrive_whole_and_the_end_of_the_channel_ends_them(self):
        start = json.dumps({"type": "start", "trial": {"trialId": "t"}, "unknown": [1, 2]})
        self.harness_end.sendall(start[:10].encode())
        self.harness_end.sendall((start[10:] + "\n[1]\n" + '{"type":"kill"}\n').encode())
        self.harness_end.shutdown(socket.SHUT_WR)
        self.assertEqual([message["type"] for message in self.channel.receive()], ["start", "kill"])


if __name__ == "__main__":
    unittest.main()
