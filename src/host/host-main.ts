import type { HostCommand, HostEvent } from './host-messages.ts';
import { hostTrial } from './host-trial.ts';

// The host process: one per trial, so a thread's leftovers stay in a process the harness can inspect and discard.
// It reports over IPC; its stdio may be closed under it by a worker that closes fds 0–2, which must not kill it.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
const send = (event: HostEvent) => process.send?.(event);
let orderKill: () => void = () => undefined;
const killOrdered = new Promise<void>((resolve) => {
  orderKill = resolve;
});

process.on('message', (command: HostCommand) => {
  if (command.type === 'kill') return orderKill();
  hostTrial(command.trial, send, killOrdered).catch((error: unknown) => send({ type: 'work-failed', message: String(error) }));
});
send({ type: 'host-ready' });
