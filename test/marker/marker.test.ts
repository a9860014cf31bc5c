import { describe, expect, it } from 'vitest';
import { createRunId, createTrialId, markerBelongsTo } from '../../src/marker/marker.ts';

describe('markerBelongsTo', () => {
  it.each([
    ['run1-3', 'run1-3', true],
    ['run1-3', 'run1', true],
    ['run1-3', 'run', false],
    ['run12-3', 'run1', false],
    ['run1', 'run1-3', false],
  ])('says %s belongs to %s: %s', (markerValue, runOrTrialId, expected) => {
    expect(markerBelongsTo(markerValue, runOrTrialId)).toBe(expected);
  });
});

describe('createRunId and createTrialId', () => {
  it('make distinct run ids, and trial ids that belong to their run only', () => {
    const [first, second] = [createRunId(), createRunId()];
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[a-z0-9]+$/);
    const trialId = createTrialId(first, 4);
    expect(trialId).toBe(`${first}-4`);
    expect(markerBelongsTo(trialId, first)).toBe(true);
    expect(markerBelongsTo(trialId, second)).toBe(false);
  });
});
