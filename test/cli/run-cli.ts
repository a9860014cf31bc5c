import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** Runs the built command line as a user would, and returns what it printed and how it exited. */
export async function runCli(args: string[], options: { cwd?: string } = {}) {
  const result = await execaNode(bin, args, { reject: false, cwd: options.cwd, nodeOptions: [] });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}
