"""
The host as its trial's child subreaper, as src/host/subreaper.ts makes a Node.js host: prctl(PR_SET_CHILD_SUBREAPER)
needs no privilege, and every orphan the trial makes (a double-forked, setsid, environment-less daemon included) is
re-parented to the host instead of init, where the harness finds it. When the harness is gone, the host ends every
descendant before itself.
"""

from __future__ import annotations

import ctypes
import os
import signal
import time

PR_SET_CHILD_SUBREAPER = 36
# Rounds of SIGKILL to the host's descendants, a pause apart, and how many rounds in a row must find none.
KILL_ROUNDS = 50
KILL_ROUND_PAUSE_S = 0.01
QUIET_ROUNDS = 3


def become_subreaper() -> dict:
    """`{"subreaper": True}`, or `{"subreaper": False, "reason": ...}` as the host-ready message carries it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            return {"subreaper": False, "reason": f"prctl(PR_SET_CHILD_SUBREAPER) failed: {os.strerror(ctypes.get_errno())}"}
    except (OSError, AttributeError) as error:
        return {"subreaper": False, "reason": f"the C library could not be called: {error}"}
    return {"subreaper": True}


def kill_descendants() -> None:
    """SIGKILLs every descendant of this host until none is left: a fork under way shows up, orphaned, a moment later."""
    quiet = 0
    for _ in range(KILL_ROUNDS):
        descendants = _list_descendants(os.getpid())
        quiet = quiet + 1 if not descendants else 0
        if quiet >= QUIET_ROUNDS:
            return
        for pid in descendants:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(KILL_ROUND_PAUSE_S)


def _list_descendants(root: int) -> list:
    found = []
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for child in _list_children(parent):
            if _state(child) != "Z":
                found.append(child)
                frontier.append(child)
    return found


def _list_children(pid: int) -> list:
    children = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return children
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children") as listing:
                children.extend(int(child) for child in listing.read().split())
        except OSError:
            continue
    return children


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"
