import { TEMP_PREFIX } from '../marker/marker.ts';
import type { Leftovers } from '../probes/probes.ts';
import type { StoppedTrial } from '../record/trial-result.ts';

// The one place that names what a stop left behind: the report's cells, its grid, its tables and the baseline's
// regressions all read these kinds.

/** What one trial left of one kind: how many, and which. */
export interface LeftoverFound {
  readonly count: number;
  /** As results.json names them: paths (the trial directory shortened to `<trial>/`), commands, ports. */
  readonly names: readonly string[];
}

/** One kind of thing a stop can leave behind. */
export interface LeftoverKind {
  /** Short, for a table cell: `temp files 3/12`. */
  readonly label: string;
  /** Singular and plural, after the count: `1 process`, `3 temp files`; a kind that is not counted (the mutex) has one phrase. */
  readonly noun: readonly [singular: string, plural: string] | string;
  /** Names that are literal text (paths, commands), set as code; the others are words (`port 8080 still bound`). */
  readonly literalNames: boolean;
  /** The grid's word under a square, a few letters wide: `3 files`, `1 proc`, `lock`. */
  word(found: LeftoverFound): string;
  /** What the trial left of this kind (count 0 for nothing); null when nothing could tell (a probe that could not measure). */
  find(trial: StoppedTrial): LeftoverFound | null;
}

/** Where every trial's private directory (its TMPDIR) sits: `<tmp>/isolation-harness-<run>-<random>/<trial id>/work/`. */
const TRIAL_DIRECTORY = new RegExp(`^.*/${TEMP_PREFIX}[^/]*/[^/]+/work/`);
export const TRIAL_DIRECTORY_NAME = '<trial>/';

/** What each probe found, by name: the kinds below and the baseline's regressions read these. */
export const NAME_PROBES: { readonly [Probe in keyof Leftovers]: (found: NonNullable<Leftovers[Probe]>) => string[] } = {
  processes: (processes) => processes.survivors.map((survivor) => survivor.command),
  tempFiles: (tempFiles) => [...tempFiles.paths.map(inTrialDirectory), ...tempFiles.outside.map((file) => shortenPath(file.path))],
  locks: (locks) => [
    ...locks.osLocks.map((lock) => (lock.path === null ? `inode ${lock.file}` : nameLockedPath(lock.path))),
    ...locks.lockDirectories.map((folder) => inTrialDirectory(folder.path)),
  ],
  sockets: (sockets) => [
    ...sockets.ports.flatMap(({ port, heldBy, rebindable }) =>
      heldBy.length > 0 ? [`port ${port} still bound`] : rebindable === false ? [`port ${port} not rebindable`] : [],
    ),
    ...(sockets.connections > 0 ? [`${sockets.connections} open connection${sockets.connections === 1 ? '' : 's'}`] : []),
  ],
  memory: (memory) => [`${memory.grownBytes >= 0 ? '+' : ''}${(memory.grownBytes / 1024 ** 2).toFixed(1)} MiB`],
  // Only files are named: a pipe's or socket's inode number says nothing to a reader.
  fds: (fds) => fds.descriptors.flatMap(nameDescribedFile),
};

/** A probe's kind: its total and its names, or null where it could not measure. */
function fromProbe<Probe extends keyof Leftovers>(probe: Probe) {
  return ({ leftovers }: StoppedTrial): LeftoverFound | null => {
    const found = leftovers[probe];
    return found === null ? null : named(found.total, NAME_PROBES[probe](found as NonNullable<Leftovers[Probe]>));
  };
}

/** Every kind, in the order a cell names them: what blocks the next user most directly first, descriptors last (they often only restate a file). */
export const LEFTOVER_KINDS = {
  processes: { label: 'processes', noun: ['process', 'processes'], literalNames: true, word: ({ count }) => `${count} proc`, find: fromProbe('processes') },
  tempFiles: {
    label: 'temp files',
    noun: ['temp file', 'temp files'],
    literalNames: true,
    word: ({ count }) => `${count} ${count === 1 ? 'file' : 'files'}`,
    find: fromProbe('tempFiles'),
  },
  locks: {
    label: 'locks',
    noun: ['lock', 'locks'],
    literalNames: true,
    word: ({ count }) => (count === 1 ? 'lock' : `${count} locks`),
    find: fromProbe('locks'),
  },
  mutex: {
    label: 'mutex held',
    noun: 'shared-memory mutex held',
    literalNames: false,
    word: () => 'mutex',
    find: ({ sharedMutex }) => (sharedMutex === null ? null : named(sharedMutex === 'held' ? 1 : 0, [])),
  },
  sockets: {
    label: 'sockets',
    noun: ['socket', 'sockets'],
    literalNames: false,
    word: ({ names }) => (names.some((name) => name.startsWith('port')) ? 'port' : 'conn'),
    find: fromProbe('sockets'),
  },
  data: {
    label: 'data broken',
    noun: 'acknowledged data broken',
    literalNames: false,
    word: () => 'data',
    find: ({ integrity }) => {
      if (integrity === null) return null;
      const { missing, torn, corrupt } = integrity;
      const names = [missing > 0 ? `${missing} missing` : null, torn > 0 ? `${torn} torn` : null, corrupt === true ? 'store corrupt' : null];
      return named(
        missing + torn + (corrupt === true ? 1 : 0),
        names.filter((name) => name !== null),
      );
    },
  },
  memory: { label: 'memory past threshold', noun: 'host memory grown past the threshold', literalNames: false, word: () => 'mem', find: fromProbe('memory') },
  fds: {
    label: 'fds',
    noun: ['open fd', 'open fds'],
    literalNames: true,
    word: ({ count }) => `${count} ${count === 1 ? 'fd' : 'fds'}`,
    find: fromProbe('fds'),
  },
} as const satisfies Record<string, LeftoverKind>;

export type LeftoverKindName = keyof typeof LEFTOVER_KINDS;
export const LEFTOVER_KIND_NAMES = Object.keys(LEFTOVER_KINDS) as LeftoverKindName[];

/** One kind over the ended trials of a cell. */
export interface LeftoverTally {
  readonly kind: LeftoverKindName;
  /** Ended trials that left something of this kind. */
  readonly trials: number;
  /** Ended trials in which it could be measured. */
  readonly measured: number;
  /** The most one trial left of it, and what that was (the first on ties), so its names match its count; null when none left any. */
  readonly most: LeftoverFound | null;
}

/** Every kind some ended trial could measure, in the kinds' order; a kind no trial could measure is absent, never 0. */
export function tallyLeftoverKinds(ended: readonly StoppedTrial[]): LeftoverTally[] {
  return LEFTOVER_KIND_NAMES.flatMap((kind) => {
    const found = ended.flatMap((trial) => {
      const left = LEFTOVER_KINDS[kind].find(trial);
      return left === null ? [] : [left];
    });
    if (found.length === 0) return [];
    const left = found.filter((entry) => entry.count > 0);
    const most = left.reduce<LeftoverFound | null>((worst, entry) => (worst === null || entry.count > worst.count ? entry : worst), null);
    return [{ kind, trials: left.length, measured: found.length, most }];
  });
}

/** A path with the trial directory's long random prefix replaced by `<trial>/`; other paths unchanged. */
export function shortenPath(path: string): string {
  return path.replace(TRIAL_DIRECTORY, TRIAL_DIRECTORY_NAME);
}

function named(count: number, names: readonly string[]): LeftoverFound {
  return { count, names: count > 0 ? [...new Set(names)] : [] };
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
