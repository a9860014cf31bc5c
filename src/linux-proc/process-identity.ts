import { type ProcessStat, readProcessStat } from './process-stat.ts';

/** A pid and the moment its process started: together they name one process, even after the pid is reused. */
export interface ProcessIdentity {
  readonly pid: number;
  readonly startTime: number;
}

export function identityKey({ pid, startTime }: ProcessIdentity): string {
  return `${pid}:${startTime}`;
}

/** The process's status if the pid still belongs to the process the identity names; null once it is gone or the pid was reused. */
export function readIfSame(identity: ProcessIdentity): ProcessStat | null {
  const stat = readProcessStat(identity.pid);
  return stat !== null && stat.startTime === identity.startTime ? stat : null;
}

/** This process's own identity. */
export function ownIdentity(): ProcessIdentity {
  const stat = readProcessStat(process.pid);
  if (stat === null) throw new Error('/proc/self/stat cannot be read; the harness needs /proc (Linux)');
  return { pid: stat.pid, startTime: stat.startTime };
}
