import { TEMP_PREFIX } from '../marker/marker.ts';
import type { StoppedTrial } from '../record/trial-result.ts';
import { countOf, formatGrowth } from '../report/format-cell.ts';

/** What one trial left of one kind: how many, and which. */
export interface LeftoverFound {
  readonly count: number;
  /** As results.json names them: paths (the trial directory shortened to `<trial>/`), commands, ports. */
  readonly names: readonly string[];
}

/** One kind of thing a stop can leave behind, as the first section names it: in a table cell and under a square of the grid. */
export interface LeftoverKind {
  /** Singular and plural, after the count: `1 process`, `3 temp files`; a kind that is not counted (the mutex) has one phrase. */
  readonly noun: readonly [singular: string, plural: string] | string;
  /** Names that are literal text (paths, commands), set as code; the others are words (`port 8080 still bound`). */
  readonly literalNames: boolean;
  /** The grid's word under a square, a few letters wide: `3 files`, `1 proc`, `lock`. */
  word(found: LeftoverFound): string;
  /** What the trial left of this kind; null when it left none of it, or nothing could tell (a probe that could not measure). */
  find(trial: StoppedTrial): LeftoverFound | null;
}

/** Where every trial's private directory (its TMPDIR) sits: `<tmp>/isolation-harness-<run>-<random>/<trial id>/work/`. */
const TRIAL_DIRECTORY = new RegExp(`^.*/${TEMP_PREFIX}[^/]*/[^/]+/work/`);
export const TRIAL_DIRECTORY_NAME = '<trial>/';

/** Every kind, in the order a cell names them: what blocks the next user most directly first, descriptors last (they often only restate a file). */
export const LEFTOVER_KINDS = {
  processes: {
    noun: ['process', 'processes'],
    literalNames: true,
    word: ({ count }) => `${count} proc`,
    find: ({ leftovers: { processes } }) => found(processes?.survivors.length ?? 0, processes?.survivors.map((survivor) => survivor.command) ?? []),
  },
  tempFiles: {
    noun: ['temp file', 'temp files'],
    literalNames: true,
    word: ({ count }) => `${count} ${count === 1 ? 'file' : 'files'}`,
    find: ({ leftovers: { tempFiles } }) =>
      tempFiles === null
        ? null
        : found(tempFiles.total, [...tempFiles.paths.map(inTrialDirectory), ...tempFiles.outside.map((file) => shortenPath(file.path))]),
  },
  locks: {
    noun: ['lock', 'locks'],
    literalNames: true,
    word: ({ count }) => (count === 1 ? 'lock' : `${count} locks`),
    find: ({ leftovers: { locks } }) =>
      locks === null
        ? null
        : found(locks.total, [
            ...locks.osLocks.map((lock) => (lock.path === null ? `inode ${lock.file}` : nameLockedPath(lock.path))),
            ...locks.lockDirectories.map((folder) => inTrialDirectory(folder.path)),
          ]),
  },
  mutex: {
    noun: 'shared-memory mutex held',
    literalNames: false,
    word: () => 'mutex',
    find: ({ sharedMutex }) => found(sharedMutex === 'held' ? 1 : 0, []),
  },
  sockets: {
    noun: ['socket', 'sockets'],
    literalNames: false,
    word: ({ names }) => (names.some((name) => name.startsWith('port')) ? 'port' : 'conn'),
    find: ({ leftovers: { sockets } }) => {
      if (sockets === null) return null;
      const ports = sockets.ports.flatMap(({ port, heldBy, rebindable }) =>
        heldBy.length > 0 ? [`port ${port} still bound`] : rebindable === false ? [`port ${port} not rebindable`] : [],
      );
      return found(sockets.total, [...ports, ...(sockets.connections > 0 ? [countOf(sockets.connections, 'open connection')] : [])]);
    },
  },
  data: {
    noun: 'acknowledged data broken',
    literalNames: false,
    word: () => 'data',
    find: ({ integrity }) => {
      if (integrity === null) return null;
      const { missing, torn, corrupt } = integrity;
      const names = [missing > 0 ? `${missing} missing` : null, torn > 0 ? `${torn} torn` : null, corrupt === true ? 'store corrupt' : null];
      return found(
        missing + torn + (corrupt === true ? 1 : 0),
        names.filter((name) => name !== null),
      );
    },
  },
  memory: {
    noun: 'host memory grown past the threshold',
    literalNames: false,
    word: () => 'mem',
    find: ({ leftovers: { memory } }) => (memory === null ? null : found(memory.total, [formatGrowth(memory.grownBytes)])),
  },
  fds: {
    noun: ['open fd', 'open fds'],
    literalNames: true,
    word: ({ count }) => `${count} ${count === 1 ? 'fd' : 'fds'}`,
    // Only files are named: a pipe's or socket's inode number says nothing to a reader.
    find: ({ leftovers: { fds } }) => (fds === null ? null : found(fds.total, fds.descriptors.flatMap(nameDescribedFile))),
  },
} as const satisfies Record<string, LeftoverKind>;

export type LeftoverKindName = keyof typeof LEFTOVER_KINDS;
export const LEFTOVER_KIND_NAMES = Object.keys(LEFTOVER_KINDS) as LeftoverKindName[];

/** A path with the trial directory's long random prefix replaced by `<trial>/`; other paths unchanged. */
export function shortenPath(path: string): string {
  return path.replace(TRIAL_DIRECTORY, TRIAL_DIRECTORY_NAME);
}

function found(count: number, names: readonly string[]): LeftoverFound | null {
  return count > 0 ? { count, names: [...new Set(names)] } : null;
}

/** The probes record files of the trial directory relative to it. */
function inTrialDirectory(path: string): string {
  return `${TRIAL_DIRECTORY_NAME}${path}`;
}

/** A locked file is relative to the work directory when it is in it, absolute outside it. */
function nameLockedPath(path: string): string {
  return path.startsWith('/') ? shortenPath(path) : inTrialDirectory(path);
}

/** `host 23 -> /tmp/…/work/x.fifo` names a file; `host 19 -> pipe:[1234]` does not. */
function nameDescribedFile(descriptor: string): string[] {
  const target = descriptor.slice(descriptor.indexOf(' -> ') + ' -> '.length);
  return target.startsWith('/') ? [shortenPath(target)] : [];
}
