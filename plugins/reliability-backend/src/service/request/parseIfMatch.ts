import { InputError } from '@backstage/errors';
import { Request } from 'express';

/** `"3"`, `W/"3"` or `3` → 3; absent → undefined. */
export function parseIfMatch(req: Request): number | undefined {
  const header = req.header('if-match');
  if (header === undefined) {
    return undefined;
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new InputError(
      `Invalid If-Match header '${header}': must be the resource's version, e.g. "3"`,
    );
  }
  return Number(match[1]);
}
