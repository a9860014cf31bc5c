import { OUTCOMES, OUTCOMES_WORST_FIRST } from '../analysis/outcomes.ts';
import { LINGERED_STYLE, MUTED_COLOUR, NOT_RUN_STYLE, OUTCOME_STYLES, TEXT_COLOUR } from './svg-outcome-style.ts';
import { estimateTextWidth, renderElement, renderText } from './svg-syntax.ts';

const FONT_SIZE = 11;
const LINE_HEIGHT = 17;
const SWATCH = 11;
const ITEM_GAP = 18;

/** Drawn markup and the height it takes, so the caller can size the picture around it. */
export interface Block {
  readonly markup: string[];
  readonly height: number;
}

/**
 * A swatch and its words for every outcome, wrapped to the width, then how to read the counts. `not run` is listed
 * only when a cell of the picture has no trial, so a complete run's legend names nothing it does not show.
 */
export function renderGridLegend(left: number, top: number, width: number, withNotRun: boolean, withLingered: boolean): Block {
  const outcomes = OUTCOMES.flatMap((outcome) =>
    outcome === 'leaked' && withLingered ? [OUTCOME_STYLES[outcome], LINGERED_STYLE] : [OUTCOME_STYLES[outcome]],
  );
  const items = [...outcomes, ...(withNotRun ? [NOT_RUN_STYLE] : [])];
  const markup: string[] = [];
  let x = left;
  let line = 0;
  for (const item of items) {
    const itemWidth = SWATCH + 5 + estimateTextWidth(item.legend, FONT_SIZE);
    if (x > left && x + itemWidth > left + width) {
      x = left;
      line += 1;
    }
    const baseline = top + line * LINE_HEIGHT + FONT_SIZE;
    markup.push(
      renderElement('rect', {
        class: 'swatch',
        x,
        y: baseline - SWATCH + 1,
        width: SWATCH,
        height: SWATCH,
        rx: 2,
        fill: item.fill,
        stroke: TEXT_COLOUR,
        'stroke-opacity': 0.25,
      }),
      renderText(item.legend, { x: x + SWATCH + 5, y: baseline, 'font-size': FONT_SIZE, fill: TEXT_COLOUR }),
    );
    x += itemWidth + ITEM_GAP;
  }
  const note =
    'In each square, k/n: trials that ended as its colour says, of the trials run. A square whose trials ended in more than one way ' +
    `shows the worst (${OUTCOMES_WORST_FIRST.filter((outcome) => outcome !== 'not-applicable').join(', then ')}). Under it, what the leaked trials left: the most one trial left of each kind.`;
  const noteLines = wrapWords(note, width, FONT_SIZE);
  const noteTop = top + (line + 1) * LINE_HEIGHT + 4;
  noteLines.forEach((text, index) =>
    markup.push(renderText(text, { x: left, y: noteTop + index * LINE_HEIGHT + FONT_SIZE, 'font-size': FONT_SIZE, fill: MUTED_COLOUR })),
  );
  return { markup, height: noteTop - top + noteLines.length * LINE_HEIGHT };
}

/** Lines of whole words, each within the width as estimated. */
export function wrapWords(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && estimateTextWidth(`${last} ${word}`, fontSize) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
