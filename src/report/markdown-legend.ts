import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { PROPER_LOCKFILE_STALE_MS } from '../probes/lock-directories.ts';
import { MEMORY_GROWTH_THRESHOLD_BYTES } from '../probes/memory.ts';
import type { RunPlan } from '../record/run-record.ts';
import { GIVEN_TIME_CAP } from '../runtime/given-time.ts';
import { formatMebibytes, NOT_MEASURED, NOTHING_RECORDED } from './format-cell.ts';
import { formatRate } from './format-rate.ts';
import { NOTABLE_GAP_MS, NOTABLE_GAP_RATIO } from './format-stop.ts';
import { renderInlineCode } from './markdown-syntax.ts';

/** The "How to read the tables" section: what each column counts, so no number is read as more than it is. */
export function renderLegend(plan: RunPlan): string {
  return [
    '## How to read the tables',
    [
      ...describeOutcomes(plan),
      ...describeKillPoints(),
      ...describeProbeColumns(),
      ...describeOtherLeftovers(),
      ...describeStops(),
      ...describeRates(),
      ...describeMissingData(),
    ].join('\n'),
    ['Kill styles:', '', ...plan.kills.map((kill) => `- ${renderInlineCode(kill)}: ${killStyleOf(kill).description}.`)].join('\n'),
  ].join('\n\n');
}

function describeOutcomes(plan: RunPlan): string[] {
  return [
    "- **Outcome**: how many of the cell's trials ended each way, as `k/n`.",
    '  - `stopped`: the kill ended the work and nothing was left behind.',
    "  - `leaked`: the kill ended the work, but a probe found something left behind, the workload's data check found acknowledged records missing or torn, or the shared mutex was left held.",
    `  - **hung**: the work did not end within the stop timeout (${plan.stopTimeoutMs} ms of the time the machine gave it: waits for a CPU are left out, up to ${GIVEN_TIME_CAP} times that in wall time), which follows a stop sequence's waits, and its host was SIGKILLed.`,
    `  - **errored**: the trial could not run as planned: the workload failed or ended by itself before the kill, did not call \`ready()\` within the start timeout (${plan.startTimeoutMs} ms; the note says where its thread was waiting), or its host died or could not be reaped; a note under the table quotes the error.`,
    '  - `gone by itself within <time>` / `still there <time> after the stop`: whether what the leaked trials left went away by itself while a process of the trial still lived (watched for `--linger`), or stayed until the harness removed it.',
    '  - `n/a`: the kill style has no meaning in that runtime; the table "Where each kill style applies" gives the reason, and the rest of the row is empty. A kill style that applies to none of the runtimes has no rows.',
    '  - `ended by abort 2, force 1`: for an escalating stop, which step ended how many stopped trials (said only when the step is not the kill style itself).',
    '  - `leak rate k/n`: of the trials the kill ended (stopped or leaked), how many leaked, when there were several; hung and errored trials are not counted in it.',
  ];
}

function describeKillPoints(): string[] {
  return [
    '- **Kill point**: when the kill was applied after `ready()`, over the trials that reached the probes.',
    "  - `delay 3–47 ms`: after a delay drawn from the run's seed, the range over the cell's trials; `deadline … ms from start`: `timeout`, whose runtime deadline decides.",
    `  - ${renderInlineCode('in `holding-lock` after 3–47 ms: 3/3 landed')}: the kill was aimed at the workload's first entry into that critical section once a seeded wait after \`ready()\` had passed, and in 3 of 3 trials the workload's own section log shows it was still inside when it stopped: the evidence that the targeted kill landed.`,
    `  - ${renderInlineCode('inside `…` by chance: 1/3')}: a kill not aimed at a section still stopped the work inside one.`,
  ];
}

function describeProbeColumns(): string[] {
  return [
    '- **Fds left**, **Temp files left**, **Processes left**: `k/n` is the trials in which the probe found something out of the trials in which it could measure; `max` is the most one trial left.',
    '  - Fds: descriptors the host opened during the trial and did not close, plus every descriptor of a child still alive. The split by kind (file, socket, pipe, other) is that of the trial that left the most.',
    "  - Temp files: files and folders left in the trial's private directory, which is the TMPDIR of every process of the trial (the host's own environment included, so native code in a worker writes there too), and files born during the trial outside it that are still there and that a process of the trial held open (`held-open`), or whose Unix socket it served. The harness removes each after measuring it. New entries of the system temp directory, `/tmp` and `/dev/shm` that nothing ties to the trial are listed as `unattributed`, never counted (see Blind spots).",
    "  - Processes: living processes the trial started, other than its host, however they were found: in the host's cgroup, as descendants, by the trial's marker, or in a session or group a process of the trial leads (see Blind spots). `orphaned` counts those whose parent is no longer a process of the trial (re-parented to init or a subreaper): nothing the trial ran will wait for them or stop them. `without the marker` counts those a search by marker alone would have missed. Zombies (dead processes nobody reaped yet) are not living, so they are not counted, but they are named when a trial left any.",
    `- **Memory growth**: how much the host's resident memory (RSS) grew from before the trial to after the stop, the largest of the cell's trials (\`max\` when there were several). RSS is noisy, so growth is only flagged, in bold with the trials over it, beyond ${formatMebibytes(MEMORY_GROWTH_THRESHOLD_BYTES)}; \`held … at ready\` says how much the host held while the work ran, when that was beyond the threshold too. A thread's memory is the host's; a child's is its own and not counted here.`,
  ];
}

function describeOtherLeftovers(): string[] {
  return [
    '- **Other leftovers**: the rarer findings, listed only when there is something to say, with `(k/n)` trials when the cell had several; `none` when every probe measured and found nothing. Details are from the trial that left the most.',
    '  - Sockets: `port P still bound` (a process of the trial still listens on it), `not rebindable` (nothing of the trial listens, yet the harness could not listen on it again right after the stop), `N connections open` (TCP connections the trial opened and still holds).',
    `  - Locks: \`OS locks held\` (flock or fcntl locks placed during the trial and still held); \`lock dir … stale in S s\`: a proper-lockfile lock folder left behind, which blocks anyone who wants the file until it turns stale (${PROPER_LOCKFILE_STALE_MS / 1000} s after its holder last refreshed it), or \`already stale\`.`,
    "  - `mutex held`: after the stop, the host could not take the worker's shared mutex; anyone else who wants it waits forever. Only a thread shares memory with its host, so a process row never says this.",
    "  - `data`: for a workload that writes checked data, its verify() once every process of the trial was dead: acknowledged records `missing` or `torn`, summed over the cell's trials, `store corrupt` when the store as a whole failed its own check or could not be read, or `data intact`. A note quotes what verify() said.",
    `  - \`sockets ${NOT_MEASURED}\`, \`locks ${NOT_MEASURED}\`: see below; never read as nothing left.`,
  ];
}

function describeStops(): string[] {
  return [
    '- **Cleanup ran**: trials whose workload marked its cleanup as run, out of the trials that reached the probes (stopped, leaked, hung).',
    '- **Stop ms**: the median of `stopMs` over stopped and leaked trials, with the 95th percentile (`p95`) and the maximum in parentheses when there was more than one. Percentiles interpolate linearly between the two samples around them, so with few trials p95 lies just under the maximum.',
    "  `stopMs` runs from the kill request until the OS showed the work gone: the worker's OS thread left `/proc/<pid>/task`, or the child was reaped.",
    `  \`all released: …\` is the median of \`releasedMs\`, when the probes (retried for a short window after the stop) first found nothing left, shown when it came notably after \`stopMs\` (an upper bound: the first probe runs only once the harness hears of the stop, tens of ms later, or over 1 s later when tinypool never settled);`,
    `  \`tinypool: …\` or \`execa: …\` is the median of \`reportedMs\`, when the runtime's own promise settled, shown when it differs from \`stopMs\` by at least ${NOTABLE_GAP_MS} ms and ${NOTABLE_GAP_RATIO * 100}%;`,
    '  `never settled` counts the trials whose runtime promise never settled at all (tinypool after a worker calls `process.exit()`, for example).',
  ];
}

function describeRates(): string[] {
  return [
    `- **95% CI**: a share of several trials, \`k/n\`, comes with its rate and the 95% Wilson score interval, the range of true rates that fit what was seen. With few trials it is wide: nothing found in 3 trials reads \`${formatRate(0, 3)}\`, so a leak in over half of all stops is not ruled out.`,
  ];
}

function describeMissingData(): string[] {
  return [
    `- **${NOT_MEASURED}**: the probe could not read in any trial of the cell: /proc was unreadable, or, after \`host-death\`, the host whose descriptors, memory and sockets it reads was gone. It never stands for 0.`,
    `- **${NOTHING_RECORDED}**: no data: no trial of the cell reached the probes (errored), or, under Stop ms, no trial stopped.`,
  ];
}
