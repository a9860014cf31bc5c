"""
A two-field record in memory shared through a mapped file (MAP_SHARED, as multiprocessing.shared_memory maps /dev/shm),
updated field a, then field b, with the work real code has between two stores (a function call, a log line): whatever
stops the work between the two leaves the fields disagreeing, and the file keeps them for verify() after the stop, in a
thread and in a process alike. The cooperative stop finishes the update it is in before it returns.
"""

import mmap
import os
import struct

from isolation_harness.workload import define_workload

STRUCT_FILE = "struct.bin"
FIELD = struct.Struct("<q")
FIELD_A = 0
FIELD_B = FIELD.size


def run(context):
    memory = _map(os.path.join(context.data_dir, STRUCT_FILE))
    try:
        context.ready()
        seq = 0
        while not context.stop_requested():
            seq += 1
            FIELD.pack_into(memory, FIELD_A, seq)
            context.enter_section("between-fields")
            FIELD.pack_into(memory, FIELD_B, _second_field(seq))
            context.leave_section("between-fields")
    finally:
        memory.close()
        context.mark_cleanup_ran("last update finished")


def _map(path):
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        os.ftruncate(descriptor, FIELD.size * 2)
        return mmap.mmap(descriptor, FIELD.size * 2)
    finally:
        os.close(descriptor)


def _second_field(seq):
    """Field b holds the same update as field a: what real code computes between two stores, a call the interpreter can stop in."""
    return seq


def verify(data_dir, acknowledged):
    """The record is whole when both fields hold the same update; one record, so one acknowledged."""
    try:
        with open(os.path.join(data_dir, STRUCT_FILE), "rb") as file:
            data = file.read()
    except FileNotFoundError:
        return {"acknowledged": 1, "missing": 1, "torn": 0, "detail": f"{STRUCT_FILE} not found"}
    if len(data) < FIELD.size * 2:
        return {"acknowledged": 1, "missing": 0, "torn": 0, "corrupt": True, "detail": f"{STRUCT_FILE} holds {len(data)} bytes, not {FIELD.size * 2}"}
    (a,) = FIELD.unpack_from(data, FIELD_A)
    (b,) = FIELD.unpack_from(data, FIELD_B)
    if a == b:
        return {"acknowledged": 1, "missing": 0, "torn": 0}
    return {"acknowledged": 1, "missing": 0, "torn": 1, "detail": f"the record is torn: field a holds update {a}, field b update {b}"}


workload = define_workload(
    name="shared-struct",
    description=f"updates a two-field record in a memory-mapped {STRUCT_FILE} (MAP_SHARED), field a then field b, to the same sequence number, until stopped",
    critical_sections=["between-fields"],
    run=run,
    verify=verify,
)
