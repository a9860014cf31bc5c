// A small well-formedness check, enough for the SVG the report writes: one root, tags that nest and close, quoted
// unique attributes, and no bare `<` or `&` in text or values. No DTD, no CDATA: the renderer writes neither.

const NAME = '[A-Za-z_][\\w.:-]*';
const TOKENS = /<!--[\s\S]*?-->|<[^>]*>|[^<]+/g;
const CLOSING = new RegExp(`^</(${NAME})\\s*>$`);
const OPENING = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** What keeps the text from being well-formed XML; empty when nothing does. */
export function findXmlProblems(text: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  const body = text.replace(/^<\?xml[^?]*\?>/, '');
  for (const [token] of body.matchAll(TOKENS)) {
    if (token.startsWith('<!--')) continue;
    if (!token.startsWith('<')) {
      if (open.length === 0 && token.trim() !== '') problems.push(`text outside the root element: ${JSON.stringify(token.slice(0, 40))}`);
      if (BARE_AMPERSAND.test(token) || token.includes('>')) problems.push(`unescaped text: ${JSON.stringify(token.slice(0, 40))}`);
      continue;
    }
    const closing = CLOSING.exec(token);
    if (closing !== null) {
      const expected = open.pop();
      if (expected !== closing[1]) problems.push(`</${closing[1]}> closes <${expected ?? 'nothing'}>`);
      continue;
    }
    const opening = OPENING.exec(token);
    if (opening === null) {
      problems.push(`not a tag: ${JSON.stringify(token.slice(0, 60))}`);
      continue;
    }
    const [, name = '', attributes = '', selfClosing] = opening;
    problems.push(...checkAttributes(name, attributes));
    if (open.length === 0) roots += 1;
    if (selfClosing !== '/') open.push(name);
  }
  if (open.length > 0) problems.push(`never closed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

function checkAttributes(element: string, attributes: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const [, name = '', double, single] of attributes.matchAll(ATTRIBUTE)) {
    if (seen.has(name)) problems.push(`<${element}> repeats ${name}`);
    seen.add(name);
    if (BARE_AMPERSAND.test(double ?? single ?? '')) problems.push(`<${element} ${name}> holds a bare &`);
  }
  return problems;
}
