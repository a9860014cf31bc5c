import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { MARKER_VARIABLE, TEMP_PREFIX } from '../src/marker/marker.ts';
import { removeDirectory } from '../src/trial/trial-directory.ts';

const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));

export type MatrixTiming =
  { readonly state: 'ran'; readonly wallMs: number; readonly results: number } | { readonly state: 'failed'; readonly wallMs: number; readonly error: string };

/**
 * Runs what `npm run harness` runs, every default kept, into a temp folder that is removed afterwards. The CLI
 * carries the bench's marker, so a CLI the bench failed to stop can be found; its hosts carry their own trial's.
 */
export async function timeDefaultMatrix(marker: string): Promise<MatrixTiming> {
  const out = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}bench-`));
  const startedAt = performance.now();
  try {
    const run = await execa(process.execPath, [bin, '--out', out], { env: { [MARKER_VARIABLE]: marker }, reject: false, stdin: 'ignore' });
    const wallMs = performance.now() - startedAt;
    if (run.exitCode !== 0) return { state: 'failed', wallMs, error: `exit ${run.exitCode ?? run.signal}: ${run.stderr.trim().split('\n').pop() ?? ''}` };
    return { state: 'ran', wallMs, results: countResults(join(out, 'results.json')) };
  } finally {
    removeDirectory(out);
  }
}

function countResults(path: string): number {
  const record = JSON.parse(readFileSync(path, 'utf8')) as { results?: unknown[] };
  return record.results?.length ?? 0;
}
