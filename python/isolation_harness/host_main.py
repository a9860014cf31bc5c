"""
The host process for one trial in one Python runtime. The harness starts it detached (it leads its own process group)
with a Node IPC channel, sends one `start` and then one `kill`, and SIGKILLs it once the trial is reported.
"""

from __future__ import annotations

import os
import platform
import queue
import signal
import sys
import threading

from .host_trial import host_trial
from .hosted_trial import read_hosted_trial
from .kill_styles import HOST_EXIT
from .node_channel import NodeChannel, open_node_channel
from .runtimes import prepare_ties
from .subreaper import become_subreaper, kill_descendants
from .work_links import Ties

def run_host(runtime: str) -> None:
    channel = open_node_channel()
    ties = prepare_ties(runtime)
    trials: queue.Queue = queue.Queue()
    kill_ordered = threading.Event()
    threading.Thread(target=_read_commands, args=(channel, trials, kill_ordered), name="isolation-harness-channel", daemon=True).start()
    containment = become_subreaper()
    channel.send({"type": "host-ready", "python": platform.python_version(), "containment": containment})
    if _run_one_trial(runtime, ties, channel, trials.get(), kill_ordered) == HOST_EXIT:
        sys.exit(0)
    # Reported: the harness reads the probes, then SIGKILLs the host (or closes the channel, which ends it too).
    threading.Event().wait()


def _run_one_trial(runtime: str, ties: Ties, channel: NodeChannel, message: dict, kill_ordered: threading.Event):
    try:
        return host_trial(read_hosted_trial(message["trial"]), runtime, ties, channel.send, kill_ordered)
    except Exception as error:
        channel.send({"type": "work-failed", "message": f"the Python host failed: {type(error).__name__}: {error}"})
        return None


def _read_commands(channel: NodeChannel, trials: queue.Queue, kill_ordered: threading.Event) -> None:
    """Hands the first `start` to the main thread and notes `kill`; whatever ends this loop ends the host's process group."""
    started = False
    try:
        for message in channel.receive():
            kind = message.get("type")
            if kind == "kill":
                kill_ordered.set()
            elif kind == "start" and started:
                channel.send({"type": "work-failed", "message": "a Python host runs exactly one trial; start a new host for the next"})
            elif kind == "start":
                started = True
                trials.put(message)
    finally:
        _end_process_group()


def _end_process_group() -> None:
    """
    The harness is gone (it crashed, or was SIGKILLed): every descendant of the host ends now (as the trial's subreaper it
    holds every orphan of the trial too), then its process group and the host, as host-main.ts does on 'disconnect'.
    """
    kill_descendants()
    try:
        os.killpg(os.getpid(), signal.SIGKILL)
    except ProcessLookupError:
        # Started without a group of its own (not detached): end the host alone, never the group it joined.
        os.kill(os.getpid(), signal.SIGKILL)
