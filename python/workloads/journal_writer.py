"""
Durable appends: each record is written, fsynced, and only then acknowledged. verify() shows whether a stop lost an
acknowledged record or left a torn one. The record format is src/workloads/journal-format.ts's, so either side reads it.
"""

import os
import zlib

from isolation_harness.records import judge_records
from isolation_harness.workload import define_workload

JOURNAL_FILE = "journal.log"
PAYLOAD_LENGTH = 64


def run(context):
    descriptor = os.open(os.path.join(context.data_dir, JOURNAL_FILE), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        context.ready()
        seq = 0
        while not context.stop_requested():
            seq += 1
            _append_durably(descriptor, encode_record(seq), context)
            context.acknowledge(seq)
    finally:
        os.close(descriptor)
        context.mark_cleanup_ran("journal closed")


def _append_durably(descriptor, record, context):
    written = os.write(descriptor, record)
    if written != len(record):
        raise OSError(f"short write to {JOURNAL_FILE}: {written} of {len(record)} bytes")
    # The record is in the page cache, neither on disk nor acknowledged yet.
    context.enter_section("between-write-and-fsync")
    os.fsync(descriptor)
    context.leave_section("between-write-and-fsync")


def encode_record(seq):
    """One record, one line: `seq,payload,checksum`, the checksum being the CRC-32 of `seq,payload` in 8 hex digits."""
    body = f"{seq},{f'record {seq} '.ljust(PAYLOAD_LENGTH, '#')}"
    return f"{body},{_checksum(body)}\n".encode()


def verify(data_dir, acknowledged):
    """An acknowledged record without an intact line is missing; every damaged line is torn, acknowledged or not."""
    try:
        with open(os.path.join(data_dir, JOURNAL_FILE), encoding="utf-8", errors="replace") as journal:
            text = journal.read()
    except FileNotFoundError:
        text = None
    intact, torn = _scan(text or "")
    return judge_records(JOURNAL_FILE, text is not None, intact, torn, acknowledged)


def _scan(text):
    """The sequence numbers of intact records, and one line for each damaged one (a bad checksum, a partial last line)."""
    *lines, tail = text.split("\n")
    intact = set()
    torn = []
    for number, line in enumerate(lines, start=1):
        seq = _intact_seq(line)
        if seq is None:
            torn.append(f"line {number} fails its checksum")
        else:
            intact.add(seq)
    if tail:
        torn.append(f"partial last record ({len(tail)} bytes, no newline)")
    return intact, torn


def _intact_seq(line):
    body, comma, checksum = line.rpartition(",")
    seq, _, _ = body.partition(",")
    return seq if comma and seq and checksum == _checksum(body) else None


def _checksum(body):
    return f"{zlib.crc32(body.encode()):08x}"



workload = define_workload(
    name="journal-writer",
    description=f"appends CRC-32-checksummed records to {JOURNAL_FILE}, each written, fsynced and then acknowledged, until stopped",
    critical_sections=["between-write-and-fsync"],
    run=run,
    verify=verify,
)
