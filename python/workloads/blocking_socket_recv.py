"""Blocked in the kernel: recv(2) on one end of a socketpair whose other end never sends."""

import socket

from isolation_harness.workload import define_workload


def run(context):
    receiver, sender = socket.socketpair()
    try:
        context.ready()
        receiver.recv(1)
    finally:
        receiver.close()
        sender.close()
        context.mark_cleanup_ran("socketpair closed")


workload = define_workload(
    name="blocking-socket-recv",
    description="calls ready(), then recv(1) on a socketpair whose other end never sends: blocked in recvfrom(2)",
    run=run,
    reads_commands=False,
)
