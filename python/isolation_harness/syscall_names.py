"""
Names of the system calls a blocked thread is commonly found in, by number, from the kernel's tables
(arch/x86/entry/syscalls/syscall_64.tbl; include/uapi/asm-generic/unistd.h for arm64): the table of
src/proc/syscall-names.ts, so both hosts name a call alike.
"""

import platform

_NAMES_BY_MACHINE = {
    "x86_64": {
        0: "read", 1: "write", 7: "poll", 17: "pread64", 23: "select", 35: "nanosleep", 42: "connect", 43: "accept",
        45: "recvfrom", 47: "recvmsg", 61: "wait4", 72: "fcntl", 73: "flock", 74: "fsync", 75: "fdatasync",
        202: "futex", 230: "clock_nanosleep", 232: "epoll_wait", 247: "waitid", 257: "openat", 270: "pselect6",
        271: "ppoll", 281: "epoll_pwait", 288: "accept4", 441: "epoll_pwait2",
    },
    "aarch64": {
        22: "epoll_pwait", 25: "fcntl", 32: "flock", 56: "openat", 63: "read", 64: "write", 67: "pread64",
        72: "pselect6", 73: "ppoll", 82: "fsync", 83: "fdatasync", 95: "waitid", 98: "futex", 101: "nanosleep",
        115: "clock_nanosleep", 202: "accept", 203: "connect", 207: "recvfrom", 212: "recvmsg", 242: "accept4",
        260: "wait4", 441: "epoll_pwait2",
    },
}


def name_system_call(number: int, machine: str = platform.machine()) -> str:
    """The call's name on this machine, or `syscall <n>` for one outside the table."""
    return _NAMES_BY_MACHINE.get(machine, {}).get(number, f"syscall {number}")
