import { spawn } from 'node:child_process';
import { defineWorkload } from '../workload/define-workload.ts';
import { keepHelperUntilStopped } from '../workload/helper-process.ts';

/** A process the workload starts itself: a stop that skips cleanup shows whether the runtime takes it down too. */
export default defineWorkload({
  name: 'grandchild',
  description: 'spawns `sleep 300` and, once stopped, kills it and waits for its exit so no zombie remains',
  run: (context) => keepHelperUntilStopped(context, spawn('sleep', ['300'], { stdio: 'ignore' }), 'grandchild killed'),
});
