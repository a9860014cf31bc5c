import { execa } from 'execa';
import { WorkloadLoadError } from '../workload/load-workload.ts';
import { compiledEntry } from '../runtime/compiled-entry.ts';
import { firstErrorLine } from '../errors/command-error.ts';
import { scriptCommand } from './engine-command.ts';
import { type EngineBinary, describeEngine } from './engine-target.ts';

const probeEntry = compiledEntry('./probe-workloads-entry.ts', import.meta.url);
const PROBE_TIMEOUT_MS = 60_000;

/**
 * Asks the engine itself, with its hosts' environment, whether each workload can run on it: an addon built for
 * another ABI, or a module only some engines have (node:sqlite, bun:sqlite), shows only there. A workload that throws
 * on import there is bad input, as it is on the running Node.js.
 */
export async function probeWorkloads(
  binary: EngineBinary,
  workloadUrls: readonly string[],
  hostEnv: Readonly<Record<string, string>>,
): Promise<Record<string, string | null>> {
  const { file, args } = scriptCommand(binary.name, binary.execPath, probeEntry);
  try {
    const { stdout } = await execa(file, [...args, ...workloadUrls], { env: hostEnv, timeout: PROBE_TIMEOUT_MS });
    return JSON.parse(stdout) as Record<string, string | null>;
  } catch (error) {
    throw new WorkloadLoadError(`the workloads could not be loaded on ${describeEngine(binary)} (${binary.execPath}): ${firstErrorLine(error)}`, {
      cause: error,
    });
  }
}
