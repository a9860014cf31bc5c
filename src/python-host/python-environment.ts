import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { firstErrorLine } from '../errors/command-error.ts';
import type { RuntimeName } from '../runtime/runtime.ts';
import { WorkloadLoadError } from '../workload/load-workload.ts';

/** The Python host, its package and its built-in workloads: python/ at the package's root, shipped with it. */
export const PYTHON_HOST = fileURLToPath(new URL('../../python/host.py', import.meta.url));
/** The environment `npm install` creates for the Python runtimes' packages (stopit); see scripts/prepare.js. */
const VENV_PYTHON = fileURLToPath(new URL('../../python/.venv/bin/python', import.meta.url));
/** Why pip could not install the packages into that environment, as scripts/prepare.js wrote it. */
export const PIP_FAILURE_FILE = fileURLToPath(new URL('../../python/.venv/pip-failure.txt', import.meta.url));
/** The oldest Python the host is written for. */
const OLDEST_PYTHON = [3, 9] as const;
const DESCRIBE_TIMEOUT_MS = 30_000;

/** A Python workload as `host.py describe` lists it. */
export interface PythonWorkloadDescription {
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly criticalSections: readonly string[];
  readonly receivesStopRequest: boolean;
  readonly readsCommands: boolean;
  readonly reportsCleanup: boolean;
  readonly unavailable: string | null;
  readonly hasVerify: boolean;
}

/** A kill style as the Python host sees it: per runtime whether it applies there, now (stopit installed or not). */
interface PythonKillStyleDescription {
  readonly name: string;
  readonly runtimes: Readonly<Record<string, { readonly applies: boolean; readonly reason?: string }>>;
}

/** What the Python host says of itself. */
export interface PythonDescription {
  readonly python: string;
  readonly startMethod: string;
  readonly stopit: string | null;
  readonly workloads: readonly PythonWorkloadDescription[];
  readonly killStyles: readonly PythonKillStyleDescription[];
  /** Per step of a stop sequence (`ask`, `force`, `signal SIGKILL`, …) and runtime, whether the Python host can apply it. */
  readonly steps: Readonly<Record<string, PythonKillStyleDescription['runtimes']>>;
}

/** The Python the run used, as the plan records it: or why there is none, which makes every Python cell not applicable. */
export type PythonEnvironment =
  | {
      readonly available: true;
      readonly version: string;
      /** multiprocessing's default start method on this machine: what py-process uses (py-process-spawn uses spawn). */
      readonly startMethod: string;
      readonly executable: string;
      /** The stopit package's version, or null when it is not installed (stopit-timeout is then not applicable). */
      readonly stopit: string | null;
      /** Per kill style and Python runtime, why it cannot be applied on this machine (a package missing). */
      readonly unavailableStyles: Readonly<Record<string, Readonly<Partial<Record<RuntimeName, string>>>>>;
    }
  | { readonly available: false; readonly reason: string };

/** Chooses the interpreter of the Python hosts instead of the project's venv or python3 (a path, or a name on PATH). */
export const PYTHON_VARIABLE = 'ISOLATION_HARNESS_PYTHON';

/** The interpreter the Python hosts run on: ISOLATION_HARNESS_PYTHON, else the project's venv when `npm install` made one, else python3 from PATH. */
export function findPythonExecutable(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const chosen = env[PYTHON_VARIABLE];
  if (chosen !== undefined && chosen !== '') return chosen;
  return existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';
}

/**
 * Asks the Python host what it offers, the user's .py workloads (`userFiles`) loaded too; a machine without a usable
 * Python gets the reason instead, never an error. A user's module that fails to load is bad input, said as such.
 */
export async function describePython(
  userFiles: readonly string[] = [],
  executable = findPythonExecutable(),
): Promise<{ environment: PythonEnvironment; description: PythonDescription | null }> {
  let description: PythonDescription;
  try {
    description = await askDescription(executable, []);
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? `${executable} is not installed` : firstErrorLine(error);
    return { environment: { available: false, reason: `no usable Python for the py- runtimes: ${reason}` }, description: null };
  }
  const [major = 0, minor = 0] = description.python.split('.').map(Number);
  if (major < OLDEST_PYTHON[0] || (major === OLDEST_PYTHON[0] && minor < OLDEST_PYTHON[1])) {
    return {
      environment: { available: false, reason: `Python ${description.python} is too old for the py- runtimes, which need ${OLDEST_PYTHON.join('.')} or newer` },
      description: null,
    };
  }
  if (userFiles.length > 0) description = await describeUserFiles(executable, userFiles);
  return {
    environment: {
      available: true,
      version: description.python,
      startMethod: description.startMethod,
      executable,
      stopit: description.stopit,
      unavailableStyles: findUnavailableStyles(description),
    },
    description,
  };
}

async function askDescription(executable: string, files: readonly string[]): Promise<PythonDescription> {
  const { stdout } = await execa(executable, [PYTHON_HOST, 'describe', ...files], { timeout: DESCRIBE_TIMEOUT_MS, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  return JSON.parse(stdout) as PythonDescription;
}

/** The description with the user's modules; Python itself works (the built-ins loaded), so a failure is theirs. */
async function describeUserFiles(executable: string, files: readonly string[]): Promise<PythonDescription> {
  for (const file of files)
    if (!existsSync(file)) throw new WorkloadLoadError(`--workload module "${file}" does not exist; allowed: a path to a module, from the working directory`);
  try {
    return await askDescription(executable, files);
  } catch (error) {
    throw new WorkloadLoadError(`a Python workload module of ${files.join(', ')} could not be loaded: ${firstErrorLine(error)}`, { cause: error });
  }
}

/**
 * The styles that would apply by their nature but cannot here: the style table (src/kill-styles) says where a style
 * applies, the host says what this machine lacks for it (stopit missing: its reason names pip's failure, if any).
 */
function findUnavailableStyles(description: PythonDescription): Record<string, Partial<Record<RuntimeName, string>>> {
  const pipFailure = readPipFailure();
  const unavailable: Record<string, Partial<Record<RuntimeName, string>>> = {};
  for (const style of description.killStyles) {
    for (const [runtime, answer] of Object.entries(style.runtimes)) {
      if (answer.applies || answer.reason === undefined || !/not installed/.test(answer.reason)) continue;
      unavailable[style.name] = {
        ...unavailable[style.name],
        [runtime]: pipFailure === null ? answer.reason : `${answer.reason}; ${pipFailure}`,
      };
    }
  }
  return unavailable;
}

function readPipFailure(): string | null {
  try {
    return existsSync(PIP_FAILURE_FILE) ? readFileSync(PIP_FAILURE_FILE, 'utf8').trim() || null : null;
  } catch {
    return null;
  }
}
