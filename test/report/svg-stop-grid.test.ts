import { describe, expect, it } from 'vitest';
import { OUTCOME_STYLES } from '../../src/report/svg-outcome-style.ts';
import { renderStopGrid } from '../../src/report/svg-stop-grid.ts';
import { buildStopRecord } from './build-stop-record.ts';
import { findXmlProblems } from './find-xml-problems.ts';

/** The texts of the picture, in order, unescaped only for the entities the renderer writes. */
function readTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => text);
}

describe('renderStopGrid', () => {
  const svg = renderStopGrid(buildStopRecord());

  it('is well-formed standalone SVG 1.1, sized, titled, with nothing GitHub refuses to show', () => {
    expect(findXmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="\d+" height="\d+" viewBox="0 0 \d+ \d+" font-family="sans-serif">/,
    );
    expect(svg).toContain('<title>Thread or process: what each stop left</title>');
    expect(svg).not.toMatch(/<script|<foreignObject|@font-face|xlink:href="http|<image/i);
  });

  it('draws one square per runtime in every cell, coloured by its worst outcome', () => {
    const fills = [...svg.matchAll(/<rect class="square"[^>]* fill="([^"]+)"/g)].map(([, fill]) => fill);
    const fillOf = (outcome: keyof typeof OUTCOME_STYLES) => OUTCOME_STYLES[outcome].fill;
    // Row by row, kill style by kill style (terminate, sigkill, abort), thread then process.
    expect(fills).toEqual([
      ...[fillOf('leaked'), fillOf('not-applicable'), fillOf('not-applicable'), fillOf('stopped'), fillOf('stopped'), fillOf('stopped')],
      // blocks: a cell of stopped and leaked trials is leaked; stopped and hung is hung; stopped and errored is errored.
      ...[fillOf('hung'), fillOf('not-applicable'), fillOf('not-applicable'), fillOf('leaked'), fillOf('hung'), fillOf('errored')],
    ]);
  });

  it('labels each square with its runtime and k/n, says hung and n/a, and names what leaked in a word', () => {
    const texts = readTexts(svg);
    expect(texts.filter((text) => text === 'T')).toHaveLength(6);
    expect(texts.filter((text) => text === 'P')).toHaveLength(6);
    // terminate for a process and sigkill for a thread, in both workloads.
    expect(texts.filter((text) => text === 'n/a')).toHaveLength(4);
    expect(texts).toEqual(expect.arrayContaining(['2/2', '1 proc', '1 file', 'hung', 'error']));
    // A mixed cell shows the k/n of its worst outcome: in blocks, sigkill's process, abort's thread and abort's process.
    expect(texts.filter((text) => text === '1/2')).toHaveLength(3);
  });

  it('escapes recorded names', () => {
    const strange = renderStopGrid(buildStopRecord(['abort'], 'a<b & "c"'));
    expect(findXmlProblems(strange)).toEqual([]);
    expect(strange).toContain('>a&lt;b &amp; &quot;c&quot;</text>');
  });
});

describe('findXmlProblems', () => {
  it('finds what breaks well-formedness, so a pass means something', () => {
    expect(findXmlProblems('<a><b></a>')).not.toEqual([]);
    expect(findXmlProblems('<a x="1" x="2"/>')).not.toEqual([]);
    expect(findXmlProblems('<a>fish & chips</a>')).not.toEqual([]);
    expect(findXmlProblems('<a/><b/>')).not.toEqual([]);
    expect(findXmlProblems('<?xml version="1.0"?>\n<a x="&amp;"><b/>fish &amp; chips</a>\n')).toEqual([]);
  });
});
