import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/baseline/baseline.ts';
import { compareWithBaseline } from '../../src/baseline/compare-baseline.ts';
import { JOB_SUMMARY_LIMIT_BYTES } from '../../src/baseline/github-summary.ts';
import { type GitHubOutput, reportCheckToGitHub } from '../../src/cli/report-to-github.ts';
import { buildRecord, buildStopped } from '../report/build-record.ts';

// Where the check's GitHub output goes, by the environment GitHub Actions sets: annotations on stdout, the summary
// appended to its file, and nothing at all elsewhere. A summary that cannot be written is said, and fails nothing.
const scratch = mkdtempSync(join(tmpdir(), 'isolation-harness-github-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const baseline = buildBaseline(buildRecord([buildStopped(), buildStopped({ kill: 'abort' })]));
const comparison = compareWithBaseline(baseline, buildRecord([buildStopped()]));
const baselinePath = join(scratch, 'baseline.json');
writeFileSync(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);

function capture(env: Record<string, string>): GitHubOutput & { commands: string; warnings: string } {
  const output = {
    env,
    commands: '',
    warnings: '',
    writeCommands: (text: string) => void (output.commands += text),
    warn: (text: string) => void (output.warnings += text),
  };
  return output;
}

describe('the check on GitHub Actions', () => {
  it('writes nothing outside GitHub Actions', () => {
    const output = capture({});
    reportCheckToGitHub({ path: baselinePath, baseline }, comparison, output);
    expect(output.commands + output.warnings).toBe('');
  });

  it('annotates at the cell, relative to the workspace, and appends the summary to what the step wrote before', () => {
    const summary = join(scratch, 'summary.md');
    writeFileSync(summary, '# an earlier step\n');
    const output = capture({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: scratch });
    reportCheckToGitHub({ path: baselinePath, baseline }, comparison, output);
    expect(output.commands).toMatch(/^::warning file=baseline\.json,line=\d+,title=Not checked%3A leaks-fd \/ abort \/ thread::/);
    expect(readFileSync(summary, 'utf8')).toMatch(/^# an earlier step\n### isolation-harness: baseline check passed\n/);
    expect(output.warnings).toBe('');
  });

  it('says in one line, and fails nothing, when the summary cannot be written or the step has no room left', () => {
    const nowhere = capture({ GITHUB_STEP_SUMMARY: join(scratch, 'missing', 'summary.md') });
    reportCheckToGitHub({ path: baselinePath, baseline }, comparison, nowhere);
    expect(nowhere.warnings).toMatch(
      /^isolation-harness: the job summary could not be written to GITHUB_STEP_SUMMARY ".*missing\/summary\.md" \(ENOENT.*\); the log above has the check\n$/,
    );
    const full = join(scratch, 'full.md');
    writeFileSync(full, 'x'.repeat(JOB_SUMMARY_LIMIT_BYTES - 100));
    const noRoom = capture({ GITHUB_STEP_SUMMARY: full });
    reportCheckToGitHub({ path: baselinePath, baseline }, comparison, noRoom);
    expect(noRoom.warnings).toMatch(/the step's summary already holds 1048476 of GitHub's 1048576 bytes/);
    expect(readFileSync(full, 'utf8')).toHaveLength(JOB_SUMMARY_LIMIT_BYTES - 100);
  });
});
