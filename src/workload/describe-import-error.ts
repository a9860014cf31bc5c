import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How long `node --check` may take to locate a syntax error: it only parses the one file. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * What a module's import failed with, on one line, keeping where: a TypeScript module's compiler says
 * `file.ts:2:89: ERROR: Unexpected "}"` on the lines after its first; Node.js gives a JavaScript syntax error no
 * location at all, so `node --check` is asked for it; an error the module threw says the frame in the module.
 */
export function describeImportError(error: unknown, moduleUrl: string): string {
  if (!(error instanceof Error)) return String(error);
  const message = joinLines(error.message);
  const path = toPath(moduleUrl);
  if (path === null || /:\d+:\d+/.test(message)) return message;
  const where = error.name === 'SyntaxError' ? locateSyntaxError(path) : findFrameIn(error.stack ?? '', path);
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
  const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8', timeout: CHECK_TIMEOUT_MS });
  const [first = '', , caret = ''] = (checked.stderr ?? '').split('\n');
  const line = /:(\d+)$/.exec(first)?.[1];
  if (line === undefined || !first.startsWith(path)) return null;
  const column = caret.indexOf('^');
  return `${path}:${line}${column < 0 ? '' : `:${column + 1}`}`;
}

/** The first stack frame inside the module: where it threw. */
function findFrameIn(stack: string, path: string): string | null {
  for (const line of stack.split('\n')) {
    const frame = /((?:file:\/\/)?\/[^\s()]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (frame?.[1] !== undefined && toPathOrSelf(frame[1]) === path) return `${path}:${frame[2]}:${frame[3]}`;
  }
  return null;
}

function toPathOrSelf(location: string): string {
  return location.startsWith('file://') ? fileURLToPath(location) : location;
}
