"""
The Python host of isolation-harness, and its two commands:

    python3 python/host.py py-thread|py-process|py-process-spawn   a trial host, spoken to over Node IPC (NODE_CHANNEL_FD)
    python3 python/host.py describe                                 runtimes, workloads and kill styles, as one JSON object
    python3 python/host.py verify <workload.py> <dataDir> <acknowledgementLog>   the workload's verify() result as JSON

The protocol is written down in docs/host-protocol.md. Any error: one line on stderr, exit code 2.
"""

import os
import sys

# The package and the built-in workloads sit next to this file; `python3 -I` (or -P) does not put its folder on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(arguments):
    from isolation_harness.cli import run_command

    return run_command(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
