import { setPriority } from 'node:os';
import { defineWorkload } from '../workload/define-workload.ts';

/** The weakest priority a thread can take (nice 19): the loop gives way to every other thread of the machine. */
const LOWEST_PRIORITY = 19;

/**
 * A synchronous loop that never calls stopRequested() and never blocks: it sees no stop flag, yet it is in no system
 * call either, so only a forced stop ends it; what hangs it is the code, not a blocking call. On Linux setPriority()
 * applies to the calling thread alone, so the host and the rest of the trial run at their usual priority.
 */
export default defineWorkload({
  name: 'ignores-stop',
  description: 'calls ready(), then runs a synchronous arithmetic loop at the lowest CPU priority that never checks the stop request',
  // It never returns to code that reads the harness's commands, so crash and exit cannot be injected into it.
  readsCommands: false,
  run(context) {
    setPriority(LOWEST_PRIORITY);
    context.ready();
    let accumulator = 0;
    for (;;) accumulator = (accumulator * 31 + 7) | 0;
  },
});
