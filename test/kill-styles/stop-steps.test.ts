import { describe, expect, it } from 'vitest';
import { killStyleOf, readKillStyleName } from '../../src/kill-styles/kill-styles.ts';
import { stopAllowanceMs } from '../../src/kill-styles/kill-style.ts';
import { describeSequence, parseStopSequence, sequenceWaitMs, type StopStep } from '../../src/kill-styles/stop-steps.ts';

const stepsOf = (text: string): readonly StopStep[] => {
  const parsed = parseStopSequence(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.steps;
};

describe('stop steps', () => {
  it('reads each word into a step, a wait in ms or s, and spells a sequence back as results name it', () => {
    expect(stepsOf('abort>500ms>tree-kill')).toEqual([
      { name: 'abort', kind: 'ask' },
      { name: '500ms', kind: 'wait', ms: 500 },
      { name: 'tree-kill', kind: 'tree-kill' },
    ]);
    expect(stepsOf('cgroup-sigterm>90s>cgroup-sigkill')[2]).toEqual({ name: 'cgroup-sigkill', kind: 'cgroup', signal: 'SIGKILL' });
    expect(readKillStyleName(' sigterm > 10s > sigkill ')).toEqual({ name: 'sigterm>10s>sigkill' });
    expect(readKillStyleName('docker-stop')).toEqual({ name: 'docker-stop' });
  });

  it('adds up the waits, --grace for a grace step, and the stop timeout follows them', () => {
    expect(sequenceWaitMs(stepsOf('ask>60s>sigterm>500ms>sigkill'), 0)).toBe(60_500);
    expect(sequenceWaitMs(stepsOf('abort>grace>force'), 300)).toBe(300);
    expect(stopAllowanceMs(killStyleOf('abort-then-force'), { stopTimeoutMs: 1000, graceMs: 300 })).toBe(1300);
    expect(stopAllowanceMs(killStyleOf('docker-stop'), { stopTimeoutMs: 1000, graceMs: 300 })).toBe(11_000);
    expect(stopAllowanceMs(killStyleOf('sigkill'), { stopTimeoutMs: 1000, graceMs: 300 })).toBe(1000);
    expect(describeSequence(stepsOf('abort>10s>force'))).toBe('abort, then up to 10 s for the work to end, then force');
  });

  it('holds the presets to the sequences their sources give', () => {
    const spelled = (name: Parameters<typeof killStyleOf>[0]) =>
      killStyleOf(name)
        .steps?.map((step) => step.name)
        .join('>');
    expect(spelled('abort-then-force')).toBe('abort>grace>force');
    expect(spelled('join-then-terminate')).toBe('event>grace>terminate');
    expect(spelled('execa-force-kill')).toBe('sigterm>5s>sigkill');
    expect(spelled('docker-stop')).toBe('sigterm>10s>sigkill');
    expect(spelled('vitest-forks')).toBe('ask>60s>sigterm>500ms>sigkill');
    expect(spelled('vitest-threads')).toBe('ask>60s>terminate');
    expect(spelled('systemd-stop')).toBe('cgroup-sigterm>90s>cgroup-sigkill');
  });

  it('makes a sequence of asks only a style that only asks, which a workload deaf to the ask rules out', () => {
    expect(killStyleOf('abort>1s>event').onlyRequestsStop).toBe(true);
    expect(killStyleOf('abort>1s>force').onlyRequestsStop).toBeUndefined();
  });
});
