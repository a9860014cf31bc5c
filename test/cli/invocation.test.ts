import { describe, expect, it } from 'vitest';
import { describeInvocation } from '../../src/cli/invocation.ts';
import { runCli } from './run-cli.ts';

describe('describeInvocation', () => {
  it("is this project's npm script only when run through it, and the package's command everywhere else", () => {
    expect(describeInvocation({ npm_lifecycle_event: 'harness', npm_package_name: 'isolation-harness' })).toBe('npm run harness --');
    // A user's project may have a `harness` script of its own: that one does not take the harness's flags after `--`.
    expect(describeInvocation({ npm_lifecycle_event: 'harness', npm_package_name: 'my-service' })).toBe('npx isolation-harness');
    expect(describeInvocation({})).toBe('npx isolation-harness');
  });

  it('is what --help shows when the harness is run as an installed package', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npx isolation-harness \[options\]$/m);
  });
});
