import type { HostKillStyle } from './kill-style.ts';

/** The parent of the work dies: the harness SIGKILLs the host process, and the probes show what outlived it. */
export const hostDeath: HostKillStyle = {
  kind: 'host',
  name: 'host-death',
  description: 'SIGKILL to the host process that owns the worker or the child: what outlives its parent',
};
