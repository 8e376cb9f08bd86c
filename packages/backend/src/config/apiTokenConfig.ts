import { JsonObject } from '@backstage/types';

/** The subject scripts using the token appear as in audit events and logs. */
export const API_TOKEN_SUBJECT = 'reliability-api-token';

/**
 * Config that accepts `RELIABILITY_API_TOKEN` as a static external-access
 * token (a service principal), or nothing when the variable is unset.
 *
 * This cannot live in app-config.yaml: a `${RELIABILITY_API_TOKEN}` there
 * would break start-up whenever the variable is unset, and a fallback value
 * would be a well-known token.
 */
export function apiTokenConfig(
  env: NodeJS.ProcessEnv = process.env,
): JsonObject | undefined {
  const token = env.RELIABILITY_API_TOKEN?.trim();
  if (!token) {
    return undefined;
  }
  if (token.length < 8 || /\s/.test(token)) {
    throw new Error(
      'RELIABILITY_API_TOKEN must be at least 8 characters long and contain no whitespace',
    );
  }
  return {
    backend: {
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: API_TOKEN_SUBJECT },
          },
        ],
      },
    },
  };
}
