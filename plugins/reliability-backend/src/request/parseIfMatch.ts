import { ConflictError, InputError } from '@backstage/errors';
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

/**
 * The version a change of `resource` (e.g. `incident 7`) sends in
 * If-Match: changes without one would overwrite unseen edits.
 *
 * @throws ConflictError (409) naming the current version when it is absent
 */
export function requireIfMatch(
  req: Request,
  currentVersion: number,
  resource: string,
): number {
  const expectedVersion = parseIfMatch(req);
  if (expectedVersion === undefined) {
    throw new ConflictError(
      `Send If-Match: "${currentVersion}" (the version you read) to change ${resource}`,
    );
  }
  return expectedVersion;
}
