import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Comparison } from '../baseline/compare-baseline.ts';
import { findCellLines, renderAnnotations } from '../baseline/github-annotations.ts';
import { JOB_SUMMARY_LIMIT_BYTES, renderJobSummary } from '../baseline/github-summary.ts';
import type { Baseline } from '../baseline/baseline.ts';
import { nameCell } from '../record/trial-result.ts';

/** Where the check's output for GitHub goes: the process's own streams, or a test's. */
export interface GitHubOutput {
  readonly env: NodeJS.ProcessEnv;
  writeCommands(text: string): void;
  warn(text: string): void;
}

/** Room for the verdict and a note, at least: less than this left of the step's summary, and none is written. */
const MIN_SUMMARY_BYTES = 1024;

const processOutput: GitHubOutput = {
  env: process.env,
  writeCommands: (text) => process.stdout.write(text),
  warn: (text) => process.stderr.write(text),
};

/**
 * On GitHub Actions, besides the plain text every CI log gets: annotations (GITHUB_ACTIONS=true), and the job
 * summary appended to the file GITHUB_STEP_SUMMARY names, kept within what GitHub accepts of one step. A summary that
 * cannot be written is said, and changes no exit code: the check's verdict is the log's.
 */
export function reportCheckToGitHub(check: { path: string; baseline: Baseline }, comparison: Comparison, output: GitHubOutput = processOutput): void {
  const { env } = output;
  if (env.GITHUB_ACTIONS === 'true') {
    const file = relative(env.GITHUB_WORKSPACE ?? process.cwd(), resolve(check.path));
    output.writeCommands(renderAnnotations(comparison, file, readCellLines(check)));
  }
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile === undefined || summaryFile === '') return;
  try {
    const budget = JOB_SUMMARY_LIMIT_BYTES - (statSync(summaryFile, { throwIfNoEntry: false })?.size ?? 0);
    if (budget < MIN_SUMMARY_BYTES)
      throw new Error(`the step's summary already holds ${JOB_SUMMARY_LIMIT_BYTES - budget} of GitHub's ${JOB_SUMMARY_LIMIT_BYTES} bytes`);
    appendFileSync(summaryFile, renderJobSummary(comparison, check.path, budget));
  } catch (error) {
    output.warn(
      `isolation-harness: the job summary could not be written to GITHUB_STEP_SUMMARY "${summaryFile}" (${error instanceof Error ? error.message : String(error)}); the log above has the check\n`,
    );
  }
}

/** Where each baseline cell sits in its file, so an annotation opens at it. */
function readCellLines({ path, baseline }: { path: string; baseline: Baseline }): Map<string, number> {
  try {
    return findCellLines(readFileSync(path, 'utf8'), baseline.cells.map(nameCell));
  } catch {
    return new Map();
  }
}
