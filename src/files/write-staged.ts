import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A hidden name beside the final file, on the same filesystem, so the rename that publishes it is atomic. */
export function nameStagedFile(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Flushed to disk before the rename, so a crash cannot leave an empty file under the final name. */
export function writeDurably(path: string, text: string): void {
  const descriptor = openSync(path, 'wx');
  try {
    writeFileSync(descriptor, text);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
