/** What the user can act on when a common write failure occurs; anything else is quoted from the OS. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied (not writable)',
  EPERM: 'permission denied (not writable)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'the path exists and is not a directory',
};

/** The reports could not be written; names the directory and why, and keeps the OS error as its cause. */
export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
  readonly directory: string;

  constructor(directory: string, cause: unknown) {
    super(`cannot write the reports to "${directory}": ${describeReason(cause)}; allowed: a directory the harness can create and write`, {
      cause,
    });
    this.directory = directory;
  }
}

function describeReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return (code !== undefined ? REASONS[code] : undefined) ?? cause.message;
}
