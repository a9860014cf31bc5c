import { isNotApplicable, type KillStyle, notApplicableReason } from '../kill-styles/kill-style.ts';
import { KILL_STYLES } from '../kill-styles/kill-styles.ts';
import { type ActingStep, actionOf } from '../kill-styles/step-actions.ts';
import { STEP_WORDS } from '../kill-styles/stop-steps.ts';
import { describeContainment } from '../process-family/containment.ts';
import { NODE_RUNTIME_NAMES, PYTHON_RUNTIME_NAMES, RUNTIME_NAMES } from '../runtime/runtime.ts';

const WAITS = { words: '500ms, 10s, grace', description: 'up to that long (grace: --grace) for the work to be gone', runtimes: [...RUNTIME_NAMES] };

/** The --list sections of kill styles: the styles, the presets with the source each was read from, and the steps of a sequence. */
export function renderKillStyleList(width: number): string {
  const styles = Object.values(KILL_STYLES) as KillStyle[];
  const own = styles.filter((style) => style.preset === undefined).map((style) => renderLine(style.name, style.description, appliesIn(style), width));
  const presets = styles.flatMap((style) =>
    style.preset === undefined
      ? []
      : [renderLine(style.name, style.description, appliesIn(style), width), `  ${''.padEnd(width)} source: ${style.preset.source}`],
  );
  const steps = [...listStepGroups(), WAITS];
  const stepWidth = Math.max(width, ...steps.map((group) => group.words.length));
  const cgroup = describeContainment();
  return [
    `Kill styles:\n${own.join('\n')}`,
    "Presets, what the tools users run do to stop their work, with their defaults (--kill NAME; in no default list: their waits are the tools' own):\n" +
      presets.join('\n'),
    "Stop sequences, steps joined by > and run one after another (--kill 'abort>500ms>tree-kill'): a wait ends once the work is gone and " +
      'skips the steps after it; --stop-timeout follows the last step, so a trial lasts up to its waits plus the stop timeout. ' +
      'A cell where a step cannot apply is not applicable; a result names the step after which the work was gone (endedBy, endedByStep).\n' +
      steps.map((group) => renderLine(group.words, group.description, group.runtimes, stepWidth)).join('\n') +
      `\n  (cgroup steps here: ${cgroup.available ? cgroup.description : `none, ${cgroup.description}`})`,
  ].join('\n\n');
}

function renderLine(name: string, description: string, runtimes: readonly string[], width: number): string {
  return `  ${name.padEnd(width)} ${description} [${runtimes.join(', ')}]`;
}

function appliesIn(style: KillStyle): string[] {
  return RUNTIME_NAMES.filter((runtime) => notApplicableReason(style, runtime) === null);
}

/** The step words that act, those that do the same in one line: `abort, ask, event`. */
function listStepGroups(): { words: string; description: string; runtimes: string[] }[] {
  const groups = new Map<string, { words: string[]; step: ActingStep }>();
  for (const [word, step] of Object.entries(STEP_WORDS)) {
    if (step.kind === 'wait') continue;
    const { description } = actionOf(step);
    groups.set(description, { words: [...(groups.get(description)?.words ?? []), word], step });
  }
  return [...groups].map(([description, { words, step }]) => {
    const action = actionOf(step);
    const node = NODE_RUNTIME_NAMES.filter((runtime) => !isNotApplicable(action[runtime]));
    const python = PYTHON_RUNTIME_NAMES.filter((runtime) => !isNotApplicable(action.python[runtime]));
    return { words: words.join(', '), description, runtimes: [...node, ...python] };
  });
}
