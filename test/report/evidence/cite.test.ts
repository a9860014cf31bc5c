import { describe, expect, it } from 'vitest';
import { citeCells } from '../../../src/report/evidence/cite.ts';

const ALL = ['cpu-loop', 'open-files', 'temp-files', 'grandchild'];

describe('citeCells', () => {
  it('names one cell as workload / kill style / runtime', () => {
    expect(citeCells([{ workload: 'lock-holder', kill: 'terminate', runtime: 'thread' }])).toBe('(lock-holder / terminate / thread)');
  });

  it('groups the workloads of one kill style and runtime, and keeps groups apart', () => {
    const cells = [
      { workload: 'grandchild', kill: 'sigkill', runtime: 'process' },
      { workload: 'temp-files', kill: 'sigkill', runtime: 'process' },
      { workload: 'grandchild', kill: 'tree-kill', runtime: 'process' },
    ] as const;
    expect(citeCells(cells, ALL)).toBe('(grandchild, temp-files / sigkill / process; grandchild / tree-kill / process)');
  });

  it('says "all N workloads", or which it leaves out, when that is shorter', () => {
    const of = (workloads: string[]) => workloads.map((workload) => ({ workload, kill: 'abort', runtime: 'thread' }) as const);
    expect(citeCells(of(ALL), ALL)).toBe('(all 4 workloads / abort / thread)');
    expect(citeCells(of(ALL.slice(0, 3)), ALL)).toBe('(all 4 workloads except grandchild / abort / thread)');
    expect(citeCells(of(ALL.slice(0, 2)), ALL)).toBe('(cpu-loop, open-files / abort / thread)');
  });
});
