"""
A record appended with two os.write calls, header then body, as many formats do (a length prefix, then the payload):
whatever stops the writer between them leaves a header whose body never came. The format is
src/workloads/two-write-format.ts's, so either side reads it. No fsync: the page cache outlives a thread or a process,
and only the gap between the two calls is measured here.
"""

import os
import re
import zlib

from isolation_harness.records import judge_records
from isolation_harness.workload import define_workload

RECORDS_FILE = "records.log"
BODY_LENGTH = 64
HEADER = re.compile(rb"^(\d+) (\d+) ([0-9a-f]{8})$")


def run(context):
    descriptor = os.open(os.path.join(context.data_dir, RECORDS_FILE), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        context.ready()
        seq = 0
        while not context.stop_requested():
            seq += 1
            header, body = encode_record(seq)
            _write_whole(descriptor, header)
            context.enter_section("between-header-and-body")
            _write_whole(descriptor, body)
            context.leave_section("between-header-and-body")
            context.acknowledge(seq)
    finally:
        os.close(descriptor)
        context.mark_cleanup_ran("records file closed")


def encode_record(seq):
    """One record as its two writes: `<seq> <body length> <CRC-32 of the body>` and a newline, then the body."""
    body = f"{f'record {seq} '.ljust(BODY_LENGTH - 1, '#')}\n".encode()
    return f"{seq} {len(body)} {_checksum(body)}\n".encode(), body


def verify(data_dir, acknowledged):
    """An acknowledged record that is not whole is missing; every torn record counts, acknowledged or not."""
    try:
        with open(os.path.join(data_dir, RECORDS_FILE), "rb") as records:
            data = records.read()
    except FileNotFoundError:
        data = None
    intact, torn = scan_records(data or b"")
    return judge_records(RECORDS_FILE, data is not None, intact, torn, acknowledged)


def scan_records(data):
    """Header after header: a body shorter than announced, or failing its checksum, is torn; an unreadable header ends the scan."""
    intact = set()
    torn = []
    offset = 0
    while offset < len(data):
        header_end = data.find(b"\n", offset)
        header = None if header_end < 0 else HEADER.match(data[offset:header_end])
        if header is None:
            torn.append(f"{'partial' if header_end < 0 else 'unreadable'} header at byte {offset}")
            break
        seq, length, checksum = header.group(1).decode(), int(header.group(2)), header.group(3).decode()
        body = data[header_end + 1 : header_end + 1 + length]
        offset = header_end + 1 + length
        if len(body) < length:
            torn.append(f"record {seq}: its header announces {length} bytes of body, {len(body)} follow")
        elif _checksum(body) != checksum:
            torn.append(f"record {seq}: its body fails its checksum")
        else:
            intact.add(seq)
    return intact, torn


def _write_whole(descriptor, data):
    written = os.write(descriptor, data)
    if written != len(data):
        raise OSError(f"short write to {RECORDS_FILE}: {written} of {len(data)} bytes")


def _checksum(body):
    return f"{zlib.crc32(body):08x}"



workload = define_workload(
    name="two-write-record",
    description=(
        f"appends records to {RECORDS_FILE}, each as two os.write calls (a header announcing the body's length and CRC-32, "
        "then the body), acknowledged after both, until stopped"
    ),
    critical_sections=["between-header-and-body"],
    run=run,
    verify=verify,
)
