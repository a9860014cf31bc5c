import { readdirSync } from 'node:fs';
import { readProcFile } from './read-proc-file.ts';

/** One line of /proc/<pid>/stat, reduced to what the harness needs. */
export interface ProcessStat {
  readonly pid: number;
  readonly command: string;
  /** Kernel state letter: R running, S sleeping, Z zombie (dead, not yet reaped), … */
  readonly state: string;
  readonly parentPid: number;
  readonly processGroup: number;
  readonly session: number;
  /** Clock ticks since boot: with the pid, it names one process across pid reuse. */
  readonly startTime: number;
}

/** kthreadd's pid, as on every Linux machine: the parent of every kernel thread. */
const KTHREADD_PID = 2;

export function listPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** A process's status, or null when it is gone. */
export function readProcessStat(pid: number): ProcessStat | null {
  const stat = readProcFile(`/proc/${pid}/stat`);
  return stat === null ? null : parseStat(pid, stat);
}

/** One thread's kernel state letter (R, S, D, …) from /proc/<pid>/task/<tid>/stat, or null when it is gone. */
export function readThreadState(pid: number, threadId: number): string | null {
  const stat = readProcFile(`/proc/${pid}/task/${threadId}/stat`);
  return stat === null ? null : parseStat(threadId, stat).state;
}

/** Fields after the command, which sits in parentheses and may itself contain spaces or parentheses. */
function parseStat(pid: number, stat: string): ProcessStat {
  const commandEnd = stat.lastIndexOf(')');
  const fields = stat.slice(commandEnd + 2).split(' ');
  return {
    pid,
    command: stat.slice(stat.indexOf('(') + 1, commandEnd),
    state: fields[0] ?? '?',
    parentPid: Number(fields[1] ?? 0),
    processGroup: Number(fields[2] ?? 0),
    session: Number(fields[3] ?? 0),
    startTime: Number(fields[19] ?? 0),
  };
}

/** The status of every process but kernel threads (often most of the pids, and never anyone's child or marker). */
export function readAllProcessStats(): ProcessStat[] {
  const kernelThreads = listKernelThreads();
  return listPids().flatMap((pid) => {
    if (kernelThreads.has(pid)) return [];
    const stat = readProcessStat(pid);
    return stat === null || stat.parentPid === KTHREADD_PID ? [] : [stat];
  });
}

/** Children of kthreadd, when pid 2 is kthreadd; in a pid namespace of its own, pid 2 may be any process, so none. */
function listKernelThreads(): Set<number> {
  const kthreadd = readProcessStat(KTHREADD_PID);
  if (kthreadd?.command !== 'kthreadd' || kthreadd.parentPid !== 0) return new Set();
  const children = readProcFile(`/proc/${KTHREADD_PID}/task/${KTHREADD_PID}/children`) ?? '';
  return new Set([KTHREADD_PID, ...children.split(' ').filter(Boolean).map(Number)]);
}

/** A process's command line, its arguments joined by spaces; '' when it is gone (or a zombie, or a kernel thread). */
export function readCommandLine(pid: number): string {
  return (readProcFile(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}
