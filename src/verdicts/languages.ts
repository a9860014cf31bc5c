import type { BuiltInKillStyleName } from '../kill-styles/kill-styles.ts';
import { type Language, languageOf, type NodeRuntimeName, type PythonRuntimeName } from '../runtime/runtime.ts';
import type { Rule, Selection } from './rule.ts';

/** The Python runtime that plays each Node.js runtime's part in a rule: py-process uses the interpreter's default start method. */
const PYTHON_RUNTIMES: Readonly<Record<NodeRuntimeName, PythonRuntimeName>> = { thread: 'py-thread', process: 'py-process' };

/**
 * The Python styles that play each Node.js style's part in a rule, as the articles recommend them: the forced thread
 * kill is the asynchronous exception (by hand, or by stopit's timer), the cooperative stop the Event, ask-then-force
 * join-then-terminate. A style Python has no counterpart of (tree-kill, a handled SIGTERM) keeps its name, which no
 * Python trial has: it selects nothing there, and the share reads not measured. A style not listed (the presets, which
 * apply in both languages) keeps its name too.
 */
const PYTHON_STYLES: Readonly<Partial<Record<BuiltInKillStyleName, readonly BuiltInKillStyleName[]>>> = {
  abort: ['event'],
  'abort-then-force': ['join-then-terminate'],
  terminate: ['async-exception', 'stopit-timeout'],
  sigterm: ['sigterm'],
  'sigterm-handled': ['sigterm-handled'],
  sigint: ['sigint'],
  sigkill: ['sigkill'],
  'tree-kill': ['tree-kill'],
  timeout: ['stopit-timeout'],
  crash: ['crash'],
  exit: ['exit'],
  'host-death': ['host-death', 'daemon-exit'],
  event: ['event'],
  'async-exception': ['async-exception'],
  'stopit-timeout': ['stopit-timeout'],
  'daemon-exit': ['daemon-exit'],
  'futures-cancel': ['futures-cancel'],
  'join-then-terminate': ['join-then-terminate'],
};

/** The languages a run's runtimes speak, Node.js first. */
export function languagesOf(runtimes: readonly string[]): Language[] {
  const languages = new Set(runtimes.map((runtime) => languageOf(runtime as NodeRuntimeName)));
  return (['node', 'python'] as const).filter((language) => languages.has(language));
}

/** The rule as it reads in the language: the same statement and counting, its selections moved to that language's runtimes and styles. */
export function translateRule(rule: Rule, language: Language): Rule {
  if (language === 'node') return rule;
  const move = (select: Selection): Selection => ({
    ...select,
    runtime: PYTHON_RUNTIMES[select.runtime as NodeRuntimeName] ?? select.runtime,
    kills: [...new Set(select.kills.flatMap((kill) => PYTHON_STYLES[kill] ?? [kill]))],
  });
  if (rule.shape === 'share') {
    return {
      ...rule,
      share: { ...rule.share, select: move(rule.share.select) },
      ...(rule.also === undefined ? {} : { also: rule.also.map((share) => ({ ...share, select: move(share.select) })) }),
    };
  }
  const { comparison } = rule;
  const side = ({ select }: { select: Selection }) => {
    const moved = move(select);
    return { label: `${moved.kills.join(' or ')} of a ${moved.runtime === 'py-thread' ? 'Python thread' : 'Python process'}`, select: moved };
  };
  return { ...rule, comparison: { ...comparison, first: side(comparison.first), second: side(comparison.second) } };
}
