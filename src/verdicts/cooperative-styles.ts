import type { KillStyleName } from '../kill-styles/kill-styles.ts';
import type { Language } from '../runtime/runtime.ts';

/** Each language's cooperative stop: what its workloads' cleanup and blocking calls are first seen under. */
export const COOPERATIVE_STYLES: Readonly<Record<Language, KillStyleName>> = { node: 'abort', python: 'event' };
