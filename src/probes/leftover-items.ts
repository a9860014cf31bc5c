import type { Leftovers } from './probes.ts';

/** The probes whose leftovers a trial records, as results.json names them. */
export type LeftoverProbe = keyof Leftovers;

/** One thing a probe found left, named so that the same thing can be found again in a later snapshot. */
export interface LeftoverItem {
  readonly probe: LeftoverProbe;
  readonly item: string;
}

/**
 * How long one thing a stop left lived after the stop: `goneAfterMs` (from the kill request) when it went away by
 * itself while the harness watched (a survivor that exits a moment later, the files it removes on its way out), or
 * null when it was still there when the watch ended and the harness removed it (a daemon that would live forever).
 */
export interface LeftoverLifetime extends LeftoverItem {
  readonly goneAfterMs: number | null;
}

/** Every thing the leftovers name, one per process, descriptor, file, port, lock and lock folder; memory growth as one. */
export function listLeftoverItems(leftovers: Leftovers): LeftoverItem[] {
  const { fds, tempFiles, processes, memory, sockets, locks } = leftovers;
  const items = (probe: LeftoverProbe, names: readonly string[]) => names.map((item) => ({ probe, item }));
  return [
    ...items('fds', fds?.descriptors ?? []),
    ...items('tempFiles', [...(tempFiles?.paths ?? []), ...(tempFiles?.outside.map((file) => file.path) ?? [])]),
    ...items('processes', processes?.survivors.map((survivor) => `${survivor.command} (pid ${survivor.pid})`) ?? []),
    ...items('memory', memory !== null && memory.total > 0 ? ['memory growth'] : []),
    ...items('sockets', [
      ...(sockets?.ports.map((port) => `${port.address}:${port.port}`) ?? []),
      ...(sockets !== null && sockets.connections > 0 ? ['connections'] : []),
    ]),
    ...items('locks', [
      ...(locks?.osLocks.map((lock) => `${lock.type} ${lock.path ?? lock.file}`) ?? []),
      ...(locks?.lockDirectories.map((directory) => `${directory.path}/`) ?? []),
    ]),
  ];
}

/** Whether every thing the stop left went away by itself while it was watched: a lingering leftover, not a permanent one. */
export function allWentAway(lifetimes: readonly LeftoverLifetime[]): boolean {
  return lifetimes.length > 0 && lifetimes.every((lifetime) => lifetime.goneAfterMs !== null);
}
