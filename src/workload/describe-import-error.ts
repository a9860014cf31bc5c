import type * as ChildProcessModule from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** How long `node --check` may take to locate a syntax error: it only parses the one file. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * What a module's import failed with, on one line, keeping where: a TypeScript module's compiler says
 * `file.ts:2:89: ERROR: Unexpected "}"` on the lines after its first; Node.js gives a JavaScript syntax error no
 * location at all, so `node --check` is asked for it. (An error the module threw is its own message, as thrown.)
 */
export function describeImportError(error: unknown, moduleUrl: string): string {
  if (!(error instanceof Error)) return String(error);
  const message = joinLines(error.message);
  const path = toPath(moduleUrl);
  if (path === null || error.name !== 'SyntaxError' || /:\d+:\d+/.test(message)) return message;
  const where = locateSyntaxError(path);
  return where === null ? message : `${message} (at ${where})`;
}

function joinLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

function toPath(moduleUrl: string): string | null {
  const url = new URL(moduleUrl);
  return url.protocol === 'file:' ? fileURLToPath(url) : null;
}

/** `file.js:2:8`, from `node --check`'s first line (`file.js:2`) and its caret under the source line. */
function locateSyntaxError(path: string): string | null {
  // Loaded here, on the way to an error: every worker runs this module's importer, and child_process costs each ~4 ms.
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof ChildProcessModule;
  const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: CHECK_TIMEOUT_MS });
  const [first = '', , caret = ''] = (checked.stderr ?? '').split('\n');
  const line = /:(\d+)$/.exec(first)?.[1];
  if (line === undefined || !first.startsWith(path)) return null;
  const column = caret.indexOf('^');
  return `${path}:${line}${column < 0 ? '' : `:${column + 1}`}`;
}
