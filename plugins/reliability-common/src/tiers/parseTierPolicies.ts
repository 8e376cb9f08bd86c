import { Duration } from 'luxon';
import { z } from 'zod/v3';
import { defaultTierPolicies } from './defaultTierPolicies';
import { TierPolicy } from './TierPolicy';

const isoDuration = z
  .string()
  .refine(value => Duration.fromISO(value).isValid, {
    message: 'must be an ISO-8601 duration such as P12M or P90D',
  })
  .refine(value => Duration.fromISO(value).toMillis() > 0, {
    message: 'must be longer than zero',
  });

const tierConfigSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'must be lower-case letters, digits and hyphens, e.g. tier-1',
      ),
    title: z.string().trim().min(1, 'must not be empty'),
    description: z.string().default(''),
    minimumSloTarget: z
      .number()
      .gt(0, 'must be a fraction greater than 0 (99.9 % is 0.999)')
      .lt(1, 'must be a fraction less than 1 (99.9 % is 0.999)')
      .nullable()
      .default(null),
    sloRequired: z.boolean().default(false),
    oncallRequired: z.boolean().default(false),
    runbookRequired: z.boolean().default(false),
    postmortem: z
      .object({
        severities: z
          .array(z.string().min(1))
          .min(1, 'must name at least one severity'),
        dueBusinessDays: z
          .number()
          .int('must be a whole number of business days')
          .min(1, 'must be at least 1')
          .max(60, 'must be at most 60'),
      })
      .strict()
      .nullable()
      .default(null),
    drTestInterval: isoDuration.nullable().default(null),
    errorBudgetPolicy: z
      .object({
        onExhaustion: z.enum(['freeze', 'alert', 'none']),
        description: z.string().optional(),
      })
      .strict()
      .default({ onExhaustion: 'none' }),
  })
  .strict();

const tiersConfigSchema = z
  .array(tierConfigSchema)
  .min(1, 'must define at least one tier')
  .superRefine((tiers, ctx) => {
    const seen = new Set<string>();
    tiers.forEach((tier, index) => {
      if (seen.has(tier.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, 'id'],
          message: `duplicates the id '${tier.id}' of an earlier tier`,
        });
      }
      seen.add(tier.id);
    });
  });

/**
 * Thrown when the configured tier policy is malformed. The message names
 * the offending config key, e.g. `reliability.tiers[1].minimumSloTarget`.
 *
 * @public
 */
export class TierPolicyConfigError extends Error {
  readonly name = 'TierPolicyConfigError';
  constructor(readonly key: string, readonly reason: string) {
    super(`Invalid reliability tier policy at '${key}': ${reason}`);
  }
}

function formatKey(baseKey: string, path: (string | number)[]): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${part}`,
    baseKey,
  );
}

/**
 * Validates the raw `reliability.tiers` config value and turns it into tier
 * policies, in the configured order (most critical first). An absent value
 * gives {@link defaultTierPolicies}.
 *
 * @param raw - the value read from config, e.g. `config.getOptional('reliability.tiers')`
 * @param baseKey - the config key of `raw`, used in error messages
 * @throws TierPolicyConfigError naming the first invalid key
 * @public
 */
export function parseTierPolicies(
  raw: unknown,
  baseKey = 'reliability.tiers',
): TierPolicy[] {
  if (raw === undefined || raw === null) {
    return defaultTierPolicies.map(tier => ({ ...tier }));
  }
  const result = tiersConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TierPolicyConfigError(
      formatKey(baseKey, issue.path),
      issue.message,
    );
  }
  return result.data.map(tier => ({
    id: tier.id,
    title: tier.title,
    description: tier.description,
    requirements: {
      minimumSloTarget: tier.minimumSloTarget,
      sloRequired: tier.sloRequired,
      oncallRequired: tier.oncallRequired,
      runbookRequired: tier.runbookRequired,
      postmortem: tier.postmortem,
      drTestInterval: tier.drTestInterval,
      errorBudgetPolicy: tier.errorBudgetPolicy,
    },
  }));
}
