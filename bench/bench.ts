import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createRunId } from '../src/marker/marker.ts';
import { scanFamily } from '../src/process-family/scan-family.ts';
import { createProcessFamily } from '../src/process-family/process-family.ts';
import { reapFamily } from '../src/process-family/reap-family.ts';
import { BENCH_RUNTIMES, DEFAULT_CONCURRENCY } from './bench-runtime.ts';
import { measureFloor } from './measure-floor.ts';
import { measureHarness } from './measure-harness.ts';
import { summarizeTraces } from './phases.ts';
import { type BenchRun, renderBench } from './render-table.ts';
import { timeDefaultMatrix } from './time-matrix.ts';
import { timeProbesAlone } from './time-probes.ts';
import { traceTrials } from './trace-trials.ts';

// `npm run bench [-- --trials N] [-- --skip-matrix]`: the floor, the harness and its probes, and the default
// matrix, all measured in this one run on this machine.
const DEFAULT_TRIALS = 12;
const PROBE_ROUNDS = 50;

async function bench(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'skip-matrix': { type: 'boolean' }, trials: { type: 'string' } }, strict: true });
  const trials = values.trials === undefined ? DEFAULT_TRIALS : Number(values.trials);
  if (!Number.isSafeInteger(trials) || trials < 2)
    throw new RangeError(`--trials value "${values.trials}" is not allowed; allowed: a whole number of 2 or more`);
  // Everything the bench starts itself carries this marker (its floor's children, the matrix's CLI).
  const marker = `bench-${createRunId()}`;
  const header = `npm run bench: Node.js ${process.version}, ${availableParallelism()} cores, load ${formatLoad()} at start; ${trials} trials per figure`;
  try {
    const comparisons = [];
    const traces = [];
    for (const runtime of BENCH_RUNTIMES) {
      for (const concurrency of [...new Set([1, DEFAULT_CONCURRENCY])]) {
        const floor = await measureFloor(runtime, concurrency, Math.ceil(trials / concurrency), marker);
        comparisons.push({ floor, harness: await measureHarness(runtime, concurrency, trials) });
      }
      traces.push({ runtime, summary: summarizeTraces(await traceTrials(runtime, trials)) });
    }
    const probesAlone = await timeProbesAlone(PROBE_ROUNDS);
    const matrix = values['skip-matrix'] ? null : await timeDefaultMatrix(`${marker}-matrix`);
    const run: BenchRun = { header: `${header}, ${formatLoad()} at end`, comparisons, traces, probesAlone, matrix };
    process.stdout.write(renderBench(run));
    return 0;
  } finally {
    await cleanUp(marker);
  }
}

/** A process of the bench still alive at the end is a bug of the bench: it is reaped, and said. */
async function cleanUp(marker: string): Promise<void> {
  const family = createProcessFamily({ marker });
  const left = scanFamily(family).living;
  if (left.length > 0) process.stderr.write(`bench: ${left.length} process(es) of the bench were still running; reaped\n`);
  await reapFamily(family);
}

function formatLoad(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

try {
  process.exitCode = await bench(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
