"""The command line of python/host.py: a host for one runtime, `describe`, or `verify`."""

from __future__ import annotations

import sys
from typing import List

USAGE = "usage: host.py py-thread|py-process|py-process-spawn | describe [workload.py ...] | verify <workload.py> <dataDir> <acknowledgementLog>"


def run_command(arguments: List[str]) -> int:
    try:
        return _dispatch(arguments)
    except Exception as error:
        print(f"isolation-harness python host: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


def _dispatch(arguments: List[str]) -> int:
    from .runtimes import RUNTIME_NAMES

    command = arguments[0] if arguments else None
    if command == "describe":
        from .describe import print_description

        print_description(arguments[1:])
        return 0
    if command == "verify" and len(arguments) == 4:
        from .verify_command import print_verification

        print_verification(*arguments[1:])
        return 0
    if command in RUNTIME_NAMES and len(arguments) == 1:
        from .host_main import run_host

        run_host(command)
        return 0
    raise ValueError(USAGE)
