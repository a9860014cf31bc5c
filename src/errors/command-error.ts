/** The line that says why a command failed: its stderr's first line, else execa's short message, else the error's own. */
export function firstErrorLine(error: unknown): string {
  const record = error as { shortMessage?: string; stderr?: string; message?: string };
  const text =
    [record.stderr, record.shortMessage, record.message, String(error)].find((candidate) => candidate !== undefined && candidate.trim() !== '') ?? '';
  return text.trim().split('\n')[0] ?? '';
}
