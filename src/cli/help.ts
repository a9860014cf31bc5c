import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KILL_STYLES } from '../kill-styles/kill-styles.ts';
import { NODE_RUNTIME_NAMES, RUNTIME_NAMES } from '../runtime/runtime.ts';
import { BUILT_IN_WORKLOADS } from '../workloads/built-in-workloads.ts';
import { KILL_POINT_MODES } from '../record/run-record.ts';
import { DEFAULT_FAIL_CONDITIONS, FAIL_CONDITIONS } from '../run/run-failures.ts';
import { describeInvocation } from './invocation.ts';
import { PYTHON_HOST } from '../python-host/python-environment.ts';
import { CHECK_SCOPES, DEFAULTS } from './parse-arguments.ts';
import { LONG_PLAN_MS } from './check-plan-size.ts';
import { renderKillStyleList } from './list-kill-styles.ts';
import { renderExitCodes } from './exit-codes.ts';
import { MAX_LINGER_MS, NUMBER_RULES, type NumberFlag } from './number-options.ts';
import { formatDuration } from './progress.ts';
import { cacheRoot } from '../engines/engine-cache.ts';
import { ENGINE_PACKAGES } from '../engines/engine-registry.ts';

/** The --help text; defaults and names come from the code so they cannot drift. */
export function renderHelp(): string {
  const run = describeInvocation();
  return `Usage: ${run} [options]
       ${run} merge RESULTS.json RESULTS.json... [--out DIR]

Runs workloads in worker threads (tinypool) and child processes (execa), stops each run
with a kill style, probes what was left behind, and writes report.md (with report.svg) and results.json.

Options:
  --runtime LIST         runtimes to use (default: ${NODE_RUNTIME_NAMES.join(', ')}): ${RUNTIME_NAMES.join(', ')}; the py-
                         runtimes run Python workloads in a Python host (python3, with the venv npm install made)
  --kill LIST            kill styles and presets (default: every style, no preset, that applies to a runtime of the
                         run): ${Object.keys(KILL_STYLES).join(', ')};
                         or a stop sequence, steps joined by > (abort>500ms>tree-kill); see --list
  --workload LIST        built-in names or paths to your own modules (default: all built-ins, unless --task is given)
  --task LIST            job files written for tinypool or piscina (./jobs/resize.js, or ./jobs/x.js#name for a
                         named export), run unchanged; an optional ready or cleanup export is used when present
  --task-data JSON       the payload each task function is called with (default: none)
  --trials N             trials per cell, ${range('--trials')} (default: ${DEFAULTS.trials})
  --cycles N             run each cell's N trials one after another in one host kept across them, as a long-lived
                         parent starts and stops work, and read the host's memory after each: its growth per cycle,
                         ${range('--cycles')} (instead of --trials)
  --out DIR              where report.md, report.svg and results.json go (default: ${DEFAULTS.out}, which git is told to ignore)
  --start-timeout MS     how long a workload may take to call ready(); one that does not errors (default: ${DEFAULTS.startTimeoutMs})
  --stop-timeout MS      how long a stop may take before the trial counts as hung (default: ${DEFAULTS.stopTimeoutMs}); it
                         follows a sequence's waits (docker-stop's 10 s), which a trial waits out as the tool would
  --grace MS             abort-then-force, join-then-terminate and a sequence's grace step: how long to wait for the ask
                         before forcing (default: ${DEFAULTS.graceMs})
  --deadline MS          timeout: the runtime's own deadline, from the start of the work (default: ${DEFAULTS.deadlineMs})
                         (every MS: whole milliseconds, ${range('--stop-timeout')}; --kill-delay may be 0)
  --linger MS            watch what a stop left for this long after the kill: what goes away by itself, and when (default: ${DEFAULTS.lingerMs}; 0: not at all; at most ${MAX_LINGER_MS})
  --seed N               seeds every random choice (kill delays, sections); default: drawn, and printed in the report
  --kill-point MODE      ${KILL_POINT_MODES.join(', ')}: where kills land after ready() (default: ${DEFAULTS.killPoint})
  --kill-delay MS        the longest seeded delay after ready() before a kill (default: ${DEFAULTS.killDelayMaxMs})
  --memory-limit MB      heap cap of each worker and child in MiB, ${range('--memory-limit')} (default: ${DEFAULTS.memoryLimitMb})
  --concurrency N        trials run at once, each in its own host process, ${range('--concurrency')} (default: ${DEFAULTS.concurrency}, the cores)
  --engine LIST          run every trial's host (its worker or child too) on each of these engines, side by side:
                         node (this Node.js, ${process.version}), node@22, bun, bun@1.4, deno, deno@2.9 (releases from the
                         npm registry's ${ENGINE_PACKAGES.node.name}, ${ENGINE_PACKAGES.bun.name} and ${ENGINE_PACKAGES.deno.name},
                         installed into ${cacheRoot()} on first use), or paths to node, bun or deno binaries
  --node LIST            the same for Node.js versions alone: majors or versions (20,22,24), or paths to node binaries
  --shard I/N            run every N-th cell, starting with the I-th; combine the shards with merge
  --resume               finish the interrupted run whose journal is in --out
  --update-baseline FILE write the run's per-cell expectations to FILE, for later --check runs
  --check FILE           compare the run against the baseline FILE: exit 1 and list every regressed cell; a
                         baseline that holds none of the run's cells is refused; on GitHub Actions, also a job
                         summary (GITHUB_STEP_SUMMARY) and annotations
  --check-scope SCOPE    ${CHECK_SCOPES.join(' or ')}: hold the run's own cells and name the baseline cells it did not run
                         (run, the default), or refuse a run that leaves any baseline cell out (baseline)
  --fail-on LIST         exit 3 once the reports are written if trials were any of ${FAIL_CONDITIONS.join(', ')}
                         (empty: nothing applicable ran), or none (default: ${DEFAULT_FAIL_CONDITIONS.join(',')})
  --yes                  run a plan estimated to take over ${formatDuration(LONG_PLAN_MS)} (refused without it)
  --list                 list workloads and kill styles
  -h, --help             show this text

Exit codes:
${renderExitCodes('  ')}

Example:
  ${run} --runtime thread,process --kill abort,sigkill --workload open-files,./my-workload.ts --trials 3 --out reports/local
`;
}

/** "1 to 10000": the range an option allows, as its refusal says it. */
function range(flag: NumberFlag): string {
  const { least, most } = NUMBER_RULES[flag];
  return `${least} to ${most}`;
}

/** The Python built-ins by name, from their files (my_job.py → my-job), without starting Python. */
function listPythonWorkloadNames(): string[] {
  return readdirSync(dirname(PYTHON_HOST) + '/workloads')
    .filter((file) => file.endsWith('.py') && !file.startsWith('_'))
    .map((file) => file.slice(0, -'.py'.length).replaceAll('_', '-'))
    .sort();
}

/** The --list text: every kill style and preset with where it applies, the steps of a sequence, every built-in workload of both languages. */
export function renderList(): string {
  const width = Math.max(...[...Object.keys(KILL_STYLES), ...Object.keys(BUILT_IN_WORKLOADS)].map((name) => name.length));
  const workloads = Object.entries(BUILT_IN_WORKLOADS).map(([name, workload]) => `  ${name.padEnd(width)} ${workload.description}`);
  const python = listPythonWorkloadNames();
  return (
    `${renderKillStyleList(width)}\n\nWorkloads:\n${workloads.join('\n')}\n  (or a path to your own module whose default export is defineWorkload(...))\n` +
    `\nPython workloads, for the py- runtimes (python/workloads/; a name Node.js has too runs its own module in each language):\n  ${python.join(', ')}\n` +
    '  (or a path to your own .py module that sets workload = define_workload(...))\n'
  );
}
