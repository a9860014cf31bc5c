/** A baseline file that cannot be read, trusted or written: one line naming the file and what is wrong, exit code 2. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** The one shape every baseline message takes: the flag, the file, the problem, and what is allowed. */
export function describeBadBaseline(flag: string, path: string, problem: string): string {
  return `${flag} file "${path}" ${problem}; allowed: a JSON file written by --update-baseline`;
}
