import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/report/claims/claims.ts';
import { renderClaims } from '../../src/report/markdown-claims.ts';
import { renderTradeoffs } from '../../src/report/markdown-tradeoffs.ts';
import { buildTempFiles } from './build-leftovers.ts';
import { cell, erroredCell, leaving, recordOf } from './build-cells.ts';

describe('renderClaims', () => {
  it('gives every claim a verdict in a table, then its Node.js reading and evidence', () => {
    const section = renderClaims(recordOf(cell('temp-files', 'terminate', 'thread', 2, leaving({ tempFiles: buildTempFiles(['a']) }))));
    expect(CLAIMS).toHaveLength(13);
    expect(section).toContain('| 1 | Killing a thread by force leaves its files and connections open. | **refuted** |');
    expect(section).toContain('| 13 | Processes take more memory and start more slowly than threads. | **not measured** |');
    expect(section).toContain('1. **Killing a thread by force leaves its files and connections open.** Refuted.\n\n   Node.js reading: ');
    expect(section).toContain('   - Where terminate() ended the work it left none: file descriptors open in 0/2 trials and ports or connections open in 0/2 (temp-files / terminate / thread).');
  });
});

describe('docs/claims.md', () => {
  it('words and numbers the claims as the report prints them', () => {
    const headings = readFileSync(new URL('../../docs/claims.md', import.meta.url), 'utf8').match(/^### .+$/gm) ?? [];
    expect(headings).toEqual(CLAIMS.map((claim, position) => `### ${position + 1}. ${claim.statement.replace(/\.$/, '')}`));
  });
});

describe('renderTradeoffs', () => {
  it('lists each rule that had something to say under its title, and says so when none had', () => {
    const section = renderTradeoffs(recordOf(cell('temp-files', 'terminate', 'thread', 1), cell('temp-files', 'abort', 'thread', 1)));
    expect(section).toContain('- **Forced thread stop or cooperative abort**\n  - Where both ended the work, neither left anything behind in 1 workload');
    expect(section).not.toContain('Grandchildren');
    expect(renderTradeoffs(recordOf(erroredCell('temp-files', 'sigint', 'process', 1)))).toContain('This run has none of the cells the rules compare.');
  });
});
