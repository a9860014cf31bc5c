import { describe, expect, it } from 'vitest';
import { signalsInProcess } from '../../../src/report/tradeoffs/signals-in-process.ts';
import { buildTempFiles } from '../build-leftovers.ts';
import { cell, leaving, recordOf } from '../build-cells.ts';

describe('signalsInProcess', () => {
  it('compares cleanup and temp files after SIGTERM, SIGKILL and a handled SIGTERM', () => {
    const left = leaving({ tempFiles: buildTempFiles(['a']) });
    const sentences = signalsInProcess.describe(
      recordOf(
        cell('temp-files', 'abort', 'process', 2),
        cell('temp-files', 'sigterm', 'process', 2, left),
        cell('temp-files', 'sigkill', 'process', 2, left),
        cell('temp-files', 'sigterm-handled', 'process', 2),
      ),
    );
    expect(sentences).toEqual([
      "The workload's cleanup ran in 0/2 SIGTERM trials (temp-files / sigterm / process) and in 0/2 SIGKILL trials (temp-files / sigkill / process); with a SIGTERM handler (`sigterm-handled`) it ran in 2/2 trials (temp-files / sigterm-handled / process).",
      'SIGTERM left temp files in 2/2 trials (temp-files / sigterm / process); SIGKILL in 2/2 (temp-files / sigkill / process).',
    ]);
  });

  it('leaves cleanup out where no abort showed the workload has any, and says nothing without both signals', () => {
    const sentences = signalsInProcess.describe(recordOf(cell('cpu-loop', 'sigterm', 'process', 1), cell('cpu-loop', 'sigkill', 'process', 1)));
    expect(sentences).toEqual(['Neither SIGTERM nor SIGKILL left temp files behind (cpu-loop / sigterm / process; cpu-loop / sigkill / process).']);
    expect(signalsInProcess.describe(recordOf(cell('cpu-loop', 'sigterm', 'process', 1)))).toEqual([]);
  });
});
