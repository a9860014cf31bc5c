import { arch } from 'node:os';

/**
 * Names of the system calls a blocked thread is commonly found in, by number, from the kernel's tables
 * (arch/x86/entry/syscalls/syscall_64.tbl; include/uapi/asm-generic/unistd.h, which arm64 uses). aarch64 has no
 * poll, select nor epoll_wait: its C library calls ppoll, pselect6 and epoll_pwait instead.
 */
const NAMES_BY_ARCHITECTURE: Readonly<Record<string, ReadonlyMap<number, string>>> = {
  x64: new Map([
    [0, 'read'],
    [1, 'write'],
    [7, 'poll'],
    [17, 'pread64'],
    [23, 'select'],
    [35, 'nanosleep'],
    [42, 'connect'],
    [43, 'accept'],
    [45, 'recvfrom'],
    [47, 'recvmsg'],
    [61, 'wait4'],
    [72, 'fcntl'],
    [73, 'flock'],
    [74, 'fsync'],
    [75, 'fdatasync'],
    [202, 'futex'],
    [230, 'clock_nanosleep'],
    [232, 'epoll_wait'],
    [247, 'waitid'],
    [257, 'openat'],
    [270, 'pselect6'],
    [271, 'ppoll'],
    [281, 'epoll_pwait'],
    [288, 'accept4'],
    [441, 'epoll_pwait2'],
  ]),
  arm64: new Map([
    [22, 'epoll_pwait'],
    [25, 'fcntl'],
    [32, 'flock'],
    [56, 'openat'],
    [63, 'read'],
    [64, 'write'],
    [67, 'pread64'],
    [72, 'pselect6'],
    [73, 'ppoll'],
    [82, 'fsync'],
    [83, 'fdatasync'],
    [95, 'waitid'],
    [98, 'futex'],
    [101, 'nanosleep'],
    [115, 'clock_nanosleep'],
    [202, 'accept'],
    [203, 'connect'],
    [207, 'recvfrom'],
    [212, 'recvmsg'],
    [242, 'accept4'],
    [260, 'wait4'],
    [441, 'epoll_pwait2'],
  ]),
};

/** The waits of an event loop (libuv's backend): a thread found in one of them on its own loop is idle. */
export const EVENT_LOOP_WAITS: ReadonlySet<string> = new Set(['epoll_wait', 'epoll_pwait', 'epoll_pwait2']);

/** The call's name on this machine's architecture, or `syscall <n>` for one outside the table (or another architecture). */
export function nameSystemCall(number: number, architecture: string = arch()): string {
  return NAMES_BY_ARCHITECTURE[architecture]?.get(number) ?? `syscall ${number}`;
}
