import { readFileSync } from 'node:fs';
import type { MarkedProcess } from '../marker/find-marked-processes.ts';
import { MARKER_VARIABLE, markerBelongsTo } from '../marker/marker.ts';
import { listPids, readProcessStatus } from '../marker/proc.ts';
import type { ProbeTarget } from './probe.ts';

/** The trial's processes at one moment, from one pass over /proc. */
export interface TrialProcesses {
  /** Living processes carrying the trial's marker (its host among them). */
  readonly marked: MarkedProcess[];
  /** Its living processes: the marked ones, its host and its child. */
  readonly pids: Set<number>;
  /** Dead children of those processes that nobody has reaped yet. */
  readonly zombies: number;
}

/** kthreadd's pid, as on every Linux machine: the parent of every kernel thread. */
const KTHREADD_PID = 2;

/**
 * One pass over /proc for every probe of a snapshot: each process's environment says whether it carries the
 * marker, and only a process without one to read (a zombie's is gone) needs its status read too. Kernel
 * threads, often most of the pids, carry no marker and cannot be a trial's zombie, so they are not read at all.
 */
export function scanTrialProcesses(target: ProbeTarget): TrialProcesses {
  const kernelThreads = listKernelThreads();
  const marked: MarkedProcess[] = [];
  const withoutEnvironment: number[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid || kernelThreads.has(pid)) continue;
    const environment = readOrNull(`/proc/${pid}/environ`, 'latin1');
    if (environment === '' || environment === null) withoutEnvironment.push(pid);
    const trialId = environment === null ? null : findMarker(environment);
    if (trialId === null || !markerBelongsTo(trialId, target.trialId)) continue;
    const status = readProcessStatus(pid);
    if (status !== null) marked.push({ ...status, trialId });
  }
  const pids = trialPidsOf(target, marked);
  const zombies = withoutEnvironment.filter((pid) => {
    const status = readProcessStatus(pid);
    return status?.state === 'Z' && pids.has(status.parentPid);
  }).length;
  return { marked, pids, zombies };
}

/** The living processes of a trial: its host, its child and every process carrying its marker, re-parented ones included. */
export function trialPidsOf(target: ProbeTarget, marked: readonly MarkedProcess[]): Set<number> {
  const pids = new Set(marked.filter((found) => found.state !== 'Z').map((found) => found.pid));
  pids.add(target.hostPid);
  if (target.childPid !== null) pids.add(target.childPid);
  return pids;
}

/** Children of kthreadd, when pid 2 is kthreadd; in a pid namespace of its own, pid 2 may be any process, so none. */
function listKernelThreads(): Set<number> {
  const kthreadd = readProcessStatus(KTHREADD_PID);
  if (kthreadd?.command !== 'kthreadd' || kthreadd.parentPid !== 0) return new Set();
  const children = readOrNull(`/proc/${KTHREADD_PID}/task/${KTHREADD_PID}/children`, 'utf8') ?? '';
  return new Set([KTHREADD_PID, ...children.split(' ').filter(Boolean).map(Number)]);
}

const MARKER_ENTRY = `\0${MARKER_VARIABLE}=`;

/** The marker's value in a NUL-separated environment, found without splitting it: most processes carry none. */
function findMarker(environment: string): string | null {
  // Every variable but the first follows a NUL; one more in front makes the first one no exception.
  const variables = `\0${environment}`;
  const at = variables.indexOf(MARKER_ENTRY);
  if (at === -1) return null;
  const end = variables.indexOf('\0', at + MARKER_ENTRY.length);
  return variables.slice(at + MARKER_ENTRY.length, end === -1 ? undefined : end);
}

/** An environment is read as latin1: the marker is ASCII, and latin1 decodes any byte as it is, without validating. */
function readOrNull(path: string, encoding: 'utf8' | 'latin1'): string | null {
  try {
    return readFileSync(path, encoding);
  } catch {
    return null;
  }
}
