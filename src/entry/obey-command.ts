import type { WorkerCommand } from './messages.ts';

/** The error a `crash` command throws: named so the report can tell an injected crash from a workload's own bug. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

/**
 * Carries out a host command inside the workload. Called from the message listener (asynchronous workloads) and
 * from stopRequested() (synchronous ones); whichever comes first acts, so a crash is thrown once, on whichever
 * stack the workload is running at that moment, and nothing in the workload catches it on purpose.
 */
export function createCommandHandler(controller: AbortController): (command: WorkerCommand) => void {
  const obeyed = new Set<WorkerCommand>();
  return (command) => {
    if (obeyed.has(command)) return;
    obeyed.add(command);
    if (command === 'stop') controller.abort();
    if (command === 'crash') throw new InjectedCrash('crash injected by isolation-harness mid-work');
    if (command === 'exit') process.exit(1);
  };
}
