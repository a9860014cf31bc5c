import type { LockLeftovers } from '../probes/locks.ts';
import type { SocketLeftovers } from '../probes/sockets.ts';
import { countOf } from '../text/count-of.ts';
import { formatSeconds } from './format-cell.ts';
import { describeRate } from './format-rate.ts';
import { renderInlineCode } from './markdown-syntax.ts';
import type { CellSummary, ProbeTally } from '../analysis/summarize-cell.ts';
import type { IntegritySummary, MutexSummary } from '../analysis/summarize-checks.ts';

/** Shown when every other probe and check measured and found nothing. */
const NOTHING_LEFT = 'none';

/**
 * Sockets, locks, the shared mutex and the workload's data rarely have anything to say, so they share one column
 * that lists only what is there: something left behind, a probe that could not measure, or what the data check found.
 */
export function formatOtherLeftovers(cell: CellSummary): string {
  const items = [
    ...describeSockets(cell.leftovers.sockets),
    ...describeLocks(cell.leftovers.locks),
    ...describeMutex(cell.sharedMutex),
    ...describeIntegrity(cell.integrity),
  ];
  return items.length === 0 ? NOTHING_LEFT : items.join('; ');
}

/** Ports a process of the trial still listens on, ports nobody can listen on again, connections still open. */
function describeSockets(tally: ProbeTally<SocketLeftovers> | null): string[] {
  if (tally === null) return ['sockets not measured'];
  if (tally.withLeftovers === 0) return [];
  const { ports, connections } = tally.worst;
  const bound = ports.filter((port) => port.heldBy.length > 0);
  const blocked = ports.filter((port) => port.heldBy.length === 0 && port.rebindable === false);
  const found = [
    bound.length > 0 ? `${listPorts(bound)} still bound` : null,
    blocked.length > 0 ? `${listPorts(blocked)} not rebindable` : null,
    connections > 0 ? `${countOf(connections, 'connection')} open` : null,
  ].filter((item) => item !== null);
  return [found.join(', ') + formatShare(tally.withLeftovers, tally.measured)];
}

/** OS locks still held, and lock folders with how long they keep blocking (proper-lockfile takes them over once stale). */
function describeLocks(tally: ProbeTally<LockLeftovers> | null): string[] {
  if (tally === null) return ['locks not measured'];
  if (tally.withLeftovers === 0) return [];
  const { osLocks, lockDirectories } = tally.worst;
  const found = [
    ...(osLocks.length > 0 ? [`${countOf(osLocks.length, 'OS lock')} held`] : []),
    ...lockDirectories.map(
      (folder) => `lock dir ${renderInlineCode(folder.path)} ${folder.stale ? 'already stale' : `stale in ${formatSeconds(folder.msUntilStale)}`}`,
    ),
  ];
  return [found.join(', ') + formatShare(tally.withLeftovers, tally.measured)];
}

function describeMutex(mutex: MutexSummary | null): string[] {
  return mutex === null || mutex.held === 0 ? [] : [`mutex held${formatShare(mutex.held, mutex.measured)}`];
}

/** Intact data is said too: for a workload that writes data, that is the finding. Sums run over the cell's trials. */
function describeIntegrity(integrity: IntegritySummary | null): string[] {
  if (integrity === null) return [];
  const { acknowledged, missing, torn, corrupt } = integrity;
  if (integrity.broken === 0) return [`data intact (${acknowledged} acknowledged)`];
  const found = [
    corrupt > 0 ? `store corrupt${formatShare(corrupt, integrity.checked)}` : null,
    missing > 0 ? `${missing} missing` : null,
    torn > 0 ? `${torn} torn` : null,
  ].filter((item) => item !== null);
  const lost = missing > 0 || torn > 0 ? ` of ${acknowledged} acknowledged${formatShare(integrity.broken, integrity.checked)}` : '';
  return [`data: ${found.join(', ')}${lost}`];
}

/** `(k/n, r%, 95% CI a–b%)` trials, said only when the cell had more than one trial to count. */
function formatShare(found: number, measured: number): string {
  const rate = describeRate(found, measured);
  return rate === null ? '' : ` (${found}/${measured}, ${rate})`;
}

function listPorts(ports: readonly { port: number }[]): string {
  return `${ports.length === 1 ? 'port' : 'ports'} ${ports.map(({ port }) => port).join(', ')}`;
}
