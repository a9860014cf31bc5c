import { describe, expect, it } from 'vitest';
import { describeSettings } from '../../src/report/markdown-settings.ts';
import { buildRecord } from './build-record.ts';

const PLAN = buildRecord([]).plan;

describe('describeSettings', () => {
  it('states the seed, kill points, kill delay, memory limit, concurrency and shard from the plan', () => {
    const settings = describeSettings({
      ...PLAN,
      seed: 987,
      killPoint: 'auto',
      killDelayMaxMs: 40,
      memoryLimitMb: 256,
      concurrency: 2,
      shard: { index: 2, count: 4 },
    });
    expect(settings).toContain(
      'or, for a workload that names none, after a seeded delay of 0 to 40 ms after `ready()` (`--kill-point auto`, `--kill-delay 40`).',
    );
    expect(settings).toContain('Every random choice was drawn from seed 987 (`--seed 987`): the same seed gives the same kill points.');
    expect(settings).toContain(
      'Each worker and child had a heap cap of 256 MiB (`--memory-limit`); 2 trials ran at once (`--concurrency`); the run covered shard 2 of 4 of its cells (`--shard 2/4`).',
    );
  });

  it('describes each kill-point mode, and a run of every cell', () => {
    expect(describeSettings({ ...PLAN, killPoint: 'delay' })).toContain(
      'Kills landed after a seeded delay of 0 to 50 ms after `ready()` (`--kill-point delay`, `--kill-delay 50`).',
    );
    expect(describeSettings({ ...PLAN, killPoint: 'section' })).toContain(
      'Kills landed inside a critical section the workload names, chosen by the seed (`--kill-point section`).',
    );
    expect(describeSettings(PLAN)).toContain('1 trial ran at once (`--concurrency`); the run covered every cell of the matrix.');
  });
});
