import { readProcFile } from './read-proc-file.ts';

/**
 * How long a thread has waited for a CPU while it was ready to run, in milliseconds (the second field of
 * /proc/<pid>/task/<tid>/schedstat); null when the thread is gone or the kernel keeps no such account.
 */
export function readRunDelayMs(pid: number, threadId: number): number | null {
  const fields = readProcFile(`/proc/${pid}/task/${threadId}/schedstat`)?.split(' ');
  const waitedNs = Number(fields?.[1]);
  return fields === undefined || !Number.isFinite(waitedNs) ? null : waitedNs / 1e6;
}
