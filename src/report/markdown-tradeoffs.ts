import type { RunRecord } from '../record/run-record.ts';
import { TRADEOFF_RULES } from './tradeoffs/tradeoff-rules.ts';

/** The "Tradeoffs" section: each rule's sentences under its title; a rule with nothing to say from this run is left out. */
export function renderTradeoffs(record: RunRecord): string {
  const described = TRADEOFF_RULES.map((rule) => ({ title: rule.title, sentences: rule.describe(record) })).filter(({ sentences }) => sentences.length > 0);
  const intro =
    'Each statement below is derived by a fixed rule from this run alone and cites the cells it rests on as `workload / kill style / runtime`, with trials as `k/n`. ' +
    'What a kill left behind counts only the trials it ended (stopped or leaked); a rule whose cells the run lacks says nothing.';
  if (described.length === 0) return ['## Tradeoffs', intro, 'This run has none of the cells the rules compare.'].join('\n\n');
  const items = described.map(({ title, sentences }) => [`- **${title}**`, ...sentences.map((sentence) => `  - ${sentence}`)].join('\n'));
  return ['## Tradeoffs', intro, items.join('\n')].join('\n\n');
}
