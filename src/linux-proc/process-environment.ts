import { readProcFile } from './read-proc-file.ts';

/** The value of one variable of a process's environment as it was started, or null if unset, unreadable or a zombie's. */
export function readEnvironmentVariable(pid: number, name: string): string | null {
  const environment = readProcFile(`/proc/${pid}/environ`, 'latin1');
  return environment === null ? null : findVariable(environment, name);
}

/** A variable's value in a NUL-separated environment, found without splitting it: most processes carry few of ours. */
export function findVariable(environment: string, name: string): string | null {
  const entry = `\0${name}=`;
  // Every variable but the first follows a NUL; one more in front makes the first one no exception.
  const variables = `\0${environment}`;
  const at = variables.indexOf(entry);
  if (at === -1) return null;
  const end = variables.indexOf('\0', at + entry.length);
  return variables.slice(at + entry.length, end === -1 ? undefined : end);
}
