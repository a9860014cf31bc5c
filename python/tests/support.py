"""
Shared by the tests: puts python/ on the path, makes trial folders, and plays the harness's side of the protocol
over a socketpair given to the host as NODE_CHANNEL_FD, as Node.js does for an `ipc` stdio entry.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = os.path.join(PYTHON_DIR, "host.py")
WORKLOADS = os.path.join(PYTHON_DIR, "workloads")
sys.path.insert(0, PYTHON_DIR)
# time.sleep() waits in clock_nanosleep(2) from Python 3.11, in select(2) (pselect6 in the kernel) before.
SLEEP_CALLS = ("clock_nanosleep", "pselect6")

from isolation_harness.hosted_trial import WorkloadSpec  # noqa: E402


class TrialFolder:
    """A trial's folders under /tmp/isolation-harness-pytest-*, as src/trial/trial-directory.ts lays them out."""

    def __init__(self) -> None:
        self.root = tempfile.mkdtemp(prefix="isolation-harness-pytest-")
        self.work_dir, self.data_dir, self.control_dir = (os.path.join(self.root, name) for name in ("work", "data", "control"))
        for directory in (self.work_dir, self.data_dir, self.control_dir):
            os.mkdir(directory)
        self.cleanup_log = os.path.join(self.control_dir, "cleanup.log")
        self.acknowledgement_log = os.path.join(self.control_dir, "acknowledged.log")
        self.section_log = os.path.join(self.control_dir, "sections.log")

    def spec(self, workload_file: str = "cpu_loop.py", target_section=None, target_after_ms=0, section_hold_ms=1000) -> WorkloadSpec:
        return WorkloadSpec(
            workload_path=os.path.join(WORKLOADS, workload_file),
            work_dir=self.work_dir,
            data_dir=self.data_dir,
            cleanup_log=self.cleanup_log,
            acknowledgement_log=self.acknowledgement_log,
            section_log=self.section_log,
            target_section=target_section,
            target_after_ms=target_after_ms,
            section_hold_ms=section_hold_ms,
        )

    def hosted_trial(self, runtime: str, kill: str, workload_file: str, kill_point: dict, stop_timeout_ms: int = 1000) -> dict:
        """A `start` message's trial, with a field the host must ignore."""
        section = kill_point.get("section")
        return {
            "trialId": f"pytest-{os.getpid()}-{time.monotonic_ns()}",
            "runtime": runtime,
            "kill": kill,
            "spec": {
                "workloadUrl": "file://" + os.path.join(WORKLOADS, workload_file),
                "workDir": self.work_dir,
                "loaderTempDir": tempfile.gettempdir(),
                "dataDir": self.data_dir,
                "cleanupLog": self.cleanup_log,
                "acknowledgementLog": self.acknowledgement_log,
                "sectionLog": self.section_log,
                "targetSection": section,
                "targetAfterMs": kill_point.get("afterMs", 0),
                "sectionHoldMs": stop_timeout_ms,
            },
            "controlDir": self.control_dir,
            "cgroup": None,
            "startTimeoutMs": 5000,
            "stopTimeoutMs": stop_timeout_ms,
            "graceMs": 100,
            "deadlineMs": 1000,
            "killPoint": kill_point,
            "memoryLimitMb": 256,
            "aFieldFromTheFuture": True,
        }

    def read(self, path: str) -> str:
        try:
            with open(path, encoding="utf-8") as file:
                return file.read()
        except FileNotFoundError:
            return ""

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class FakeHarness:
    """Starts a host detached (its own session, as execa's `detached`) and speaks to it over the channel."""

    def __init__(self, runtime: str) -> None:
        self._socket, host_end = socket.socketpair()
        environment = {**os.environ, "NODE_CHANNEL_FD": str(host_end.fileno()), "NODE_CHANNEL_SERIALIZATION_MODE": "json"}
        self.host = subprocess.Popen(
            [sys.executable, HOST, runtime],
            env=environment,
            pass_fds=[host_end.fileno()],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        host_end.close()
        self._pending = b""

    def send(self, message: dict) -> None:
        self._socket.sendall((json.dumps(message) + "\n").encode())

    def receive(self, timeout_s: float = 10) -> dict:
        self._socket.settimeout(timeout_s)
        while b"\n" not in self._pending:
            chunk = self._socket.recv(65536)
            if not chunk:
                raise EOFError("the host closed the channel")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return json.loads(line)

    def receive_until(self, types, timeout_s: float = 10) -> dict:
        """The first event of one of `types`, skipping the others."""
        while True:
            event = self.receive(timeout_s)
            if event["type"] in types:
                return event

    def run_trial(self, trial: dict) -> dict:
        """host-ready, start, work-ready, kill, then the trial's last event."""
        self.receive_until({"host-ready"})
        self.send({"type": "start", "trial": trial})
        ready = self.receive_until({"work-ready", "work-failed", "work-hung"})
        if ready["type"] != "work-ready":
            return ready
        self.send({"type": "kill"})
        return {**self.receive_until({"work-stopped", "work-hung", "work-failed", "kill-point-reached"}), "ready": ready}

    def close_channel(self) -> None:
        """What the host sees when the harness dies."""
        self._socket.close()

    def end(self) -> None:
        """
        SIGKILLs the host alone, then what is left of its group once multiprocessing's resource tracker had a moment to
        exit by itself: killed with the host, it would leave a spawn context's semaphores in /dev/shm.
        """
        self.host.kill()
        self.host.wait(5)
        wait_until(lambda: not _group_alive(self.host.pid), 2)
        try:
            os.killpg(self.host.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._socket.close()


def _group_alive(group: int) -> bool:
    """Whether a process of the group still lives; zombies do not count (PID 1 here reaps orphans late)."""
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                state, _parent, process_group = stat.read().rsplit(")", 1)[1].split()[:3]
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(process_group) == group and state != "Z":
            return True
    return False


def pid_alive(pid: int) -> bool:
    """A zombie counts as gone: it holds nothing but its exit status."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until(condition, timeout_s: float = 5) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, HOST, *arguments], capture_output=True, text=True, timeout=30)
