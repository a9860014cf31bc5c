import { setTimeout as sleep } from 'node:timers/promises';
import { type ApplyKill, isNotApplicable, type KillStyle } from '../kill-styles/kill-style.ts';
import { KILL_STYLES } from '../kill-styles/kill-styles.ts';
import { startProcessWork } from '../process/start-process-work.ts';
import type { RuntimeName, StartWork, WorkByRuntime } from '../runtime/runtime.ts';
import { startThreadWork } from '../thread/start-thread-work.ts';
import type { HostEvent, HostedTrial } from './host-messages.ts';

const START_WORK: { readonly [Name in RuntimeName]: StartWork<Name> } = {
  thread: startThreadWork,
  process: startProcessWork,
};

/** Inside the host: start the work, wait for ready, apply the kill, and report how and when the work ended. */
export async function hostTrial<Name extends RuntimeName>(trial: HostedTrial & { runtime: Name }, send: (event: HostEvent) => void): Promise<void> {
  const work: WorkByRuntime[Name] = START_WORK[trial.runtime](trial.spec, trial.controlDir);
  const start = await within(trial.startTimeoutMs, Promise.race([work.ready.then((ready) => ({ ready })), work.ended.then((ended) => ({ ended }))]));
  if (start === undefined) return send({ type: 'work-hung', phase: 'start' });
  if ('ended' in start) {
    return send({ type: 'work-failed', message: start.ended.error ?? 'run() returned before it called ready()' });
  }
  send({ type: 'work-ready', childPid: 'pid' in work ? work.pid : null, osThreadId: start.ready.osThreadId });
  const killRequestedAt = performance.now();
  killFor(trial)(work);
  const end = await within(trial.stopTimeoutMs, work.ended);
  if (end === undefined) return send({ type: 'work-hung', phase: 'stop' });
  send({
    type: 'work-stopped',
    exitCode: end.exitCode,
    signal: end.signal,
    error: end.error,
    stopMs: end.endedAt - killRequestedAt,
    reportedMs: end.reportedAt - killRequestedAt,
  });
}

function killFor<Name extends RuntimeName>(trial: HostedTrial & { runtime: Name }): ApplyKill<Name> {
  const style: KillStyle = KILL_STYLES[trial.kill];
  const apply = style[trial.runtime];
  if (isNotApplicable(apply)) throw new Error(`kill style ${trial.kill} does not apply to ${trial.runtime}: ${apply.notApplicable}`);
  // Narrowing a generic index loses the correlation between runtime and work type; it holds by construction.
  return apply as ApplyKill<Name>;
}

/** Resolves with the promise's value, or undefined once the deadline passes first. */
async function within<Value>(timeoutMs: number, promise: Promise<Value>): Promise<Value | undefined> {
  const deadline = new AbortController();
  try {
    return await Promise.race([promise, sleep(timeoutMs, undefined, { signal: deadline.signal })]);
  } finally {
    deadline.abort();
  }
}
