import { fileURLToPath } from 'node:url';
import { execaNode, type ResultPromise } from 'execa';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** Runs the built command line as a user would, and returns what it printed and how it exited. */
export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = await execaNode(bin, args, { reject: false, cwd: options.cwd, nodeOptions: [], env: withoutGitHubActions(options.env ?? {}) });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** A test's CLI sees GitHub Actions only when it says so, even when the suite itself runs there. */
function withoutGitHubActions(env: Record<string, string>): Record<string, string | undefined> {
  return { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined, ...env };
}

/**
 * The run's id, from the line that names it on the harness's stderr: a line on cleaning up after an earlier dead run
 * may come before it. Resolves with 'no run id printed' if the harness ends without one.
 */
export function readRunId(harness: ResultPromise): Promise<string> {
  return new Promise((resolve) => {
    let printed = '';
    harness.stderr?.on('data', (chunk) => {
      printed += String(chunk);
      const named = /^run (\S+):/m.exec(printed)?.[1];
      if (named !== undefined) resolve(named);
    });
    void harness.then(() => resolve('no run id printed'));
  });
}
