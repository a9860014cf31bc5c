import { setTimeout as sleep } from 'node:timers/promises';
import { findOwnPipeHolders } from '../linux-proc/pipe-holders.ts';
import { listLivingDescendants } from '../linux-proc/process-tasks.ts';
import { type HeldBy, PARENT_HOLD_GRACE_MS, type ParentExit, type ParentHold } from '../record/parent-exit.ts';
import type { ParentTies } from '../runtime/runtime.ts';
import { countActiveResources, type ResourceCounts, subtractResources } from './active-resources.ts';
import { readWorkActivity, type WorkThread } from './work-activity.ts';

/** How often the parent's state is read while it is held: fine enough for a stop, cheap enough for a 2.5 s watch. */
const PARENT_POLL_MS = 10;

/** What the watch reads: the work's ties to its parent, the parent's resources before the work began, and the work's thread. */
export interface ParentWatch {
  readonly ties: ParentTies;
  readonly baseline: ResourceCounts;
  readonly thread: WorkThread;
  /** `performance.now()` of the kill request, from which every figure counts. */
  readonly killRequestedAt: number;
  /** How long after the kill request the watch may last (`--linger`). */
  readonly watchMs: number;
}

/** One hold as one read saw it, keyed so that the next read finds it again. */
interface SeenHold {
  readonly key: string;
  readonly held: HeldBy;
}

/**
 * Once the work is gone, does what a parent does (awaits the runtime's call) and reads until when that parent is held,
 * and by what: until the call settled and the event loop holds nothing the work added, or the watch's time is up.
 */
export async function watchParent(watch: ParentWatch): Promise<ParentExit> {
  const sinceKill = () => performance.now() - watch.killRequestedAt;
  let awaitMs: number | null = null;
  const settled = watch.ties.settle().then((at) => {
    awaitMs = at - watch.killRequestedAt;
  });
  const log = createHoldLog();
  let loopFreeMs: number | null = null;
  for (;;) {
    const seen = readHolds(watch, awaitMs === null);
    const nowMs = sinceKill();
    log.note(seen, nowMs);
    loopFreeMs = seen.some(({ held }) => held.kind !== 'promise') ? null : (loopFreeMs ?? nowMs);
    if ((loopFreeMs !== null && awaitMs !== null) || nowMs >= watch.watchMs) break;
    // A settled call wakes the watch once; after that, only the pause (a settled promise would never let the loop turn).
    const pause = sleep(PARENT_POLL_MS, undefined, { ref: false });
    await (awaitMs === null ? Promise.race([settled, pause]) : pause);
  }
  const endMs = sinceKill();
  const finalAwaitMs: number | null = awaitMs;
  return {
    parentAwaitMs: finalAwaitMs,
    parentLoopFreeMs: loopFreeMs,
    parentSettledMs: loopFreeMs === null || finalAwaitMs === null ? null : Math.max(loopFreeMs, finalAwaitMs),
    parentHeldBy: log.lasting(endMs),
    parentWatchedMs: endMs,
  };
}

/** Every hold the reads saw, from when it was first seen until it was no longer; only those that lasted count. */
function createHoldLog() {
  const entries = new Map<string, { seen: SeenHold; sinceMs: number; untilMs: number | null }>();
  return {
    note(seen: readonly SeenHold[], nowMs: number): void {
      const keys = new Set(seen.map((hold) => hold.key));
      for (const entry of entries.values()) if (!keys.has(entry.seen.key)) entry.untilMs ??= nowMs;
      for (const hold of seen) entries.set(hold.key, { seen: hold, sinceMs: entries.get(hold.key)?.sinceMs ?? nowMs, untilMs: null });
    },
    lasting(endMs: number): ParentHold[] {
      return [...entries.values()]
        .filter(({ sinceMs, untilMs }) => (untilMs ?? endMs) - sinceMs >= PARENT_HOLD_GRACE_MS)
        .map(({ seen, untilMs }) => ({ ...seen.held, heldUntilMs: untilMs }));
    },
  };
}

/** What held the parent at the stop timeout, when the work had not ended (its host is killed next): read once, nothing awaited. */
export function readParentAtHang(watch: Omit<ParentWatch, 'watchMs'>): ParentExit {
  const atMs = performance.now() - watch.killRequestedAt;
  const holds = readHolds(watch, false).map(({ held }) => ({ ...held, heldUntilMs: null }));
  return { parentAwaitMs: null, parentLoopFreeMs: null, parentSettledMs: null, parentHeldBy: holds, parentWatchedMs: atMs };
}

/** Everything holding the parent now: the awaited call, pipes held open by a named process, the work's thread, other handles. */
function readHolds(watch: Omit<ParentWatch, 'watchMs'>, awaiting: boolean): SeenHold[] {
  const extra = subtractResources(countActiveResources(), watch.baseline);
  const holds: SeenHold[] = [];
  if (awaiting) holds.push({ key: 'promise', held: { kind: 'promise', promise: watch.ties.awaited, description: `${watch.ties.awaited} had not settled` } });
  for (const pipe of readHeldPipes(watch.ties)) {
    holds.push(pipe);
    // The stream's handle is one of the parent's active pipes: named here, it is not counted again below.
    const pipes = extra.get('PipeWrap') ?? 0;
    if (pipes > 0) extra.set('PipeWrap', pipes - 1);
  }
  const thread = readThreadHold(watch);
  if (thread !== null) holds.push(thread);
  for (const [resource, count] of extra) {
    const description = `${count} × ${resource} in the parent's event loop`;
    if (count > 0) holds.push({ key: `handle ${resource}`, held: { kind: 'handle', resource, count, description } });
  }
  return holds;
}

/** The pipes to the work whose other end a process still holds (the work itself, or a descendant that inherited it). */
function readHeldPipes(ties: ParentTies): SeenHold[] {
  if (ties.pipes.length === 0) return [];
  const candidates = listLivingDescendants(process.pid);
  return ties.pipes.flatMap((pipe) => {
    const holders = findOwnPipeHolders(pipe, candidates);
    if (holders.length === 0) return [];
    const { channel } = pipe;
    const named = holders.map((holder) => `${holder.command} (pid ${holder.pid}, as its fd ${holder.fds.join(', ')})`).join(', ');
    return [{ key: `pipe ${channel}`, held: { kind: 'pipe' as const, channel, holders, description: `the child's ${channel} pipe, held open by ${named}` } }];
  });
}

/** The work's own thread, when it still lives: a worker blocked in a call that terminate() cannot interrupt. */
function readThreadHold({ thread, killRequestedAt }: Omit<ParentWatch, 'watchMs'>): SeenHold | null {
  const activity = readWorkActivity(thread, killRequestedAt);
  if (activity.kernelState === null || activity.kernelState === 'Z') return null;
  const doing = activity.systemCall === null ? `still ${activity.state}` : `still in ${activity.systemCall}()`;
  const description = `the work's thread, ${doing}`;
  return { key: `thread ${thread.threadId}`, held: { kind: 'system-call', systemCall: activity.systemCall, threadId: thread.threadId, description } };
}
