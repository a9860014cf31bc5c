import { stat } from 'node:fs/promises';
import { readRunningEngine } from '../this-engine/read-engine.ts';
import { NODE_RUNTIME_NAMES, type NodeRuntimeName } from '../runtime/runtime.ts';
import type { HostCommand, HostEvent } from './host-messages.ts';
import { hostTrial } from './host-trial.ts';
import { collectGarbage } from './collect-garbage.ts';
import { loadAdapter } from './load-adapter.ts';
import { becomeSubreaper, killDescendants } from './subreaper.ts';

// The host process: it runs trials one after another (a lane gives it another only once a trial left it exactly as
// clean as it started, see src/host/host-clean-state.ts), so a thread's leftovers stay in a process the harness
// can inspect and discard. It reports over IPC; its stdio may be closed under it by a worker that closes fds 0–2,
// which must not kill it.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const send = (event: HostEvent) => process.send?.(event);
// The harness is gone (it crashed, or was SIGKILLed): every descendant of the host ends now, and the host with it. As
// its trials' subreaper the host holds every orphan they made too (a setsid daemon included), so nothing of theirs
// outlives it; what could still have left (a host that could not become a subreaper), the next run reaps.
process.on('disconnect', () => {
  killDescendants();
  process.kill(-process.pid, 'SIGKILL');
});
let orderKill: () => void = () => undefined;

process.on('message', (command: HostCommand) => {
  if (command.type === 'kill') return orderKill();
  if (command.type === 'collect-garbage') {
    collectGarbage();
    return send({ type: 'garbage-collected' });
  }
  // Each trial waits for its own kill order; the harness sends one per trial, after that trial's start.
  const killOrdered = new Promise<void>((resolve) => {
    orderKill = resolve;
  });
  const { trial } = command;
  // A Python runtime's trial goes to a Python host (python/host.py); one sent here is the harness's mistake, said as such.
  if (!isNodeRuntime(trial.runtime)) return send({ type: 'work-failed', message: `a Node.js host cannot run a ${trial.runtime} trial` });
  hostTrial({ ...trial, runtime: trial.runtime }, send, killOrdered).catch((error: unknown) => send({ type: 'work-failed', message: String(error) }));
});
// Before any trial: every orphan a trial leaves from now on is re-parented to this host, not to init.
const containment = await becomeSubreaper();
// A host started for one runtime imports that adapter before it says it is ready, so the work's start never pays for it.
const runtime = process.argv[2];
if (isNodeRuntime(runtime)) await loadAdapter(runtime);
// libuv starts its thread pool on the first asynchronous file call; starting it here puts its threads in the
// host's baseline, so the thread count after every trial, the first included, compares with the same number.
await stat(process.execPath);
const { name, version } = readRunningEngine();
send({ type: 'host-ready', engine: { name, version }, containment });

function isNodeRuntime(value: string | undefined): value is NodeRuntimeName {
  return (NODE_RUNTIME_NAMES as readonly (string | undefined)[]).includes(value);
}
