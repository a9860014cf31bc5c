"""
The faults the host can inject into a workload, carried out by the workload's own code at its next check_commands(),
as src/entry/obey-command.ts does: `crash` raises an exception nothing catches on purpose; `exit` ends the work the
way Python's exit calls do.
"""

import os
import sys

COMMAND_CODES = {"crash": 2, "exit": 3}
_COMMANDS_BY_CODE = {code: command for command, code in COMMAND_CODES.items()}
# Not 1: an uncaught exception already ends a multiprocessing child with exit code 1, and the two must read apart.
EXIT_CODE = 3


class InjectedCrash(RuntimeError):
    """Named so that a report can tell an injected crash from a workload's own bug."""


class CommandSlot:
    """A thread's command slot: the host stores a command code in `value`, the work reads it (an int store is atomic)."""

    def __init__(self) -> None:
        self.value = 0


def command_for_code(code: int):
    return _COMMANDS_BY_CODE.get(code)


def obey(command: str, exit_ends_process: bool) -> None:
    """
    In a child process `exit` is os._exit(3), like Node's process.exit(): no finally, no atexit. In a thread it is
    sys.exit(3), which raises SystemExit in that thread alone: its `finally` blocks run, and the host lives on.
    """
    if command == "crash":
        raise InjectedCrash("crash injected by isolation-harness mid-work")
    if exit_ends_process:
        os._exit(EXIT_CODE)
    sys.exit(EXIT_CODE)
