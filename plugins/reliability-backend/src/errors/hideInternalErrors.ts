import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorRequestHandler } from 'express';
import { randomBytes } from 'crypto';

/** Errors the API answers as they are: they say what the caller did wrong. */
const EXPECTED = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

function statusOf(error: unknown): number | undefined {
  const { statusCode, status } = (error ?? {}) as {
    statusCode?: unknown;
    status?: unknown;
  };
  const code = typeof statusCode === 'number' ? statusCode : status;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The last error handler of the plugin's router. An error the API did
 * not mean to send (a failed query, a bug) reaches the response as
 * "An internal error occurred logId=…", and the log keeps the original
 * under that id. Backstage's own handler does this for PostgreSQL's
 * `DatabaseError` only: an SQLite error carried its SQL into the body,
 * in every environment. Errors with a 4xx status or one of
 * `@backstage/errors`' expected names pass through unchanged.
 */
export function hideInternalErrors(logger: LoggerService): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const status = statusOf(error);
    const name = (error as { name?: unknown })?.name;
    if (
      (status !== undefined && status >= 400 && status < 500) ||
      (typeof name === 'string' && EXPECTED.has(name))
    ) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    logger.error(`Internal error logId=${logId}`, error as Error);
    const hidden = new Error(`An internal error occurred logId=${logId}`);
    delete hidden.stack;
    next(hidden);
  };
}
