import { describeBadValue, UsageError } from '../errors/usage-error.ts';

/** The flags node:util's parseArgs is given, by name: what each takes. */
type FlagTypes = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/**
 * `--trials -3` is a flag and a negative number, which node:util takes for two flags: joined as `--trials=-3`, the value
 * meets its option's own check, and the refusal names it.
 */
export function joinNegativeValues(argv: readonly string[], options: FlagTypes): string[] {
  const joined: string[] = [];
  for (const arg of argv) {
    const previous = joined.at(-1);
    const takesValue = previous !== undefined && /^--[\w-]+$/.test(previous) && options[previous.slice(2)]?.type === 'string';
    if (takesValue && /^-\d/.test(arg)) joined[joined.length - 1] = `${previous}=${arg}`;
    else joined.push(arg);
  }
  return joined;
}

/** node:util keeps the last of a repeated flag and drops the others unsaid: a run must not silently ignore what it was given. */
export function rejectRepeatedFlags(tokens: readonly { kind: string; name?: string; value?: string | undefined }[], listFlags: readonly string[]): void {
  const given = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const values = [...(given.get(token.name) ?? []), token.value ?? ''];
    given.set(token.name, values);
    if (values.length === 2) {
      const shown = values.filter((value) => value !== '').map((value) => JSON.stringify(value));
      const listHint = listFlags.includes(token.name) ? ', with a comma-separated list' : '';
      throw new UsageError(
        describeBadValue('flag', `--${token.name}`, `it was given twice${shown.length > 0 ? ` (${shown.join(', ')})` : ''}; give it once${listHint}`),
      );
    }
  }
}

/** node:util's messages are long and vary by version: name the flag and what is allowed in our own words. */
export function describeParseError(error: unknown, options: FlagTypes): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]*)/.exec(message)?.[1] ?? message;
  const allowedFlags = `allowed: ${Object.keys(options)
    .map((name) => `--${name}`)
    .join(', ')}`;
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return describeBadValue('flag', flag, allowedFlags);
  return describeBadValue('flag', flag, 'it needs a value: write --flag=value when the value starts with a dash');
}
