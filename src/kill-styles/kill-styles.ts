import { abort, abortThenForce } from './abort.ts';
import { crash, exit } from './faults.ts';
import { hostDeath } from './host-death.ts';
import type { KillStyle } from './kill-style.ts';
import { sigint, sigkill, sigterm, sigtermHandled } from './signals.ts';
import { terminate } from './terminate.ts';
import { timeout } from './timeout.ts';
import { treeKillStyle } from './tree-kill.ts';
import { asyncException, daemonExit, event, futuresCancel, joinThenTerminate, stopitTimeout } from './python-styles.ts';

/** Every kill style, in the order the report shows them, Node.js's then Python's; which runtime each applies to is in each entry. */
export const KILL_STYLES = {
  abort,
  'abort-then-force': abortThenForce,
  terminate,
  sigterm,
  'sigterm-handled': sigtermHandled,
  sigint,
  sigkill,
  'tree-kill': treeKillStyle,
  timeout,
  crash,
  exit,
  'host-death': hostDeath,
  event,
  'async-exception': asyncException,
  'stopit-timeout': stopitTimeout,
  'daemon-exit': daemonExit,
  'futures-cancel': futuresCancel,
  'join-then-terminate': joinThenTerminate,
} as const satisfies Record<string, KillStyle>;

export type KillStyleName = keyof typeof KILL_STYLES;
export const KILL_STYLE_NAMES = Object.keys(KILL_STYLES) as KillStyleName[];
