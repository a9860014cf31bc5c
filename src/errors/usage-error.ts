/** Bad input from the user: printed as one line, exit code 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Quotes the bad value and lists what is allowed, the shape every usage message takes. */
export function describeBadValue(what: string, value: string, allowed: string): string {
  return `${what} "${value}" is not allowed; ${allowed}`;
}
