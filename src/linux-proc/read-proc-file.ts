import { readFileSync } from 'node:fs';

/**
 * A file under /proc, or null when it cannot be read: a process may exit between being listed and being read, and
 * a zombie's environment is gone. latin1 decodes every byte as it is, without validating, which an environment needs.
 */
export function readProcFile(path: string, encoding: 'utf8' | 'latin1' = 'utf8'): string | null {
  try {
    return readFileSync(path, encoding);
  } catch {
    return null;
  }
}
