import { defineWorkload } from '../workload/define-workload.ts';

/** Pure computation: no resources, so any leftover is the runtime's own. Checks the stop flag every iteration. */
export default defineWorkload({
  name: 'cpu-loop',
  description: 'busy loop of hashing-like arithmetic that checks stopRequested() on every iteration',
  run(context) {
    context.ready();
    let accumulator = 0;
    while (!context.stopRequested()) {
      for (let step = 0; step < 10_000; step += 1) accumulator = (accumulator * 31 + step) | 0;
    }
    context.markCleanupRan(`loop exited (${accumulator !== 0})`);
  },
});
