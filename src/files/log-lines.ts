import { readFileSync, statSync } from 'node:fs';

/**
 * The lines of one of the workload's append-only logs (cleanup steps, acknowledged records, sections), in order;
 * none if it never wrote. `upToBytes` reads the log as it stood when it was that long.
 */
export function readLogLines(path: string, upToBytes?: number): string[] {
  try {
    const bytes = readFileSync(path);
    return bytes
      .subarray(0, upToBytes ?? bytes.length)
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** How long a log is now, in bytes; 0 when the workload has not written it yet. */
export function measureLogBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
