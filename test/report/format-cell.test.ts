import { describe, expect, it } from 'vitest';
import { formatMemory, formatOutcomes, formatProcesses } from '../../src/report/format-cell.ts';
import { buildLeftovers, buildMemory, buildProcesses, MEBIBYTE } from './build-leftovers.ts';
import { buildCell, buildHung, buildStopped } from './build-record.ts';

function memoryOf(...grownMebibytes: number[]): string {
  const results = grownMebibytes.map((grown) => buildStopped({ leftovers: buildLeftovers({ memory: buildMemory(grown * MEBIBYTE) }) }));
  return formatMemory(buildCell(...results).leftovers.memory);
}

describe('formatOutcomes', () => {
  it('says which step ended an escalating stop, and how often', () => {
    const cell = buildCell(
      buildStopped({ kill: 'abort-then-force', endedBy: 'abort' }),
      buildStopped({ kill: 'abort-then-force', endedBy: 'force' }),
      buildStopped({ kill: 'abort-then-force', endedBy: 'abort' }),
    );
    expect(formatOutcomes(cell)).toBe('stopped 3/3; ended by abort 2, force 1; leak rate 0/3 (0%, 95% CI 0–56%)');
  });

  it('does not repeat a step that is only the kill style itself', () => {
    expect(formatOutcomes(buildCell(buildStopped({ kill: 'tree-kill', runtime: 'process', endedBy: 'tree-kill' })))).toBe('stopped 1/1');
    expect(formatOutcomes(buildCell(buildStopped({ endedBy: null })))).toBe('stopped 1/1');
  });
});

describe('formatOutcomes leak rate', () => {
  it('counts only the trials the kill ended, with its 95% interval', () => {
    const leaked = buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ processes: buildProcesses(1) }) });
    expect(formatOutcomes(buildCell(buildStopped(), leaked, buildHung()))).toBe(
      'stopped 1/3, leaked 1/3, **hung** 1/3 (in stop); leak rate 1/2 (50%, 95% CI 9–91%)',
    );
  });

  it('is left out when at most one trial ended, so a single trial stays compact', () => {
    expect(formatOutcomes(buildCell(buildStopped({ outcome: 'leaked' })))).toBe('leaked 1/1');
    expect(formatOutcomes(buildCell(buildStopped(), buildHung()))).toBe('stopped 1/2, **hung** 1/2 (in stop)');
  });
});

describe('formatProcesses', () => {
  it('says how many survivors were orphaned, and the zombies', () => {
    const cell = buildCell(buildStopped({ outcome: 'leaked', leftovers: buildLeftovers({ processes: buildProcesses(3, 1, 2) }) }), buildStopped());
    expect(formatProcesses(cell)).toBe('1/2 (50%, 95% CI 9–91%), max 3; orphaned: max 2; zombies: max 1');
  });

  it("keeps a clean column short: the interval belongs to the outcome's leak rate", () => {
    expect(formatProcesses(buildCell(buildStopped(), buildStopped(), buildStopped()))).toBe('0/3');
  });

  it('says nothing of orphans when every survivor still has its parent in the trial', () => {
    expect(formatProcesses(buildCell(buildStopped({ leftovers: buildLeftovers({ processes: buildProcesses(1, 0, 0) }) })))).toBe('1/1, max 1');
  });
});

describe('formatMemory', () => {
  it('shows the raw growth of one trial, signed, even below the threshold', () => {
    expect(memoryOf(1)).toBe('+1.0 MiB');
    expect(memoryOf(-0.5)).toBe('-0.5 MiB');
  });

  it('shows the largest growth over several trials as the max', () => {
    expect(memoryOf(1, 5, 2)).toBe('max +5.0 MiB');
  });

  it('flags growth beyond the threshold in bold, with the trials over it', () => {
    expect(memoryOf(80)).toBe('**+80.0 MiB** (1/1 over 64.0 MiB)');
    expect(memoryOf(2, 80)).toBe('max **+80.0 MiB** (1/2 over 64.0 MiB, 50%, 95% CI 9–91%)');
  });

  it('says what the host held at ready when that was beyond the threshold', () => {
    const memory = buildMemory(3 * MEBIBYTE, 300 * MEBIBYTE);
    expect(formatMemory(buildCell(buildStopped({ leftovers: buildLeftovers({ memory }) })).leftovers.memory)).toBe('+3.0 MiB; held 300.0 MiB at ready');
  });

  it('says "not measured" when no trial could read the memory, never 0', () => {
    expect(formatMemory(buildCell(buildStopped({ leftovers: buildLeftovers({ memory: null }) })).leftovers.memory)).toBe('not measured');
  });
});
