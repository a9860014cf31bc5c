import type { KillStyleName } from '../../src/kill-styles/kill-styles.ts';
import type { RunRecord, WorkloadEntry } from '../../src/record/run-record.ts';
import { buildLeftovers, buildProcesses, buildTempFiles } from './build-leftovers.ts';
import { buildErrored, buildHung, buildNotApplicable, buildRecord, buildStopped } from './build-record.ts';

// One small run for the first section and its grid: a workload whose forced stops leak a named file and process,
// and one whose stops hang, error or leak in some trials only.

const HOLDS_FILE = 'holds-file';
const BLOCKS = 'blocks';

function describeWorkload(name: string): WorkloadEntry {
  return { name, description: `${name}, for the first section`, source: 'built-in', criticalSections: [] };
}

/** A trial that left `<trial>/held.txt` and a `sleep 60` behind. */
const LEFT_FILE_AND_PROCESS = buildLeftovers({ tempFiles: buildTempFiles(['held.txt']), processes: buildProcesses(1) });

export function buildStopRecord(kills: KillStyleName[] = ['terminate', 'sigkill', 'abort'], workloadName = HOLDS_FILE): RunRecord {
  const at = (workload: string, kill: KillStyleName, runtime: 'thread' | 'process', trial = 1) => ({ workload, kill, runtime, trial });
  const results: RunRecord['results'] = [
    buildStopped({ ...at(workloadName, 'terminate', 'thread', 1), outcome: 'leaked', leftovers: LEFT_FILE_AND_PROCESS }),
    buildStopped({ ...at(workloadName, 'terminate', 'thread', 2), outcome: 'leaked', leftovers: LEFT_FILE_AND_PROCESS }),
    buildNotApplicable(at(workloadName, 'terminate', 'process')),
    buildNotApplicable({ ...at(workloadName, 'sigkill', 'thread'), reason: 'a signal is delivered to the whole host process' }),
    buildStopped(at(workloadName, 'sigkill', 'process', 1)),
    buildStopped(at(workloadName, 'sigkill', 'process', 2)),
    buildStopped(at(workloadName, 'abort', 'thread', 1)),
    buildStopped(at(workloadName, 'abort', 'thread', 2)),
    buildStopped(at(workloadName, 'abort', 'process', 1)),
    buildStopped(at(workloadName, 'abort', 'process', 2)),
    // A hung worker still holds what it had: that must not be named as something the stop left.
    buildHung({ ...at(BLOCKS, 'terminate', 'thread', 1), leftovers: LEFT_FILE_AND_PROCESS }),
    buildHung({ ...at(BLOCKS, 'terminate', 'thread', 2), leftovers: LEFT_FILE_AND_PROCESS }),
    buildNotApplicable(at(BLOCKS, 'terminate', 'process')),
    buildNotApplicable(at(BLOCKS, 'sigkill', 'thread')),
    buildStopped({ ...at(BLOCKS, 'sigkill', 'process', 1), outcome: 'leaked', leftovers: buildLeftovers({ processes: buildProcesses(1) }) }),
    buildStopped(at(BLOCKS, 'sigkill', 'process', 2)),
    buildStopped(at(BLOCKS, 'abort', 'thread', 1)),
    buildHung(at(BLOCKS, 'abort', 'thread', 2)),
    buildStopped(at(BLOCKS, 'abort', 'process', 1)),
    buildErrored(at(BLOCKS, 'abort', 'process', 2)),
  ];
  const { plan } = buildRecord([]);
  return buildRecord(
    results.filter((result) => kills.includes(result.kill)),
    { plan: { ...plan, kills, trials: 2, workloads: [describeWorkload(workloadName), describeWorkload(BLOCKS)] } },
  );
}
