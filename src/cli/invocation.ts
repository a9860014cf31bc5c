/**
 * How the user ran the harness, so that the commands it prints (the reproducing command in the report, the resume
 * hint, --help) work where they were run: this project's own `npm run harness --` inside its clone, the installed
 * package's `npx isolation-harness` everywhere else.
 */
export function describeInvocation(environment: NodeJS.ProcessEnv = process.env): string {
  const ownScript = environment.npm_lifecycle_event === 'harness' && environment.npm_package_name === 'isolation-harness';
  return ownScript ? 'npm run harness --' : 'npx isolation-harness';
}

/** The command as one line a POSIX shell runs again: arguments with spaces, quotes or JSON are single-quoted. */
export function formatCommand(args: readonly string[]): string {
  return [describeInvocation(), ...args.map(quoteForShell)].join(' ');
}

function quoteForShell(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
