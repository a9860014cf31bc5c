import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The path of the compiled JavaScript for a file the harness starts in a new thread or process. Those start
 * without a TypeScript loader, so that nothing but the workload runs in them; when the caller itself runs from
 * src/ (under vitest), the file is taken from dist/, which `npm run build` writes.
 */
export function compiledEntry(relativePath: string, callerUrl: string): string {
  const path = fileURLToPath(new URL(relativePath.replace(/\.ts$/, '.js'), callerUrl));
  if (!callerUrl.endsWith('.ts')) return path;
  return join(sourceRoot, '..', 'dist', relative(sourceRoot, path));
}
