import { KILL_STYLES } from '../kill-styles/kill-styles.ts';
import type { RunPlan } from '../run/run-record.ts';
import { NOTHING_RECORDED } from './format-cell.ts';
import { renderInlineCode } from './markdown-syntax.ts';

/** The "How to read the tables" section: what each column counts, so no number is read as more than it is. */
export function renderLegend(plan: RunPlan): string {
  return [
    '## How to read the tables',
    [...describeOutcomes(plan), ...describeColumns()].join('\n'),
    ['Kill styles:', '', ...plan.kills.map((kill) => `- ${renderInlineCode(kill)}: ${KILL_STYLES[kill].description}.`)].join('\n'),
  ].join('\n\n');
}

function describeOutcomes(plan: RunPlan): string[] {
  return [
    "- **Outcome**: how many of the cell's trials ended each way, as `k/n`.",
    '  - `stopped`: the kill ended the work and no probe found anything left behind.',
    '  - `leaked`: the kill ended the work, but at least one probe found something left behind.',
    `  - **hung**: the work did not end within the stop timeout (${plan.stopTimeoutMs} ms), or did not become ready within the start timeout (${plan.startTimeoutMs} ms), and its host was SIGKILLed; the phase says which.`,
    '  - **errored**: the trial could not run as planned (the workload failed before it was ready, or its host died); a note under the table quotes the error.',
    '  - `not applicable`: the kill style has no meaning in that runtime; a note under the table gives the reason.',
  ];
}

function describeColumns(): string[] {
  return [
    '- **Fds left**, **Temp files left**, **Processes left**: `k/n` is the trials in which the probe found something out of the trials in which it could measure; `max` is the most one trial left.',
    '  - Fds: descriptors the host opened during the trial and did not close, plus every descriptor of a child still alive. The split by kind (file, socket, pipe, other) is that of the trial that left the most.',
    "  - Temp files: files and folders left in the trial's private directory, which is also the workload's TMPDIR.",
    '  - Processes: living processes the trial started, other than its host. Zombies (dead children nobody reaped) are not living, so they are not counted, but they are named when a trial left any.',
    '- **not measured**: the probe could not read in any trial of the cell (for example, /proc was unreadable). It never stands for 0.',
    `- **${NOTHING_RECORDED}**: no data: no trial of the cell reached the probes (not applicable or errored), or, under Stop ms, no trial stopped.`,
    '- **Cleanup ran**: trials whose workload marked its cleanup as run, out of the trials that reached the probes (stopped, leaked, hung).',
    '- **Stop ms**: the median of `stopMs` over stopped and leaked trials, with the maximum in parentheses when there was more than one.',
    "  `stopMs` runs from the kill request until the OS showed the work gone: the worker's OS thread left `/proc/<pid>/task`, or the child was reaped. When the runtime's own promise settled is `reportedMs` in results.json.",
  ];
}
