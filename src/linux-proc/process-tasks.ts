import { readdirSync } from 'node:fs';
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
