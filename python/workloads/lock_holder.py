"""
Three locks at once around each unit of work: an flock on `resource`, a `resource.lock` folder made with mkdir (the
proper-lockfile way: the folder is the lock) and the context's shared lock. A kill aimed at the `holding-lock` section
lands while all three are held; a stop that skips cleanup shows which of them the runtime frees (the kernel drops an
flock with the last descriptor, nothing removes a folder, and a multiprocessing lock stays taken).
"""

import fcntl
import os

from isolation_harness.workload import define_workload

LOCKED_FILE = "resource"
WORK_INTERVAL_S = 0.005


def run(context):
    path = os.path.join(context.dir, LOCKED_FILE)
    lock_folder = f"{path}.lock"
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    holds = {"file": False, "folder": False, "mutex": False}
    try:
        unit = 0
        while not context.stop_requested():
            unit += 1
            _take(descriptor, lock_folder, context.shared_lock, holds)
            if unit == 1:
                context.ready()
            context.enter_section("holding-lock")
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{unit}\n".encode(), 0)
            context.sleep_until_stopped(WORK_INTERVAL_S)
            context.leave_section("holding-lock")
            _release(descriptor, lock_folder, context.shared_lock, holds)
            context.sleep_until_stopped(WORK_INTERVAL_S)
    finally:
        _release(descriptor, lock_folder, context.shared_lock, holds)
        os.close(descriptor)
        os.remove(path)
        context.mark_cleanup_ran("locks released and folder removed")


def _take(descriptor, lock_folder, shared_lock, holds):
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    holds["file"] = True
    os.mkdir(lock_folder)
    holds["folder"] = True
    shared_lock.acquire()
    holds["mutex"] = True


def _release(descriptor, lock_folder, shared_lock, holds):
    """Releases, in reverse order, whichever of the three locks are held."""
    if holds["mutex"]:
        shared_lock.release()
        holds["mutex"] = False
    if holds["folder"]:
        os.rmdir(lock_folder)
        holds["folder"] = False
    if holds["file"]:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        holds["file"] = False


workload = define_workload(
    name="lock-holder",
    description=f"takes an flock on {LOCKED_FILE}, a {LOCKED_FILE}.lock folder and the shared lock, rewrites the file, releases all three, and again until stopped",
    critical_sections=["holding-lock"],
    run=run,
)
