import { z } from 'zod/v3';

/** Letters, digits, punctuation and symbols: what a reader can see. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/gu;

/**
 * Characters no text of the API may hold: control characters other than
 * tab and line breaks, and the bidirectional overrides that make text read
 * differently from what it stores.
 */
const HIDDEN_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * How many characters of `text` a reader can see: `"\u200B".repeat(10)`
 * has none, so it cannot meet a minimum length meant for an explanation.
 *
 * @internal
 */
export function countVisibleCharacters(text: string): number {
  return text.match(VISIBLE)?.length ?? 0;
}

/**
 * Text people write (a title, a reason): trimmed, at most `max`
 * characters, at least `min` of them visible (zero-width spaces and other
 * invisible characters do not count), and no control characters.
 *
 * @internal
 */
export function visibleTextSchema(options: {
  min: number;
  max: number;
  /** What a too-short text is told, e.g. "must explain the exception in at least 10 characters". */
  tooShort?: string;
}) {
  const { min, max } = options;
  const tooShort =
    options.tooShort ??
    (min === 1
      ? 'must not be empty'
      : `must have at least ${min} visible characters`);
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(v => !HIDDEN_CONTROL.test(v), 'must not contain control characters')
    .refine(v => countVisibleCharacters(v) >= min, tooShort);
}
