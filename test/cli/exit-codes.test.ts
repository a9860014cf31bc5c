import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHelp } from '../../src/cli/help.ts';
import { EXIT_CODES } from '../../src/cli/exit-codes.ts';

// One meaning per code, said the same way everywhere a user reads it: the README's table and --help.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('exit codes', () => {
  it('have one meaning each', () => {
    const codes = Object.values(EXIT_CODES).map(({ code }) => code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([0, 1, 2, 3, 129, 130, 141, 143]);
  });

  it("are the README's one table, row for row", () => {
    const table = readme.split('### Exit codes\n')[1]?.trim().split('\n\n')[0] ?? '';
    const rows = table.split('\n').slice(2);
    expect(rows).toEqual(Object.values(EXIT_CODES).map(({ code, meaning }) => `| ${code} | ${meaning} |`));
  });

  it('are listed by --help, each with its brief', () => {
    const help = renderHelp();
    for (const { code, brief } of Object.values(EXIT_CODES)) expect(help).toContain(`${String(code).padEnd(4)} ${brief}`);
  });
});
