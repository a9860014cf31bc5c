import type { BlindSpots, ContainmentTally, Unattributed } from '../analysis/blind-spots.ts';
import type { RunRecord } from '../record/run-record.ts';
import { countOf } from '../text/count-of.ts';
import { renderInlineCode } from './markdown-syntax.ts';

/** At most this many unattributed paths are named; results.json lists them all. */
const NAMED_PATHS = 5;

/**
 * The "Blind spots" section: what the probes cannot see by design on the machine of this run, and what this run
 * found but could not attribute. A case listed here is never counted as 0 elsewhere: it is not counted at all.
 */
export function renderBlindSpots(record: RunRecord, { unattributed, containment }: BlindSpots): string {
  const items = [
    describeProcesses(containment, record.environment.processDiscovery.watchIntervalMs),
    '**Files:** a file created and closed at a fixed path outside the trial directory, which no process of the trial held open at a snapshot, at the kill or at the end. At the top level of the system temp directory, `/tmp` and `/dev/shm` it is listed as `unattributed` (below), counted nowhere and left in place: its birth while the trial ran is no evidence, since any program may write there; anywhere else (a home directory, inside a folder that existed before the trial) it is not seen at all. Files that existed before the trial are never leftovers, whatever the trial did to them.',
    describeUnattributed(unattributed),
    '**Locks:** an OS lock on a file outside the trial directory that no process of the trial was seen holding, placed by a process of the trial that has since exited and whose pid was reused.',
    ...(record.plan.engines?.some((engine) => engine.name === 'deno')
      ? [
          "**Deno's own locks:** every Deno process read-locks the SQLite files of its caches (compiled code, module analysis) as it loads modules; those files are in a folder of the harness's cache (`DENO_DIR`), and their locks are the engine's, never counted, whichever process of a trial holds them.",
          "**Deno's own descriptors:** a Deno host keeps event descriptors of its worker machinery (eventfds and epoll instances) open after a worker ended, whatever ended it; new ones are listed as `engineOwn` under `fds` in results.json and counted nowhere, so a thread's own epoll or eventfd left open on Deno is not seen either.",
        ]
      : []),
  ];
  return ['## Blind spots', 'What the probes of this run could not see, by design, on this machine:', items.map((item) => `- ${item}`).join('\n')].join('\n\n');
}

/** With a subreaper in every host, only what never descended from the trial; without, a detached daemon too. */
function describeProcesses({ trials, subreaper, neither }: ContainmentTally, watchIntervalMs: number): string {
  const reparented =
    "Each host was its trials' child subreaper, so an orphan (a double-forked, `setsid`, environment-less daemon included) was re-parented to the host, not to init, and found there: it sees the host's pid as its parent where it would see 1, so a descendant that waits for its parent to become 1 does not see that happen during the trial.";
  const outside =
    "a process started on the trial's behalf by a process outside it (a service manager over D-Bus, `at`, a server already running): it never descends from the trial.";
  if (trials === 0) return `**Processes:** ${outside} Which containment the hosts had was not measured: no trial recorded it.`;
  if (subreaper === trials) return `**Processes:** ${outside} ${reparented}`;
  if (neither === 0)
    return `**Processes:** ${outside} Every host had a cgroup of its own or was its trials' child subreaper (the latter in ${countOf(subreaper, 'trial')} of ${trials}), so an orphan stayed in the host's cgroup or was re-parented to the host, and was found there.`;
  const escapes = `a process that, within ${watchIntervalMs} ms of being started, is re-parented (its parent exits), leaves the host's session and groups (setsid) and carries no marker (a cleared environment) is neither counted nor reaped: a double-forked daemon such as \`setsid -f\` started with an empty environment.`;
  return `**Processes:** in ${countOf(neither, 'trial')} of ${trials} the host had neither a cgroup nor a subreaper, so ${escapes} In every trial: ${outside}`;
}

/** New entries of the shared temp locations that no trial held: seen in this run, but nobody's on evidence. */
function describeUnattributed({ trials, paths, count }: Unattributed): string {
  const rule =
    "**Unattributed files:** new entries of those locations, born while a trial's work ran, that no process of the trial held: another program's, or ones the trial created and closed; listed as `unattributed` in results.json, never counted.";
  if (trials === 0) return `${rule} This run had none.`;
  const named = paths.slice(0, NAMED_PATHS).map(renderInlineCode).join(', ');
  return `${rule} This run had ${count} in ${countOf(trials, 'trial')}: ${named}${paths.length > NAMED_PATHS ? ', …' : ''}.`;
}
