import { Config } from '@backstage/config';
import {
  reliabilityPermissions,
  reliabilityPersonOnlyPermissions,
} from '@reliability-suite/plugin-reliability-common';

/**
 * What is wrong with the reliability permissions granted to static and
 * other external-access tokens in `backend.auth.externalAccess`, one
 * message per name: Backstage accepts any name there, so a typo would
 * silently leave a script without access, and an approval would look
 * granted while the plugin refuses it to every service principal.
 *
 * Reads names the way Backstage does: a string or a list of strings, each
 * split on spaces and commas.
 *
 * @internal
 */
export function tokenRestrictionProblems(rootConfig: Config): string[] {
  const known = new Set(reliabilityPermissions.map(p => p.name));
  const problems: string[] = [];
  const entries =
    rootConfig.getOptionalConfigArray('backend.auth.externalAccess') ?? [];
  entries.forEach((entry, index) => {
    const who =
      entry.getOptionalString('options.subject') ?? `entry ${index + 1}`;
    for (const restriction of entry.getOptionalConfigArray(
      'accessRestrictions',
    ) ?? []) {
      if (restriction.getOptionalString('plugin') !== 'reliability') continue;
      if (!restriction.has('permission')) continue;
      const raw = restriction.get('permission');
      const names = (Array.isArray(raw) ? raw : [raw])
        .map(String)
        .flatMap(value => value.split(/[ ,]/))
        .filter(Boolean);
      for (const name of names) {
        if (reliabilityPersonOnlyPermissions.includes(name)) {
          problems.push(
            `backend.auth.externalAccess: '${name}' for '${who}' is a person's decision; the reliability plugin refuses it to every token`,
          );
        } else if (!known.has(name)) {
          problems.push(
            `backend.auth.externalAccess: unknown reliability permission '${name}' for '${who}' (known: ${[
              ...known,
            ].join(', ')})`,
          );
        }
      }
    }
  });
  return problems;
}
