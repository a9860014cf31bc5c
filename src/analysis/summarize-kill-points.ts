import type { HungTrial, StoppedTrial } from '../record/trial-result.ts';

/** The part of a probed trial these summaries read. */
type KilledTrial = Pick<StoppedTrial | HungTrial, 'killPoint' | 'killedInSection'>;

/** The smallest and largest of some milliseconds. */
export interface MillisecondRange {
  readonly min: number;
  readonly max: number;
}

/** A critical section the kills of a cell aimed at, and how many of them landed inside it. */
export interface SectionTarget {
  readonly section: string;
  /** The seeded waits after ready() before the first entry into the section that the kill aimed at. */
  readonly afterMs: MillisecondRange;
  /** Trials whose kill was timed for the moment the workload entered this section. */
  readonly targeted: number;
  /** Of those, trials that stopped inside it, by the workload's own section log: the evidence the targeted kill landed. */
  readonly landed: number;
}

/** Where the kills of a cell's probed trials were aimed, and where the work actually was when it stopped. */
export interface KillPointSummary {
  /** The range of the seeded delays after ready(); null when no kill was timed by delay. */
  readonly delayMs: MillisecondRange | null;
  /** The runtime deadlines (ms from the start of the work) that timed a `timeout` kill, without repeats. */
  readonly deadlineMs: number[];
  /** The sections kills aimed at, in order of first occurrence. */
  readonly sections: SectionTarget[];
  /** Trials timed by a delay or a deadline, not aimed at a section. */
  readonly untargeted: number;
  /** Of those, the trials that stopped inside a section all the same, by section, in order of first occurrence. */
  readonly insideByChance: Readonly<Record<string, number>>;
}

/** A targeted kill is only evidence when it landed: the section the workload was in is compared with the one aimed at. */
export function summarizeKillPoints(trials: readonly KilledTrial[]): KillPointSummary {
  const delays: number[] = [];
  const deadlines = new Set<number>();
  const sections = new Map<string, { targeted: number; landed: number; afterMs: number[] }>();
  const insideByChance: Record<string, number> = {};
  for (const { killPoint, killedInSection } of trials) {
    if (killPoint.kind === 'section') {
      const target = sections.get(killPoint.section) ?? { targeted: 0, landed: 0, afterMs: [] };
      const landed = killedInSection === killPoint.section ? 1 : 0;
      sections.set(killPoint.section, { targeted: target.targeted + 1, landed: target.landed + landed, afterMs: [...target.afterMs, killPoint.afterMs] });
      continue;
    }
    if (killPoint.kind === 'delay') delays.push(killPoint.delayMs);
    else deadlines.add(killPoint.afterStartMs);
    if (killedInSection !== null) insideByChance[killedInSection] = (insideByChance[killedInSection] ?? 0) + 1;
  }
  return {
    delayMs: delays.length === 0 ? null : spanOf(delays),
    deadlineMs: [...deadlines],
    sections: [...sections].map(([section, { targeted, landed, afterMs }]) => ({ section, afterMs: spanOf(afterMs), targeted, landed })),
    untargeted: trials.length - [...sections.values()].reduce((sum, target) => sum + target.targeted, 0),
    insideByChance,
  };
}

function spanOf(milliseconds: readonly number[]): MillisecondRange {
  return { min: Math.min(...milliseconds), max: Math.max(...milliseconds) };
}
