import type { ParentExit } from '../record/parent-exit.ts';
import type { HostProcess } from './host-process.ts';

/** Beyond the watch's own time, how long the harness waits for a host's word on its watch of itself as the parent. */
const PARENT_RELEASE_MARGIN_MS = 2_000;

/**
 * What the host saw of itself as the work's parent, which it reports once it could go on, or once `lingerMs` after
 * the kill had passed (see src/host/parent-watch.ts), with `reportedMs` when the runtime's own promise settled only
 * meanwhile; nothing when it did not say (a Python host watches no parent).
 */
export async function awaitParentRelease(host: HostProcess, lingerMs: number): Promise<Partial<ParentExit> & { reportedMs?: number }> {
  if (host.engine === null) return {};
  const released = await host.waitFor(['parent-released'], lingerMs + PARENT_RELEASE_MARGIN_MS);
  if (released.type !== 'parent-released') return {};
  const { type: _type, ...figures } = released;
  return figures;
}
