/** How many times `larger` is `base`, to one decimal: `2.7×`; null when base is not positive, where a ratio means nothing. */
export function formatRatio(larger: number, base: number): string | null {
  return base > 0 ? `${(larger / base).toFixed(1)}×` : null;
}
