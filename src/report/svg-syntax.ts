/** Text and attribute values escaped for XML: recorded names (a workload's, a command's) can hold any character. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type Attributes = Readonly<Record<string, string | number>>;

/** One element; children are markup already rendered, so only attribute values are escaped here. */
export function renderElement(name: string, attributes: Attributes, children: readonly string[] = []): string {
  const rendered = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? formatNumber(value) : value)}"`)
    .join('');
  return children.length === 0 ? `<${name}${rendered}/>` : `<${name}${rendered}>${children.join('')}</${name}>`;
}

/** A text element whose content is escaped. */
export function renderText(text: string, attributes: Attributes): string {
  return renderElement('text', attributes, [escapeXml(text)]);
}

/**
 * How wide a line of sans-serif text draws, over-estimated: viewers substitute their own sans-serif (DejaVu Sans,
 * the widest common one, averages about 0.6 em a character), and a layout must never let two labels touch.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** Coordinates to a tenth of a pixel: enough for a crisp grid, and the file stays small. */
function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}
