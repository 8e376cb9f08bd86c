/**
 * Formats a fraction as a percentage with up to `maxDecimals` decimals and
 * no trailing zeros: `0.999` gives `99.9 %`, `0.5` gives `50 %`.
 *
 * @public
 */
export function formatPercent(fraction: number, maxDecimals = 3): string {
  // toFixed first so binary noise (0.1 + 0.2) never shows up as 30.000000004.
  const value = Number((fraction * 100).toFixed(maxDecimals));
  return `${value} %`;
}
