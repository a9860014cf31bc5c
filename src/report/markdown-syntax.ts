/** Cell text cannot hold a line break, and a bare `|` would end the cell early. */
export function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A GitHub-flavoured table; every cell is escaped here so callers pass plain text or inline Markdown. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const renderRow = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [renderRow(header), renderRow(header.map(() => '---')), ...rows.map(renderRow)].join('\n');
}

/** A fence longer than any run of backticks in the text, so recorded error text can never close it early. */
export function renderCodeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, findLongestBacktickRun(text) + 1));
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** A numbered list item whose later lines are indented to stay inside the item. */
export function renderListItem(number: number, lines: string): string {
  const marker = `${number}. `;
  const indent = ' '.repeat(marker.length);
  return (
    marker +
    lines
      .split('\n')
      .map((line, index) => (index === 0 || line === '' ? line : indent + line))
      .join('\n')
  );
}

/** Inline code that survives backticks inside the text. */
export function renderInlineCode(text: string): string {
  const ticks = '`'.repeat(findLongestBacktickRun(text) + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${padding}${text}${padding}${ticks}`;
}

function findLongestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
