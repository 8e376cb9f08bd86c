/**
 * A cache for pure functions whose results depend only on the key: time
 * zone arithmetic (luxon asks `Intl` for an offset at every step) repeats
 * the same questions on every request. Bounded by clearing it whole when
 * full, which keeps it simple and its memory small; results never change,
 * so a cleared entry is only recomputed.
 *
 * Internal: not exported from the package.
 */
export function boundedMemo<V>(
  max = 20_000,
): (key: string, compute: () => V) => V {
  const entries = new Map<string, V>();
  return (key, compute) => {
    const hit = entries.get(key);
    if (hit !== undefined || entries.has(key)) return hit as V;
    const value = compute();
    if (entries.size >= max) entries.clear();
    entries.set(key, value);
    return value;
  };
}
