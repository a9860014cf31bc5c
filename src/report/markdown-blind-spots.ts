import type { Unattributed } from '../analysis/blind-spots.ts';
import type { RunRecord } from '../record/run-record.ts';
import { countOf } from './format-cell.ts';
import { renderInlineCode } from './markdown-syntax.ts';

/** At most this many unattributed paths are named; results.json lists them all. */
const NAMED_PATHS = 5;

/**
 * The "Blind spots" section: what the probes cannot see by design on the machine of this run, and what this run
 * found but could not attribute. A case listed here is never counted as 0 elsewhere: it is not counted at all.
 */
export function renderBlindSpots(record: RunRecord, unattributed: Unattributed): string {
  const { processDiscovery } = record.environment;
  const items = [
    processDiscovery.cgroup
      ? "**Processes:** a process that moves itself out of its host's cgroup (which takes the right to write another cgroup) and, before any scan sees it, also drops the marker, leaves the host's session and groups and is re-parented."
      : `**Processes:** no cgroup could be had here, so a process that, within ${processDiscovery.watchIntervalMs} ms of being started, is re-parented (its parent exits), leaves the host's session and groups (setsid) and carries no marker (a cleared environment) is neither counted nor reaped: a double-forked daemon such as \`setsid -f\` started with an empty environment.`,
    '**Files:** a file outside the trial directory that no process of the trial held open at a snapshot or at the kill, anywhere but the top level of the system temp directory, `/tmp` and `/dev/shm` (inside a folder that existed before the trial, or in a home directory). A folder those locations gained that no process of the trial held: programs make folders there all the time, so a folder is never tied to a trial by its birth alone (it is listed as `unattributed`). Files that existed before the trial are never leftovers, whatever the trial did to them.',
    describeUnattributed(record, unattributed),
    "**Files, the other way:** a file another program creates at the top level of those locations while a trial runs alone is counted as that trial's (`born-alone`).",
    '**Locks:** an OS lock on a file outside the trial directory that no process of the trial was seen holding, placed by a process of the trial that has since exited and whose pid was reused.',
  ];
  return ['## Blind spots', 'What the probes of this run could not see, by design, on this machine:', items.map((item) => `- ${item}`).join('\n')].join('\n\n');
}

/** New entries of the shared temp locations born while other trials ran: seen in this run, but nobody's. */
function describeUnattributed(record: RunRecord, { trials, paths }: Unattributed): string {
  const rule =
    "**Files in shared temp locations:** a new file at the top level of those locations that no process of the trial held, born while another trial of the run was running, cannot be told from that trial's; it is listed as `unattributed` in results.json, counted nowhere and left in place.";
  if (trials === 0) return `${rule} This run had none${record.plan.concurrency === 1 ? ' (it ran one trial at a time)' : ''}.`;
  const named = paths.slice(0, NAMED_PATHS).map(renderInlineCode).join(', ');
  return `${rule} This run had ${paths.length} unattributed ${paths.length === 1 ? 'entry' : 'entries'} in ${countOf(trials, 'trial')}: ${named}${paths.length > NAMED_PATHS ? ', …' : ''}.`;
}
