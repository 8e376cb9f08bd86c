import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body in a content type the route does not read (a PATCH sent
 * as `text/plain` would otherwise be taken as an empty change). Answered
 * with 415 by the error handler, which honours `statusCode`.
 *
 * @public
 */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}
