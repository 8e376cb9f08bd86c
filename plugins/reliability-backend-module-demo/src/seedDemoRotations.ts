import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  RotationInput,
  rotationInputSchema,
} from '@reliability-suite/plugin-reliability-common';
import { ReliabilityOnCallConnection } from '@reliability-suite/plugin-reliability-node';
import { Duration } from 'luxon';
import { DEMO_ACTOR, HOUR_MS } from './demoClock';

/** A demo rotation with overrides placed relative to the seeding time. */
export interface DemoRotation {
  id: string;
  fields: Omit<RotationInput, 'version'>;
  overrides: Array<{
    user: string;
    startedAgoMs: number;
    lastsMs: number;
    level?: number;
  }>;
}

/**
 * Reads `reliability.demoData.rotations`, validated like the API's
 * rotation bodies so a typo in the demo config fails loudly, naming the key.
 */
export function readDemoRotations(config: Config): DemoRotation[] {
  const entries =
    config.getOptionalConfigArray('reliability.demoData.rotations') ?? [];
  return entries.map((entry, i) => {
    const key = `reliability.demoData.rotations[${i}]`;
    const raw = entry.get() as Record<string, unknown>;
    const {
      id,
      overrides = [],
      ...rest
    } = raw as { id: string; overrides?: unknown[] };
    const parsed = rotationInputSchema.safeParse(rest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Invalid demo rotation at '${key}.${issue.path.join('.')}': ${
          issue.message
        }`,
      );
    }
    const { version: _version, ...fields } = parsed.data;
    return {
      id,
      fields,
      overrides: (overrides as Array<Record<string, unknown>>).map(o => ({
        user: String(o.user).toLocaleLowerCase('en-US'),
        startedAgoMs: Duration.fromISO(String(o.startedAgo)).toMillis(),
        lastsMs: Duration.fromISO(String(o.lasts)).toMillis(),
        level: o.level as number | undefined,
      })),
    };
  });
}

/** Writes the demo rotations once, when there are no rotations at all. */
export async function seedDemoRotations(options: {
  onCall: ReliabilityOnCallConnection;
  logger: LoggerService;
  rotations: DemoRotation[];
  now: Date;
}): Promise<number> {
  const { onCall, logger, rotations, now } = options;
  if (rotations.length === 0 || (await onCall.hasRotations())) {
    return 0;
  }
  const by = { actor: DEMO_ACTOR, at: now };
  for (const rotation of rotations) {
    await onCall.putRotation(rotation.id, rotation.fields, by);
    for (const o of rotation.overrides) {
      // On the hour, so the demo reads "until 10:00", not "until 10:50:17".
      const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
      const start = hour - o.startedAgoMs;
      await onCall.addOverride(
        rotation.id,
        {
          start: new Date(start).toISOString(),
          end: new Date(start + o.lastsMs).toISOString(),
          user: o.user,
          ...(o.level === undefined ? {} : { level: o.level }),
        },
        by,
      );
    }
  }
  logger.info(`Demo data: wrote ${rotations.length} on-call rotations`);
  return rotations.length;
}
