import type { TrialResult } from '../trial/trial-result.ts';

/** Names the run first, so a user can find its processes (by marker) and its temp folder. */
export function printStart({ runId, runDirectory }: { runId: string; runDirectory: string }): void {
  process.stderr.write(`run ${runId}: processes carry ISOLATION_HARNESS_TRIAL=${runId}-<n>, temp folder ${runDirectory}\n`);
}

/** One line per finished trial on stderr, so stdout stays for the paths of the files written. */
export function printProgress(result: TrialResult, done: number, total: number): void {
  const cell = `${result.workload} / ${result.kill} / ${result.runtime} #${result.trial}`;
  process.stderr.write(`[${String(done).padStart(String(total).length)}/${total}] ${cell}: ${describeOutcome(result)}\n`);
}

function describeOutcome(result: TrialResult): string {
  switch (result.outcome) {
    case 'not-applicable':
      return 'not applicable';
    case 'errored':
      return `errored: ${result.error}`;
    case 'hung':
      return `hung (${result.phase})`;
    default: {
      const left = Object.entries(result.leftovers)
        .filter(([, found]) => found !== null && found.total > 0)
        .map(([probe, found]) => `${probe} ${found?.total}`);
      return `${result.outcome}${left.length > 0 ? ` (${left.join(', ')})` : ''} in ${result.stopMs.toFixed(1)} ms`;
    }
  }
}
