import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { findMarkedProcesses } from '../marker/find-marked-processes.ts';
import { type DescriptorTable, readDescriptorTable } from '../probes/descriptor-table.ts';
import { MEMORY_GROWTH_THRESHOLD_BYTES, readResidentBytes } from '../probes/memory.ts';
import { readOsLocks } from '../probes/os-locks.ts';

/** A host as it was before its first trial: what it must be again before it may run another. */
export interface HostBaseline {
  readonly descriptors: DescriptorTable;
  readonly threads: number;
  readonly residentBytes: number;
}

/** How long a stopped trial's host may take to settle (a worker's last handles closed) before it counts as dirty. */
const SETTLE_WINDOW_MS = 100;
const SETTLE_POLL_MS = 10;

/** Read by the harness when the host first reports ready; null when the host is gone. */
export function readHostBaseline(pid: number): HostBaseline | null {
  const descriptors = readDescriptorTable(pid);
  const threads = countThreads(pid);
  const residentBytes = readResidentBytes(pid);
  return descriptors === null || threads === null || residentBytes === null ? null : { descriptors, threads, residentBytes };
}

/**
 * Why the host is not back to its baseline, or null once it is: the same descriptors (number and target), the same
 * threads, no child (a zombie included), no other process carrying its marker, no OS lock placed by it, and memory
 * grown by no more than the memory probe counts as noise. Polled for a short window, since a terminated worker's
 * thread can still be leaving.
 */
export async function waitUntilClean(pid: number, marker: string, baseline: HostBaseline): Promise<string | null> {
  const deadline = performance.now() + SETTLE_WINDOW_MS;
  for (;;) {
    const dirt = findDirt(pid, marker, baseline);
    if (dirt === null || performance.now() >= deadline) return dirt;
    await sleep(SETTLE_POLL_MS);
  }
}

function findDirt(pid: number, marker: string, baseline: HostBaseline): string | null {
  const descriptors = readDescriptorTable(pid);
  if (descriptors === null) return 'its descriptors cannot be read';
  const changed = [...new Set([...baseline.descriptors.keys(), ...descriptors.keys()])].filter((fd) => baseline.descriptors.get(fd) !== descriptors.get(fd));
  if (changed.length > 0) return `descriptors ${changed.join(', ')} differ from its baseline`;
  const threads = countThreads(pid);
  if (threads !== baseline.threads) return `it runs ${threads ?? 'an unknown number of'} threads, ${baseline.threads} at its baseline`;
  const children = listChildren(pid);
  if (children === null || children.length > 0) return children === null ? 'its children cannot be read' : `it has children (zombies included): ${children.join(', ')}`;
  const marked = findMarkedProcesses(marker).filter((found) => found.pid !== pid && found.state !== 'Z');
  if (marked.length > 0) return `processes ${marked.map((found) => found.pid).join(', ')} carry its marker`;
  const locks = readOsLocks();
  if (locks === null || locks.some((lock) => lock.pid === pid)) return locks === null ? '/proc/locks cannot be read' : 'it holds an OS lock';
  const residentBytes = readResidentBytes(pid);
  if (residentBytes === null) return 'its memory cannot be read';
  const grownBytes = residentBytes - baseline.residentBytes;
  return grownBytes > MEMORY_GROWTH_THRESHOLD_BYTES ? `its memory grew by ${grownBytes} bytes since its baseline` : null;
}

function countThreads(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return null;
  }
}

/**
 * Every child of every thread of the process, dead or alive: a zombie stays listed until it is reaped. A thread that
 * ends between the listing and its read hands its children to another thread of the process, listed there.
 */
function listChildren(pid: number): number[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) => readOrEmpty(`/proc/${pid}/task/${thread}/children`).split(' ').filter(Boolean).map(Number));
  } catch {
    return null;
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
