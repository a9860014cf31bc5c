import { readdirSync } from 'node:fs';
import { readProcessStat } from './process-stat.ts';
import { readProcFile } from './read-proc-file.ts';

/** The thread ids of a process, or null when it is gone. */
export function listThreads(pid: number): string[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
}

/**
 * Every child of every thread of the process, dead or alive (a zombie stays listed until it is reaped); null when
 * the process is gone. A child is listed under the thread that forked it, a worker thread's included; a thread
 * that ends between the listing and its read hands its children to another thread of the process, listed there.
 */
export function listChildren(pid: number): number[] | null {
  const threads = listThreads(pid);
  if (threads === null) return null;
  return threads.flatMap((thread) => (readProcFile(`/proc/${pid}/task/${thread}/children`) ?? '').split(' ').filter(Boolean).map(Number));
}

/** Every living descendant of a process, by the children each thread of each one forked, zombies left out. */
export function listLivingDescendants(root: number): number[] {
  const found: number[] = [];
  const frontier = [root];
  for (let parent = frontier.pop(); parent !== undefined; parent = frontier.pop()) {
    for (const child of listChildren(parent) ?? []) {
      if (readProcessStat(child)?.state === 'Z') continue;
      found.push(child);
      frontier.push(child);
    }
  }
  return found;
}
