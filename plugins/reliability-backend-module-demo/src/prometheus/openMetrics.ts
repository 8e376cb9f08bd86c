/**
 * One counter series: its metric name, labels and `[ms, value]` samples
 * in time order.
 *
 * @public
 */
export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

/**
 * The series as an OpenMetrics text file (timestamps in seconds), as
 * `promtool tsdb create-blocks-from openmetrics` reads it.
 *
 * @public
 */
export function toOpenMetrics(series: CounterSeries[]): string {
  const lines: string[] = [];
  for (const { name, labels, samples } of series) {
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const [ms, value] of samples) {
      lines.push(`${name}{${labelText}} ${value} ${ms / 1000}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}
