import { setTimeout as sleep } from 'node:timers/promises';
import { listChildren, listThreads } from '../linux-proc/process-tasks.ts';
import type { ProcessFamily } from '../process-family/process-family.ts';
import { scanFamily } from '../process-family/scan-family.ts';
import { type DescriptorTable, readDescriptorTable } from '../linux-proc/descriptor-table.ts';
import { readResidentBytes } from '../linux-proc/process-memory.ts';
import { MEMORY_GROWTH_THRESHOLD_BYTES } from '../probes/memory.ts';
import { readHeldLocks } from '../linux-proc/os-locks.ts';

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
 * threads, no child (a zombie included), no living process of the trial's family, no OS lock placed by it, and memory
 * grown by no more than the memory probe counts as noise. Polled for a short window, since a terminated worker's
 * thread can still be leaving.
 */
export async function waitUntilClean(pid: number, family: ProcessFamily, baseline: HostBaseline): Promise<string | null> {
  const deadline = performance.now() + SETTLE_WINDOW_MS;
  for (;;) {
    const dirt = findDirt(pid, family, baseline);
    if (dirt === null || performance.now() >= deadline) return dirt;
    await sleep(SETTLE_POLL_MS);
  }
}

function findDirt(pid: number, family: ProcessFamily, baseline: HostBaseline): string | null {
  const descriptors = readDescriptorTable(pid);
  if (descriptors === null) return 'its descriptors cannot be read';
  const changed = [...new Set([...baseline.descriptors.keys(), ...descriptors.keys()])].filter((fd) => baseline.descriptors.get(fd) !== descriptors.get(fd));
  if (changed.length > 0) return `descriptors ${changed.join(', ')} differ from its baseline`;
  const threads = countThreads(pid);
  if (threads !== baseline.threads) return `it runs ${threads ?? 'an unknown number of'} threads, ${baseline.threads} at its baseline`;
  const children = listChildren(pid);
  if (children === null || children.length > 0)
    return children === null ? 'its children cannot be read' : `it has children (zombies included): ${children.join(', ')}`;
  const { living } = scanFamily(family);
  if (living.length > 0) return `processes ${living.map((found) => found.pid).join(', ')} of its trial still live`;
  if (readHeldLocks(pid, descriptors).length > 0) return 'it holds an OS lock';
  const residentBytes = readResidentBytes(pid);
  if (residentBytes === null) return 'its memory cannot be read';
  const grownBytes = residentBytes - baseline.residentBytes;
  return grownBytes > MEMORY_GROWTH_THRESHOLD_BYTES ? `its memory grew by ${grownBytes} bytes since its baseline` : null;
}

function countThreads(pid: number): number | null {
  return listThreads(pid)?.length ?? null;
}
