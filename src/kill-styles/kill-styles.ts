import { abort } from './abort.ts';
import type { KillStyle } from './kill-style.ts';
import { sigkill, sigterm } from './signals.ts';
import { terminate } from './terminate.ts';

/** Every kill style, in the order the report shows them; which runtime each applies to is in each entry. */
export const KILL_STYLES = { abort, terminate, sigterm, sigkill } as const satisfies Record<string, KillStyle>;

export type KillStyleName = keyof typeof KILL_STYLES;
export const KILL_STYLE_NAMES = Object.keys(KILL_STYLES) as KillStyleName[];
