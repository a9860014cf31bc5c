import { abort, abortThenForce } from './abort.ts';
import { crash, exit } from './faults.ts';
import { hostDeath } from './host-death.ts';
import type { KillStyle } from './kill-style.ts';
import { dockerStop, execaForceKill, systemdStop, vitestForks, vitestThreads } from './presets.ts';
import { sigint, sigkill, sigterm, sigtermHandled } from './signals.ts';
import { sequenceStyle } from './stop-sequence.ts';
import { parseStopSequence, spellSequence } from './stop-steps.ts';
import { terminate } from './terminate.ts';
import { timeout } from './timeout.ts';
import { treeKillStyle } from './tree-kill.ts';
import { asyncException, daemonExit, event, futuresCancel, joinThenTerminate, stopitTimeout } from './python-styles.ts';

/**
 * Every built-in kill style, in the order the report shows them: Node.js's, Python's, then the presets of the tools
 * users run (in no default --kill list); which runtime each applies to is in each entry.
 */
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
  'execa-force-kill': execaForceKill,
  'docker-stop': dockerStop,
  'vitest-forks': vitestForks,
  'vitest-threads': vitestThreads,
  'systemd-stop': systemdStop,
} as const satisfies Record<string, KillStyle>;

export type BuiltInKillStyleName = keyof typeof KILL_STYLES;
/** A stop sequence composed on the command line, its steps joined by `>` (src/kill-styles/stop-steps.ts): `abort>500ms>tree-kill`. */
export type ComposedKillStyleName = `${string}>${string}`;
export type KillStyleName = BuiltInKillStyleName | ComposedKillStyleName;
export const KILL_STYLE_NAMES = Object.keys(KILL_STYLES) as BuiltInKillStyleName[];

/** The styles of the sequences composed so far, by name: each is built once. */
const composed = new Map<string, KillStyle>();

/** The style a name names: a built-in style or preset, or the sequence a composed name spells. */
export function killStyleOf(name: KillStyleName): KillStyle {
  if (isBuiltIn(name)) return KILL_STYLES[name];
  const known = composed.get(name);
  if (known !== undefined) return known;
  const parsed = parseStopSequence(name);
  if ('problem' in parsed) throw new Error(`kill style ${name}: ${parsed.problem}`);
  const style = sequenceStyle({ name, steps: parsed.steps });
  composed.set(name, style);
  return style;
}

/** The kill style a text names, a sequence spelled as results name it (`abort>500ms>tree-kill`); or what is wrong with it. */
export function readKillStyleName(text: string): { readonly name: KillStyleName } | { readonly problem: string } {
  if (isBuiltIn(text)) return { name: text };
  if (!text.includes('>')) return { problem: 'no kill style or preset has that name' };
  const parsed = parseStopSequence(text);
  return 'problem' in parsed ? parsed : { name: spellSequence(parsed.steps) as ComposedKillStyleName };
}

/** Whether a recorded value (a results file's, a baseline's) names a kill style, as results spell it. */
export function isKillStyleName(value: unknown): value is KillStyleName {
  if (typeof value !== 'string') return false;
  const read = readKillStyleName(value);
  return 'name' in read && read.name === value;
}

function isBuiltIn(name: string): name is BuiltInKillStyleName {
  return Object.hasOwn(KILL_STYLES, name);
}
