import { spawn } from 'node:child_process';
import { defineWorkload } from '../workload/define-workload.ts';
import { HELPER_SECONDS, keepHelperUntilStopped } from '../workload/helper-process.ts';

/**
 * A helper process that writes where the work writes, as a spawned tool with `stdio: 'inherit'` or a shell's
 * background job does: in a child, those are pipes to the parent, which the helper holds open for as long as it lives,
 * however the child ended; in a worker, they are its host's own descriptors, which tie the host to nothing.
 */
export default defineWorkload({
  name: 'grandchild-holds-stdout',
  description: `spawns \`sleep ${HELPER_SECONDS}\` with the work's stdin, stdout and stderr (stdio: 'inherit'); once stopped, kills it and waits for its exit`,
  run: (context) => keepHelperUntilStopped(context, spawn('sleep', [String(HELPER_SECONDS)], { stdio: 'inherit' }), 'helper killed'),
});
