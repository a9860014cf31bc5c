"""`host.py verify`: runs a workload's verify() against a stopped trial's data, for the harness to record."""

from __future__ import annotations

import json

from .log_files import read_lines
from .workload import load_workload


def print_verification(workload_file: str, data_dir: str, acknowledgement_log: str) -> None:
    """Prints verify()'s dict, or null for a workload without one; a verify() that raises reads as corrupt data."""
    workload = load_workload(workload_file)
    if workload.verify is None:
        print("null")
        return
    acknowledged = read_lines(acknowledgement_log)
    try:
        check = dict(workload.verify(data_dir, acknowledged))
    except Exception as error:
        check = {
            "acknowledged": len(acknowledged),
            "missing": len(acknowledged),
            "torn": 0,
            "corrupt": True,
            "detail": f"verify() could not read the data: {type(error).__name__}: {error}",
        }
    print(json.dumps(check, allow_nan=False))
