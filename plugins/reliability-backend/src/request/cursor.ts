import { InputError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';

/**
 * The one encoding of page cursors: a JSON value in base64url, opaque to
 * clients.
 */
export function encodeCursor(value: JsonValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The value of a cursor from {@link encodeCursor}, when `isValid` accepts
 * it; anything else is a 400 naming the `cursor` query parameter.
 */
export function decodeCursor<T>(
  cursor: string,
  isValid: (value: any) => value is T,
  from: string = 'a previous page',
): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (value === undefined || !isValid(value)) {
    throw new InputError(
      `Invalid query parameter 'cursor': not a cursor from ${from}`,
    );
  }
  return value;
}
