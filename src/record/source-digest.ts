import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's src/, two levels up from this file in both `src/report` and `dist/report`. */
const SOURCE_FOLDER = fileURLToPath(new URL('../../src/', import.meta.url));
/** The compiled code beside this file: all an installed package has, since it ships no src/. */
const COMPILED_FOLDER = fileURLToPath(new URL('../', import.meta.url));
/** The Python host, its package and its built-in workloads, which run the py- runtimes' trials. */
const PYTHON_FOLDER = fileURLToPath(new URL('../../python/', import.meta.url));

/** One folder's part of a digest: which of its files count, and the prefix their paths are hashed under. */
interface DigestPart {
  readonly folder: string;
  readonly prefix: string;
  include(file: string): boolean;
}

/** The Python host's code: not its tests, its venv or its bytecode. */
const PYTHON_CODE: DigestPart = {
  folder: PYTHON_FOLDER,
  prefix: 'python/',
  include: (file) => (file.endsWith('.py') || file === 'requirements.txt') && !/^(tests|\.venv)\/|__pycache__/.test(file),
};

/**
 * A SHA-256 over every file of src/ and the Python host's code (paths and contents, in sorted order): it names the
 * exact code a report was produced by, so a test can tell a committed report from one left behind by a change to the
 * code. An installed package has no src/, so there the digest covers its compiled JavaScript and says so (`dist:sha256:…`).
 * Given another folder, the digest covers that folder alone.
 */
export function digestSource(folder = SOURCE_FOLDER): string {
  if (folder !== SOURCE_FOLDER) return digestParts([{ folder, prefix: '', include: () => true }]);
  if (!existsSync(SOURCE_FOLDER)) return `dist:${digestParts([{ folder: COMPILED_FOLDER, prefix: '', include: (file) => file.endsWith('.js') }, PYTHON_CODE])}`;
  return digestParts([{ folder: SOURCE_FOLDER, prefix: '', include: () => true }, PYTHON_CODE]);
}

function digestParts(parts: readonly DigestPart[]): string {
  const hash = createHash('sha256');
  for (const { folder, prefix, include } of parts) {
    if (!existsSync(folder)) continue;
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => include(file) && statSync(`${folder}${file}`).isFile())
      .sort();
    for (const file of files)
      hash
        .update(`${prefix}${file}\0`)
        .update(readFileSync(`${folder}${file}`))
        .update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}
