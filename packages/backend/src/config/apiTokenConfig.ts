import { JsonObject } from '@backstage/types';
import {
  reliabilityDefaultTokenPermissions,
  reliabilityPermissions,
  reliabilityPersonOnlyPermissions,
} from '@reliability-suite/plugin-reliability-common';

/** The subject scripts using the token appear as in audit events and logs. */
export const API_TOKEN_SUBJECT = 'reliability-api-token';

/**
 * The reliability permissions the token is restricted to: the list in
 * `RELIABILITY_API_TOKEN_PERMISSIONS` (comma-separated names), else reads,
 * SLI ingest and incident records. An approver's permission cannot be
 * granted: the plugin refuses it to every service principal.
 */
function tokenPermissions(env: NodeJS.ProcessEnv): string[] {
  const listed = env.RELIABILITY_API_TOKEN_PERMISSIONS?.split(',')
    .map(name => name.trim())
    .filter(Boolean);
  if (!listed || listed.length === 0) {
    return [...reliabilityDefaultTokenPermissions];
  }
  const known = reliabilityPermissions.map(p => p.name);
  for (const name of listed) {
    if (reliabilityPersonOnlyPermissions.includes(name)) {
      throw new Error(
        `RELIABILITY_API_TOKEN_PERMISSIONS: '${name}' is a person's decision and cannot be granted to a token`,
      );
    }
    if (!known.includes(name)) {
      throw new Error(
        `RELIABILITY_API_TOKEN_PERMISSIONS: unknown permission '${name}' (known: ${known.join(
          ', ',
        )})`,
      );
    }
  }
  return listed;
}

/**
 * Config that accepts `RELIABILITY_API_TOKEN` as a static external-access
 * token (a service principal restricted to the reliability plugin and the
 * permissions of {@link tokenPermissions}), or nothing when it is unset.
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
            accessRestrictions: [
              { plugin: 'reliability', permission: tokenPermissions(env) },
            ],
          },
        ],
      },
    },
  };
}
