import type { HostCommand, HostEvent } from './host-messages.ts';
import { hostTrial } from './host-trial.ts';

// The host process: one per trial, so a thread's leftovers stay in a process the harness can inspect and discard.
const send = (event: HostEvent) => process.send?.(event);

process.on('message', (command: HostCommand) => {
  hostTrial(command.trial, send).catch((error: unknown) => send({ type: 'work-failed', message: String(error) }));
});
send({ type: 'host-ready' });
