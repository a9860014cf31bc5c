import { inEveryPythonRuntime, type WorkKillStyle } from './kill-style.ts';

/** The workload itself throws an error nothing catches, mid-work. */
export const crash: WorkKillStyle = {
  kind: 'work',
  name: 'crash',
  injectedAsCommand: true,
  description:
    'the workload throws an error it does not catch, mid-work: from its own stack if it polls stopRequested(), else from a message listener (a workload blocked in a synchronous call never gets it)',
  thread: (work) => work.sendCommand('crash'),
  process: (work) => work.sendCommand('crash'),
  ...inEveryPythonRuntime(
    'raise at check_commands(), uncaught: threading.excepthook reports it and the thread ends',
    'raise at check_commands(), uncaught: the child exits 1',
  ),
};

/** The workload itself calls process.exit() mid-work: in a worker thread that ends only the worker. */
export const exit: WorkKillStyle = {
  kind: 'work',
  name: 'exit',
  injectedAsCommand: true,
  description: 'the workload calls process.exit(1) mid-work; in a worker that ends only the worker (a workload blocked in a synchronous call never gets it)',
  thread: (work) => work.sendCommand('exit'),
  process: (work) => work.sendCommand('exit'),
  ...inEveryPythonRuntime('sys.exit(3) at check_commands(): SystemExit ends only the thread', 'os._exit(3) at check_commands(): the child ends at once'),
};
