import { setTimeout as sleep } from 'node:timers/promises';
import { measureLogBytes } from '../files/log-lines.ts';
import { traitsOfRunningEngine } from '../this-engine/engine-traits.ts';
import { type ApplyKill, type EndingStep, isNotApplicable, type KillStyle, stopAllowanceMs, type WorkKillStyle } from '../kill-styles/kill-style.ts';
import { killStyleOf } from '../kill-styles/kill-styles.ts';
import { MARKER_VARIABLE } from '../marker/marker.ts';
import { PROCESS_JOURNAL } from '../marker/run-owner.ts';
import { dirname, join } from 'node:path';
import { ownIdentity, readIfSame } from '../linux-proc/process-identity.ts';
import { findHeldOutsideFiles } from '../probes/outside-files.ts';
import { createProcessFamily, type ProcessFamily } from '../process-family/process-family.ts';
import { scanFamilyTree } from '../process-family/scan-family.ts';
import type { BodyThread, NodeRuntimeName, StartedWork, WorkByRuntime, WorkEnd } from '../runtime/runtime.ts';
import { within } from '../runtime/within.ts';
import { listThreads, startGivenClock, type ThreadRef, withinGivenTime } from '../runtime/given-time.ts';
import type { SharedMutex } from '../workload/shared-mutex.ts';
import type { HostEvent, HostedTrial, HostSightings, SharedState } from './host-messages.ts';
import { loadAdapter } from './load-adapter.ts';
import { describeSelfEnd, reachKillPoint } from './reach-kill-point.ts';
import { journalAdoptionsTo, listAdoptedChildren, watchThreadChildren } from './subreaper.ts';
import { describeWorkActivity, findWorkThread, hasThreadEnded, readWorkActivity } from './work-activity.ts';
import { countActiveResources } from './active-resources.ts';
import { readParentAtHang, watchParent } from './parent-watch.ts';

/** How long the host tries to take a stopped worker's shared mutex before calling it held for good, and how often. */
const MUTEX_PROBE_MS = 100;
const MUTEX_POLL_MS = 5;
/** The work's events, in the trial's control folder, for an engine whose messages wait for the sender's event loop. */
const EVENT_LOG = 'events.log';
/** Why a process's shared memory is never checked. */
const CHILD_MEMORY = "a child's memory is its own and ended with it";

/** Inside the host: start the work, wait for ready and the harness's order, apply the kill, and report the end. */
export async function hostTrial<Name extends NodeRuntimeName>(
  trial: HostedTrial & { runtime: Name },
  send: (event: HostEvent) => void,
  killOrdered: Promise<void>,
): Promise<void> {
  const style: KillStyle = killStyleOf(trial.kill);
  // The marker of this trial, not the host's: workers copy process.env, children inherit it, and setenv() puts
  // it in the C environment too, for anything native code spawns. /proc/<host>/environ keeps the host's own
  // marker (the kernel shows the environment the process was started with), so reaping this trial's marker
  // never reaches the host, and a host reused for the next trial marks that trial's processes with that trial.
  process.env[MARKER_VARIABLE] = trial.trialId;
  // The trial's temp directory for every process of the trial, in the host's own C environment too: native code in
  // a worker (SQLite's temp files) reads the process's TMPDIR, not the worker's copy of process.env.
  process.env.TMPDIR = trial.spec.workDir;
  // The run's folder holds its process journal: the trial's directory is <run>/<trial>/work.
  journalAdoptionsTo(join(dirname(dirname(trial.spec.workDir)), PROCESS_JOURNAL));
  const deadlineMs = style.start?.usesDeadline ? trial.deadlineMs : null;
  const startWork = await loadAdapter(trial.runtime);
  // What keeps the host's event loop alive before the work exists: what the work adds to it holds the parent.
  const resourcesBefore = countActiveResources();
  const hostThreads = new Set(listThreads(process.pid).map((thread) => thread.threadId));
  // Where messages wait for the sender's event loop, the work's events also go through a file the host follows.
  const spec = traitsOfRunningEngine().sendsMessagesLate ? { ...trial.spec, eventLog: join(trial.controlDir, EVENT_LOG) } : trial.spec;
  const work: WorkByRuntime[Name] = startWork(spec, trial.controlDir, {
    deadlineMs,
    stopOnSigterm: style.start?.stopOnSigterm ?? false,
    memoryLimitMb: trial.memoryLimitMb,
  });
  const readyAt = work.ready.then((ready) => ({ ready, at: performance.now() }));
  // Deadlines count the time the machine gave the work: on a busy machine, its waits for a CPU are not its own slowness.
  const clock = startGivenClock(() => workThreads(work, hostThreads));
  const start = await withinGivenTime(trial.startTimeoutMs, Promise.race([readyAt, work.ended.then((ended) => ({ ended }))]), clock);
  if (start === undefined) return send({ type: 'work-failed', message: describeNeverReady(trial.startTimeoutMs, work.bodyThread()) });
  if ('ended' in start) {
    const cause = deadlineMs === null ? {} : { cause: 'deadline-before-ready' as const };
    return send({ type: 'work-failed', message: describeEarlyEnd(start.ended.error, deadlineMs), ...cause });
  }
  const { childPid } = work;
  // A worker's children are the host's own, not orphans it adopted: the subreaper must leave them to the worker.
  watchThreadChildren(childPid === null ? start.ready.osThreadId : null);
  send({ type: 'work-ready', childPid, osThreadId: start.ready.osThreadId, startMs: start.at - work.startedAt });
  const thread = findWorkThread(childPid ?? process.pid, start.ready);
  await killOrdered;
  const killPoint = await reachKillPoint(work, trial.killPoint, trial.stopTimeoutMs, start.at);
  if (killPoint.kind === 'missed') return send({ type: 'work-failed', message: killPoint.reason });
  // An end the OS already shows and the runtime has yet to report (a child exited, not yet reaped; a worker's thread
  // gone) was the work's own, and no kill follows it: looked for at the kill point, and again right before the kill.
  const selfEnd = async () => (work.deadlineFiredAt() === null && hasThreadEnded(thread) ? describeSelfEnd(await work.ended) : null);
  const endedAtKillPoint = await selfEnd();
  if (endedAtKillPoint !== null) return send({ type: 'work-failed', message: endedAtKillPoint });
  if (style.kind === 'host') return send({ type: 'kill-point-reached' });
  // Right before the kill: every process of the trial alive now, so that none the kill orphans goes unseen.
  const family = createProcessFamily({ marker: trial.trialId, roots: [ownIdentity()], cgroup: trial.cgroup });
  const atKill = sight(family, trial.spec.workDir);
  const killRequestedAt = deadlineMs === null ? performance.now() : work.startedAt + deadlineMs;
  // What the thread was doing as the stop came: a loop that never checks the flag, an idle loop, or a blocking call.
  const workAtStop = readWorkActivity(thread, killRequestedAt);
  // Where the section log stood as the stop came: the section the workload was inside then is what the kill hit,
  // whatever a cooperative stop's cleanup entered or left afterwards.
  const sectionLogBytesAtStop = measureLogBytes(trial.spec.sectionLog);
  const endedBeforeKill = await selfEnd();
  if (endedBeforeKill !== null) return send({ type: 'work-failed', message: endedBeforeKill });
  const killAppliedAt = performance.now();
  const endedBy = applyFor(workStyle(style), trial.runtime)(work, { graceMs: trial.graceMs, family });
  // A sequence's waits are its tool's own: the stop timeout comes on top of them.
  const allowedMs = stopAllowanceMs(style, trial);
  // The stop timeout waits for the work to be gone, not for its runtime to settle (tinypool never settles after a
  // worker's process.exit(), and waiting for it would count the settle wait as part of the stop).
  const given = startGivenClock(() => workThreads(work, hostThreads));
  const parentWatch = { ties: work.parent, baseline: resourcesBefore, thread, killRequestedAt, watchMs: trial.lingerMs };
  const gone = (await withinGivenTime(allowedMs, work.gone, given)) !== undefined;
  // The parent's watch begins as the work is gone, while the host waits for the runtime's report and reads what it
  // sends (without blocking its event loop: its waits delay nothing a parent lives through), and goes on after the
  // report, while the harness probes. A trial found to have ended on its own errors, and its host ends with its watch.
  const watching = gone ? watchParent(parentWatch) : null;
  const end = gone ? await work.ended : undefined;
  // A style that never settles (a tree-kill whose `ps` hangs) must not hold the report; its gate stays on till then.
  const ending = end === undefined ? null : describeEnding(await within(allowedMs, Promise.resolve(endedBy)));
  const appliedAt = deadlineMs === null ? killAppliedAt : (work.deadlineFiredAt() ?? killAppliedAt);
  if (end !== undefined && endedOnItsOwn(end, { appliedAt, style, ending, runtime: trial.runtime }))
    return send({ type: 'work-failed', message: describeSelfEnd(end) });
  if (end === undefined || watching === null) {
    const workAtHang = readWorkActivity(thread, killRequestedAt);
    const parent = readParentAtHang(parentWatch);
    const sighted = sightAtEnd(family, atKill, trial.spec.workDir);
    return send({ type: 'work-hung', phase: 'stop', ...(await readSharedState(work)), workAtStop, workAtHang, sectionLogBytesAtStop, ...sighted, parent });
  }
  const sighted = sightAtEnd(family, atKill, trial.spec.workDir);
  // `timeout` counts from the moment the runtime's own deadline acted (each starts its own timer), not from ours.
  const stopFrom = deadlineMs === null ? killRequestedAt : (work.deadlineFiredAt() ?? killRequestedAt);
  send({
    ...sighted,
    type: 'work-stopped',
    exitCode: end.exitCode,
    signal: end.signal,
    error: end.error,
    stopMs: end.endedAt - stopFrom,
    reportedMs: end.reportedAt === null ? null : end.reportedAt - stopFrom,
    killRequestedEpochMs: performance.timeOrigin + stopFrom,
    endedBy: ending?.name ?? null,
    ...(ending?.step === undefined ? {} : { endedByStep: ending.step }),
    ...(await readSharedState(work)),
    workAtStop,
    sectionLogBytesAtStop,
  });
  const parent = await watching;
  // execa's promise that a descendant's pipe held past the stop's report settles during the watch: that is when it reported.
  const lateReport = end.reportedAt === null && work.parent.timesReport && parent.parentAwaitMs !== null;
  send({ type: 'parent-released', ...parent, ...(lateReport ? { reportedMs: parent.parentAwaitMs + killRequestedAt - stopFrom } : {}) });
}

/** The threads a deadline of the work watches: the host's main thread, and the work's (a child's, or the host's new ones). */
function workThreads(work: WorkByRuntime[NodeRuntimeName], hostThreads: ReadonlySet<number>): ThreadRef[] {
  const hostMain = { pid: process.pid, threadId: process.pid };
  return [hostMain, ...(work.childPid === null ? listThreads(process.pid, hostThreads) : listThreads(work.childPid))];
}

/** What the host saw of the trial at the kill and as it ended: its processes, the outside files they held, the orphans it took in. */
function sightAtEnd(family: ProcessFamily, atKill: readonly string[], workDir: string): Required<HostSightings> {
  return { heldFiles: [...new Set([...atKill, ...sight(family, workDir)])], processes: family.members(), adopted: listAdoptedChildren() };
}

/**
 * Records the trial's processes in the family (its cgroup and tree, the cheap read: the harness's own full scans
 * come before and after, and this one must not delay the kill) and returns the outside files they hold open.
 */
function sight(family: ProcessFamily, workDir: string): string[] {
  scanFamilyTree(family);
  const living = family.members().filter((member) => readIfSame(member) !== null);
  return findHeldOutsideFiles([process.pid, ...living.map((member) => member.pid)], workDir);
}

/** A host style (host-death) is applied by the harness, which never orders the host to kill. */
function workStyle(style: KillStyle): WorkKillStyle {
  if (style.kind !== 'work') throw new Error(`kill style ${style.name} is applied by the harness to the host, not by the host`);
  return style;
}

function applyFor<Name extends NodeRuntimeName>(style: WorkKillStyle, runtime: Name): ApplyKill<Name> {
  const apply = style[runtime];
  if (isNotApplicable(apply)) throw new Error(`kill style ${style.name} does not apply to ${runtime}: ${apply.notApplicable}`);
  // Narrowing a generic index loses the correlation between runtime and work type; it holds by construction.
  return apply as ApplyKill<Name>;
}

/** What the host can read of the memory it shares with the work; the shared memory first, as the work left it. */
async function readSharedState({ shared }: StartedWork): Promise<SharedState> {
  if (shared === null) return { sharedMemory: { read: false, reason: CHILD_MEMORY }, mutex: null };
  return { sharedMemory: { read: true, slots: Array.from(shared.memory) }, mutex: await probeMutex(shared.mutex) };
}

/**
 * The mutex a worker shares with the host (a child's memory is its own, so there is nothing to probe there). The host
 * tries it every few ms rather than blocking in Atomics.wait: its event loop goes on, as the parent's watch needs.
 */
async function probeMutex(mutex: SharedMutex): Promise<'held' | 'free'> {
  const deadline = performance.now() + MUTEX_PROBE_MS;
  while (!mutex.tryLock(0)) {
    if (performance.now() >= deadline) return 'held';
    await sleep(MUTEX_POLL_MS, undefined, { ref: false });
  }
  mutex.unlock();
  return 'free';
}

/** Only styles that can tell say which step ended the work; other calls' return values mean nothing here. */
function describeEnding(value: unknown): EndingStep | null {
  return typeof value === 'object' && value !== null && 'name' in value ? (value as EndingStep) : null;
}

/**
 * Whether the work ended by itself, not by the kill: the runtime saw it end (a task settled, a child exited) before the
 * kill was applied (a deadline style's, when its deadline fired), or a force it cannot handle shows no trace of itself
 * (a terminated worker's task resolved, a SIGKILLed child exited with a code): the work returned first.
 */
function endedOnItsOwn(end: WorkEnd, kill: { appliedAt: number; style: KillStyle; ending: EndingStep | null; runtime: NodeRuntimeName }): boolean {
  if (Math.min(end.endedAt, end.reportedAt ?? end.endedAt) < kill.appliedAt) return true;
  if (kill.style.forcesEnd !== true && kill.ending?.forces !== true) return false;
  return kill.runtime === 'process' ? end.signal === null : end.error === null;
}

/** A workload that never called ready(): where its thread was waiting then, read from /proc as at a stop. */
function describeNeverReady(startTimeoutMs: number, body: BodyThread | null): string {
  const where =
    body === null
      ? 'its runtime had not yet begun to run it'
      : `its thread was ${describeWorkActivity(readWorkActivity(findWorkThread(body.pid, body), performance.now()))}`;
  return `the workload did not call ready() within ${startTimeoutMs} ms (--start-timeout); ${where}`;
}

function describeEarlyEnd(error: string | null, deadlineMs: number | null): string {
  if (deadlineMs !== null) return `the ${deadlineMs} ms deadline ended the work before it called ready(); raise --deadline (${error ?? 'no error'})`;
  return error ?? 'run() returned before it called ready()';
}
