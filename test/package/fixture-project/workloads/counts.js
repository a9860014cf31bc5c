// A user's plain JavaScript workload: it counts until asked to stop.
import { defineWorkload } from 'isolation-harness';

export default defineWorkload({
  name: 'counts',
  description: 'counts on the CPU until stopped',
  run(context) {
    context.ready();
    let count = 0;
    while (!context.stopRequested()) count += 1;
    context.markCleanupRan(`counted ${count}`);
  },
});
