import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderClaims } from '../../src/report/markdown-claims.ts';
import { renderTradeoffs } from '../../src/report/markdown-tradeoffs.ts';
import { renderRulesDoc } from '../../src/report/rules-doc.ts';
import { judgeRun } from '../../src/verdicts/judge-run.ts';
import { RULES } from '../../src/verdicts/rules.ts';
import { buildFds } from './build-leftovers.ts';
import { cell, erroredCell, leaving, recordOf } from './build-cells.ts';

const HELD_A_FILE = { heldAtReady: { fds: 1, sockets: 0, processes: 0, locks: 0 } };

describe('renderClaims', () => {
  it('gives every claim its verdict with the sample it rests on, then its Node.js reading and k/n evidence', () => {
    const record = recordOf(cell('open-files', 'terminate', 'thread', 2, leaving({ fds: buildFds({ file: 1 }) }, HELD_A_FILE)));
    const section = renderClaims(record.plan, judgeRun(record));
    expect(section).toContain('| 1 | Killing a thread by force leaves its files and connections open. | **confirmed** (2 trials, 1 workload) |');
    expect(section).toContain('| 14 | Processes take more memory and start more slowly than threads. | **not measured** |');
    expect(section).toContain(
      '   - `terminate` in a thread, workloads that held files or sockets at ready() in a thread, the trials it ended: 2/2 (100%, 95% CI 34–100%) trials left file descriptors, ports or connections open (open-files / terminate / thread).',
    );
  });
});

describe('docs/claims.md', () => {
  it('is the rule table rendered: regenerate it with `npm run docs` after changing src/verdicts', () => {
    expect(readFileSync(new URL('../../docs/claims.md', import.meta.url), 'utf8')).toBe(renderRulesDoc(RULES));
  });
});

describe('renderTradeoffs', () => {
  it('states each comparison the run measured, with the side ahead, and says so when none was measured', () => {
    const record = recordOf(cell('temp-files', 'terminate', 'thread', 1, leaving({ fds: buildFds({ file: 1 }) })), cell('temp-files', 'abort', 'thread', 1));
    const section = renderTradeoffs(record.plan, judgeRun(record));
    expect(section).toContain('- **Forced thread stop or cooperative abort: what each left behind**: **cooperative abort ahead** (2 trials, 1 workload)');
    expect(section).not.toContain('Grandchildren');
    const empty = recordOf(erroredCell('temp-files', 'sigint', 'process', 1));
    expect(renderTradeoffs(empty.plan, judgeRun(empty))).toContain('This run has none of the cells the rules compare.');
  });
});
