import { describe, expect, it } from 'vitest';
import { summarizeChecks } from '../../src/analysis/summarize-checks.ts';
import { buildHung, buildIntegrity, buildStopped } from '../report/build-record.ts';

describe('summarizeChecks', () => {
  it("sums the workload's data checks over the trials that ran one, keeping what verify() said about broken ones", () => {
    const { integrity } = summarizeChecks([
      buildStopped({ integrity: buildIntegrity(10) }),
      buildStopped({ integrity: buildIntegrity(20, 2, 1, { detail: 'record 7 is torn' }) }),
      buildHung({ integrity: buildIntegrity(5, 1, 0, { detail: 'record 7 is torn' }) }),
      buildStopped({ integrity: null }),
    ]);
    expect(integrity).toEqual({ checked: 3, broken: 2, corrupt: 0, acknowledged: 35, missing: 3, torn: 1, details: ['record 7 is torn'] });
  });

  it('ignores a detail verify() gave about intact data', () => {
    const { integrity } = summarizeChecks([buildStopped({ integrity: buildIntegrity(10, 0, 0, { detail: 'all fine' }) })]);
    expect(integrity?.details).toEqual([]);
  });

  it('counts a store that failed its own check as broken, even with no record missing', () => {
    const { integrity } = summarizeChecks([
      buildStopped({ integrity: buildIntegrity(8, 0, 0, { corrupt: true, detail: 'integrity_check: page 3 corrupt' }) }),
      buildStopped({ integrity: buildIntegrity(8) }),
    ]);
    expect(integrity).toMatchObject({ checked: 2, broken: 1, corrupt: 1, missing: 0, details: ['integrity_check: page 3 corrupt'] });
  });

  it('is null for integrity when no trial checked data, never a count of 0', () => {
    expect(summarizeChecks([buildStopped({ integrity: null })]).integrity).toBeNull();
  });

  it('counts the trials that left the shared mutex held, out of those that had one', () => {
    const { sharedMutex } = summarizeChecks([
      buildStopped({ sharedMutex: 'held' }),
      buildStopped({ sharedMutex: 'free' }),
      buildHung({ sharedMutex: 'held' }),
      buildStopped({ sharedMutex: null }),
    ]);
    expect(sharedMutex).toEqual({ measured: 3, held: 2 });
  });

  it('is null for the mutex when no trial had shared memory (a child process)', () => {
    expect(summarizeChecks([buildStopped({ runtime: 'process', sharedMutex: null })]).sharedMutex).toBeNull();
  });
});
