import { CustomErrorBase } from '@backstage/errors';

/**
 * A write carried a stale version (`If-Match`): someone else changed the
 * resource since the caller read it. Answered with 412 by the error
 * handler, which honours `statusCode`.
 *
 * @public
 */
export class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  readonly statusCode = 412;
}
