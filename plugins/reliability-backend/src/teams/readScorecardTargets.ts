import { Config } from '@backstage/config';
import {
  DEFAULT_SCORECARD_TARGETS,
  ScorecardTargets,
} from '@reliability-suite/plugin-reliability-common';

const SHARES: Array<keyof ScorecardTargets> = [
  'sloCoverage',
  'postmortemsOnTime',
  'actionsClosedOnTime',
  'drTested',
  'readinessCoverage',
];

/**
 * `reliability.targets`, each key optional; a share outside [0, 1] or a
 * negative count stops start-up with a message naming the key.
 */
export function readScorecardTargets(config: Config): ScorecardTargets {
  const targets = { ...DEFAULT_SCORECARD_TARGETS };
  for (const key of Object.keys(targets) as Array<keyof ScorecardTargets>) {
    const value = config.getOptionalNumber(`reliability.targets.${key}`);
    if (value === undefined) continue;
    const isShare = SHARES.includes(key);
    if (!Number.isFinite(value) || value < 0 || (isShare && value > 1)) {
      throw new Error(
        `Invalid config at 'reliability.targets.${key}': ${
          isShare
            ? 'must be a fraction from 0 to 1 (80 % is 0.8)'
            : 'must not be negative'
        }`,
      );
    }
    targets[key] = value;
  }
  return targets;
}
