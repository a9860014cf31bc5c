import type { TrialOutcome } from '../record/trial-result.ts';
import { renderElement } from './svg-syntax.ts';

/** How the grid draws a cell whose trials ended one way: its fill and the legend's words for it. */
interface OutcomeStyle {
  readonly fill: string;
  readonly legend: string;
}

/** Mid-tone fills that dark text reads on; they differ in lightness too, so they stay apart without colour vision. */
export const OUTCOME_STYLES: Readonly<Record<TrialOutcome, OutcomeStyle>> = {
  stopped: { fill: '#8fd19e', legend: 'stopped: ended, left nothing' },
  leaked: { fill: '#f6a545', legend: 'leaked: ended, left what is named under it' },
  hung: { fill: '#e5534b', legend: 'hung: not ended within the stop timeout' },
  errored: { fill: '#b8bcc2', legend: 'errored: could not run' },
  'not-applicable': { fill: 'url(#not-applicable)', legend: 'n/a: the kill style does not apply' },
};

/** A leaked cell whose every leftover went away by itself after the stop (watched for --linger): lighter than one that stayed. */
export const LINGERED_STYLE = { fill: '#fbd9a6', legend: 'leaked, then gone by itself (a lingering leftover)' } as const;

/** A cell without a recorded trial (an incomplete run): an outline, no fill. */
export const NOT_RUN_STYLE = { fill: '#ffffff', legend: 'not run (the run ended early)' } as const;

export const TEXT_COLOUR = '#1f2328';
export const MUTED_COLOUR = '#59636e';

/** The hatch of not-applicable squares, defined once and referenced by every one of them. */
export function renderPatterns(): string {
  const stripe = renderElement('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#c9ced4', 'stroke-width': 2.5 });
  const hatch = renderElement('pattern', { id: 'not-applicable', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' }, [
    renderElement('rect', { width: 6, height: 6, fill: '#f3f4f6' }),
    stripe,
  ]);
  return renderElement('defs', {}, [hatch]);
}
