"""The workload's append-only logs (cleanup steps, acknowledged records, critical sections), in the format the harness reads."""

import os

_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT


def append_line(path: str, line: str, durable: bool = False) -> None:
    """
    Appends one line with a single write(2), so it reaches the kernel before the next statement and survives a
    SIGKILL right after; `durable` also fsyncs it. The file is opened for each line, so a stopped work never holds it.
    """
    descriptor = os.open(path, _APPEND, 0o644)
    try:
        os.write(descriptor, f"{line}\n".encode())
        if durable:
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_lines(path: str) -> list:
    """The non-empty lines of a log, in order; none if it was never written."""
    try:
        with open(path, encoding="utf-8") as log:
            return [line for line in log.read().split("\n") if line]
    except FileNotFoundError:
        return []


def measure_bytes(path: str) -> int:
    """How long a log is now; 0 before its first line."""
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
