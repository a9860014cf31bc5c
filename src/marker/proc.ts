import { readdirSync, readFileSync } from 'node:fs';

/** One line of /proc/<pid>/stat, reduced to what the probes need. */
export interface ProcessStatus {
  readonly pid: number;
  readonly command: string;
  /** Kernel state letter: R running, S sleeping, Z zombie (dead, not yet reaped), … */
  readonly state: string;
  readonly parentPid: number;
}

export function listPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** Reads a process's status, or null when it is gone (it may exit between listing and reading). */
export function readProcessStatus(pid: number): ProcessStatus | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command sits in parentheses and may itself contain spaces or parentheses.
  const commandEnd = stat.lastIndexOf(')');
  const [state = '?', parentPid = '0'] = stat.slice(commandEnd + 2).split(' ');
  return { pid, command: stat.slice(stat.indexOf('(') + 1, commandEnd), state, parentPid: Number(parentPid) };
}

/** The value of one environment variable of a process, or null if unset, unreadable or the process is a zombie. */
export function readEnvironmentVariable(pid: number, name: string): string | null {
  const environment = readOrNull(`/proc/${pid}/environ`);
  const prefix = `${name}=`;
  const entry = environment?.split('\0').find((variable) => variable.startsWith(prefix));
  return entry === undefined ? null : entry.slice(prefix.length);
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
