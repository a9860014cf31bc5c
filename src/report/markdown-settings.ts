import type { RaisedDeadline } from '../analysis/raised-deadlines.ts';
import type { RunPlan } from '../record/run-record.ts';
import { SLOWEST_START_FACTOR } from '../run/deadlines.ts';

/** Where the kills landed under each `--kill-point` mode; `timeout` always lands at the runtime's deadline. */
const KILL_POINTS: Record<RunPlan['killPoint'], (plan: RunPlan) => string> = {
  auto: (plan) =>
    `Kills landed inside a critical section the workload names, chosen by the seed, or, for a workload that names none, ${describeDelay(plan)} (\`--kill-point auto\`, \`--kill-delay ${plan.killDelayMaxMs}\`).`,
  delay: (plan) => `Kills landed ${describeDelay(plan)} (\`--kill-point delay\`, \`--kill-delay ${plan.killDelayMaxMs}\`).`,
  section: () => 'Kills landed inside a critical section the workload names, chosen by the seed (`--kill-point section`).',
};

/** The settings every trial ran with: each changes what a stop can show, so the report states them. */
export function describeSettings(plan: RunPlan, raised: readonly RaisedDeadline[] = []): string {
  const shard =
    plan.shard === null
      ? 'every cell of the matrix'
      : `shard ${plan.shard.index} of ${plan.shard.count} of its cells (\`--shard ${plan.shard.index}/${plan.shard.count}\`)`;
  return [
    `Each workload had ${plan.startTimeoutMs} ms to become ready (\`--start-timeout\`), each stop ${plan.stopTimeoutMs} ms to end the work (\`--stop-timeout\`), after the waits of a stop sequence.`,
    `\`abort-then-force\` forces the stop after a grace of ${plan.graceMs} ms (\`--grace\`);`,
    `\`timeout\` gives the runtime a deadline of ${plan.deadlineMs} ms from the start of the work (\`--deadline\`)${describeRaised(raised)}.`,
    KILL_POINTS[plan.killPoint](plan),
    `Every random choice was drawn from seed ${plan.seed} (\`--seed ${plan.seed}\`): the same seed gives the same kill points.`,
    `Each worker and child had a heap cap of ${plan.memoryLimitMb} MiB (\`--memory-limit\`);`,
    `${plan.concurrency} ${plan.concurrency === 1 ? 'trial' : 'trials'} ran at once (\`--concurrency\`); the run covered ${shard}.`,
  ].join(' ');
}

function describeDelay(plan: RunPlan): string {
  return `after a seeded delay of 0 to ${plan.killDelayMaxMs} ms after \`ready()\``;
}

/** Where a slow start raised `timeout`'s deadline, so that it still fell after ready(): `, raised to 6933 ms for memory-hog in a thread`. */
function describeRaised(raised: readonly RaisedDeadline[]): string {
  if (raised.length === 0) return '';
  const cells = raised.map(
    ({ workload, runtime, engine, deadlineMs }) => `${deadlineMs} ms for ${workload} in a ${runtime}${engine === undefined ? '' : ` on ${engine}`}`,
  );
  return `, raised where the work took longer to become ready (${SLOWEST_START_FACTOR} times its slowest start in the run, plus the kill delay): ${cells.join(', ')}`;
}
