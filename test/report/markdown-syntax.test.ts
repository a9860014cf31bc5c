import { describe, expect, it } from 'vitest';
import { escapeCell, renderCodeBlock, renderInlineCode, renderListItem, renderTable } from '../../src/report/markdown-syntax.ts';

describe('markdown syntax', () => {
  it('escapes | and folds line breaks so cell text stays in its cell', () => {
    expect(escapeCell('a|b\nc')).toBe('a\\|b c');
  });

  it('renders a table with a separator row', () => {
    expect(renderTable(['A', 'B'], [['1', 'x|y']])).toBe('| A | B |\n| --- | --- |\n| 1 | x\\|y |');
  });

  it('fences a code block longer than any backtick run inside it', () => {
    expect(renderCodeBlock('plain', 'sh')).toBe('```sh\nplain\n```');
    expect(renderCodeBlock('has ```` inside')).toBe('`````\nhas ```` inside\n`````');
  });

  it('wraps inline code around backticks', () => {
    expect(renderInlineCode('name')).toBe('`name`');
    expect(renderInlineCode('a`b')).toBe('``a`b``');
    expect(renderInlineCode('`edge')).toBe('`` `edge ``');
  });

  it('indents the later lines of a list item to its marker width', () => {
    expect(renderListItem(10, 'first\n\nsecond')).toBe('10. first\n\n    second');
  });
});
