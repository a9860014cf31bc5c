import type { BaselineCell, CycleGrowth } from './baseline.ts';

const BYTES_PER_MEBIBYTE = 1024 ** 2;

/**
 * A run given --cycles: a cell whose host grows per cycle beyond the tolerance (even the lower end of its 95% interval
 * above it) is a regression, unless the baseline's cell already grew so and does not grow less now (the lower end of
 * now's interval at most the upper end of the baseline's). A baseline taken without --cycles knows no growth: any is new.
 */
export function compareCycleGrowth(expected: BaselineCell, actual: BaselineCell, toleranceBytes: number): string[] {
  const now = readGrowth(actual);
  if (now === null || now.lowerBytes <= toleranceBytes) return [];
  const before = readGrowth(expected);
  const tolerance = `tolerance ${formatPerCycle(toleranceBytes)}`;
  if (before === null || before.lowerBytes <= toleranceBytes) {
    const baseline = before === null ? 'not measured in the baseline' : `${describe(before)} in the baseline`;
    return [`host memory grows per cycle: ${describe(now)} now, ${baseline} (${tolerance})`];
  }
  if (now.lowerBytes <= before.upperBytes) return [];
  return [`host memory grows faster per cycle: ${describe(now)} now, ${describe(before)} in the baseline`];
}

/** The mirror: a cell whose host grew per cycle in the baseline and no longer does (even the upper end within the tolerance). */
export function findLessCycleGrowth(expected: BaselineCell, actual: BaselineCell, toleranceBytes: number): string[] {
  const [before, now] = [readGrowth(expected), readGrowth(actual)];
  if (before === null || now === null || before.lowerBytes <= toleranceBytes || now.upperBytes > toleranceBytes) return [];
  return [`host memory no longer grows per cycle: ${describe(now)} now, ${describe(before)} in the baseline`];
}

function readGrowth(cell: BaselineCell): CycleGrowth | null {
  return cell.outcome === 'not-applicable' ? null : (cell.cycleGrowth ?? null);
}

/** `+16.4 MiB per cycle (95%: +16.1 to +16.7)`. */
function describe(growth: CycleGrowth): string {
  return `${formatPerCycle(growth.bytesPerCycle)} (95%: ${formatMebibytes(growth.lowerBytes)} to ${formatMebibytes(growth.upperBytes)})`;
}

function formatPerCycle(bytes: number): string {
  return `${formatMebibytes(bytes)} MiB per cycle`;
}

/** MiB to a tenth, signed; what rounds to 0.0 reads +0.0, never -0.0. */
function formatMebibytes(bytes: number): string {
  const tenths = Math.round((bytes / BYTES_PER_MEBIBYTE) * 10) / 10;
  return `${tenths >= 0 ? '+' : ''}${(tenths === 0 ? 0 : tenths).toFixed(1)}`;
}
