import type { Leftovers } from '../probes/probes.ts';

/** At most this many things are named per probe in a regression; the report and results.json list them all. */
const NAMED = 5;

/**
 * What a probe found, by name, from the trial that left the most: descriptors, file paths (inside and outside the
 * trial directory), processes, ports and locks. A regression says what to look for, not only how many.
 */
export function nameLeftovers<Probe extends keyof Leftovers>(probe: Probe, found: Leftovers[Probe]): string {
  const names = namesOf({ [probe]: found } as Partial<Leftovers>);
  if (names.length === 0) return '';
  return `: ${names.slice(0, NAMED).join(', ')}${names.length > NAMED ? `, and ${names.length - NAMED} more` : ''}`;
}

function namesOf({ fds, tempFiles, processes, sockets, locks }: Partial<Leftovers>): string[] {
  return [
    ...(fds?.descriptors ?? []),
    ...(tempFiles?.paths ?? []),
    ...(tempFiles?.outside.map((file) => file.path) ?? []),
    ...(processes?.survivors.map((survivor) => `${survivor.command} (pid ${survivor.pid})`) ?? []),
    ...(sockets?.ports.filter((port) => port.heldBy.length > 0 || port.rebindable === false).map((port) => `port ${port.port}`) ?? []),
    ...(sockets !== undefined && sockets !== null && sockets.connections > 0 ? [`${sockets.connections} connection(s)`] : []),
    ...(locks?.osLocks.map((lock) => `${lock.type} lock on ${lock.path ?? lock.file}`) ?? []),
    ...(locks?.lockDirectories.map((folder) => `lock folder ${folder.path}`) ?? []),
  ];
}
