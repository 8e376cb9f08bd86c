const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
};

/**
 * Parses an OpenSLO fixed duration (`5m`, `1h`, `28d`, `1w`) into
 * milliseconds, or returns undefined when it is not one. Calendar units
 * (`M`, `Q`, `Y`) are not fixed lengths and are not accepted here.
 *
 * @internal
 */
export function parseSloDuration(value: string): number | undefined {
  const match = /^([1-9]\d{0,4})([smhdw])$/.exec(value);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * UNIT_MS[match[2]];
}
