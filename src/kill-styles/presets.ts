import { sequenceStyle } from './stop-sequence.ts';

// What the tools users run do to stop their work, with their defaults, read from each tool's current source (the
// `source` each preset cites, which --list prints). Their waits are the tools' own, so a trial of one lasts up to them
// plus --stop-timeout; none is in the default --kill list.

/** execa's subprocess.kill(): its killSignal, then SIGKILL once forceKillAfterDelay has passed. */
export const execaForceKill = sequenceStyle({
  name: 'execa-force-kill',
  steps: 'sigterm>5s>sigkill',
  description:
    "execa's subprocess.kill(): SIGTERM (killSignal), then SIGKILL if the child is still there after forceKillAfterDelay, 5 s by default (processes only)",
  preset: {
    source:
      'execa 10.0.1 lib/terminate/kill.js (DEFAULT_FORCE_KILL_TIMEOUT = 1000 * 5, killOnTimeout sends SIGKILL) and lib/arguments/options.js (forceKillAfterDelay = true, killSignal = SIGTERM); the same in execa 9.6.1, which this package runs',
  },
});

/** docker stop: the container's stop signal, the stop timeout, then SIGKILL. */
export const dockerStop = sequenceStyle({
  name: 'docker-stop',
  steps: 'sigterm>10s>sigkill',
  description:
    "docker stop: SIGTERM to the container's main process, then SIGKILL if it has not exited within 10 s. Only the child is signalled: in a container, its other processes die with its PID 1, which a child here is not (processes only)",
  preset: {
    source:
      'moby/moby docker-v29.7.2 daemon/stop.go (containerStop: the stop signal, wait, then kill), daemon/config/config_linux.go (defaultStopTimeout = 10), daemon/container/container.go (defaultStopSignal = SIGTERM)',
  },
});

/** vitest's forks pool: the stop message, then SIGTERM and SIGKILL after 500 ms. */
export const vitestForks = sequenceStyle({
  name: 'vitest-forks',
  steps: 'ask>60s>sigterm>500ms>sigkill',
  description:
    "vitest's forks pool: a stop message, up to 60 s for the worker to finish, then fork.kill() (SIGTERM) and SIGKILL if the child has not exited 500 ms later (processes only)",
  preset: {
    source:
      'vitest 5.0.0-rc.2 packages/vitest/src/node/pools/poolRunner.ts (stop(): { type: "stop" } message, STOP_TIMEOUT = 60_000) and pools/workers/forksWorker.ts (stop(): fork.kill(), then SIGKILL after SIGKILL_TIMEOUT = 500)',
  },
});

/** vitest's threads pool: the stop message, then worker.terminate(). */
export const vitestThreads = sequenceStyle({
  name: 'vitest-threads',
  steps: 'ask>60s>terminate',
  description: "vitest's threads pool: a stop message, up to 60 s for the worker to finish, then worker.terminate(); in a Python child, Process.terminate()",
  preset: {
    source:
      'vitest 5.0.0-rc.2 packages/vitest/src/node/pools/poolRunner.ts (stop(): { type: "stop" } message, STOP_TIMEOUT = 60_000) and pools/workers/threadsWorker.ts (stop(): thread.terminate())',
  },
});

/** systemd's stop of a service with the default KillMode=control-group. */
export const systemdStop = sequenceStyle({
  name: 'systemd-stop',
  steps: 'cgroup-sigterm>90s>cgroup-sigkill',
  description:
    "systemd's stop with KillMode=control-group: SIGTERM to every process of the cgroup, then SIGKILL to those still there after TimeoutStopSec=, 90 s by default; here the cgroup is the host's, every process of it but the host (processes only, where the host has a cgroup; systemd's SIGCONT after the SIGTERM is not sent)",
  preset: {
    source:
      'systemd v256 man/systemd.kill.xml (KillMode= defaults to control-group; KillSignal= SIGTERM, then SIGKILL to what remains after TimeoutStopSec=) and meson_options.txt (default-timeout-sec = 90, DEFAULT_TIMEOUT_USEC in src/basic/constants.h)',
  },
});
