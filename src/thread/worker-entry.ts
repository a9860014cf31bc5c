import { runWorkload } from '../entry/run-workload.ts';
import type { ThreadTask } from './thread-task.ts';
import { createThreadTransport } from './thread-transport.ts';

// tinypool loads this file in each worker: a transport adapter around the shared body.
export default (task: ThreadTask) => runWorkload(task.spec, createThreadTransport(task));
