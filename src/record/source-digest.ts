import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's src/, two levels up from this file in both `src/report` and `dist/report`. */
const SOURCE_FOLDER = fileURLToPath(new URL('../../src/', import.meta.url));
/** The compiled code beside this file: all an installed package has, since it ships no src/. */
const COMPILED_FOLDER = fileURLToPath(new URL('../', import.meta.url));

/**
 * A SHA-256 over every file of src/ (paths and contents, in sorted order): it names the exact code a report was
 * produced by, so a test can tell a committed report from one left behind by a change to the code. An installed
 * package has no src/, so there the digest covers its compiled JavaScript and says so (`dist:sha256:…`).
 */
export function digestSource(folder = SOURCE_FOLDER): string {
  if (folder === SOURCE_FOLDER && !existsSync(SOURCE_FOLDER)) return `dist:${digestFolder(COMPILED_FOLDER, (file) => file.endsWith('.js'))}`;
  return digestFolder(folder, () => true);
}

function digestFolder(folder: string, include: (file: string) => boolean): string {
  const hash = createHash('sha256');
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => include(file) && statSync(`${folder}${file}`).isFile())
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(`${folder}${file}`))
      .update('\0');
  return `sha256:${hash.digest('hex')}`;
}
