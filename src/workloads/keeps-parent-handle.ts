import { spawn, type StdioOptions } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';
import { defineWorkload } from '../workload/define-workload.ts';
import { HELPER_SECONDS, keepHelperUntilStopped } from '../workload/helper-process.ts';

/**
 * A helper process given the work's channel to its parent, as a child that hands its IPC descriptor to a tool it
 * starts: a child's IPC channel is a pipe whose end the parent's event loop keeps open, and on which execa's `await
 * subprocess` waits, for as long as any process holds the other end. A worker's channels to its host are memory
 * (MessagePorts), which no other process can hold: in a thread the helper holds nothing of its host.
 */
export default defineWorkload({
  name: 'keeps-parent-handle',
  description: `spawns \`sleep ${HELPER_SECONDS}\` holding the work's IPC channel to its parent (a child's; a worker has none); once stopped, kills it and waits for its exit`,
  run: (context) => keepHelperUntilStopped(context, spawn('sleep', [String(HELPER_SECONDS)], { stdio: withParentChannel() }), 'helper killed'),
});

/**
 * No stdio, and the IPC channel's descriptor as the helper's fd 3 where the work has one (a child started with IPC).
 * A worker has none, and is not asked: Deno throws ERR_WORKER_UNSUPPORTED_OPERATION at `process.channel` in a worker.
 */
function withParentChannel(): StdioOptions {
  if (!isMainThread) return 'ignore';
  const channel = (process.channel as { fd?: unknown } | undefined)?.fd;
  return typeof channel === 'number' ? ['ignore', 'ignore', 'ignore', channel] : 'ignore';
}
