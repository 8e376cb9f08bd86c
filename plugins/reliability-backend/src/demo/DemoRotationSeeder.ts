import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { rotationInputSchema } from '@reliability-suite/plugin-reliability-common';
import { Duration } from 'luxon';
import { OnCallStore, RotationFields } from '../database/oncall/OnCallStore';

/** A demo rotation with overrides placed relative to the seeding time. */
export interface DemoRotation {
  id: string;
  fields: RotationFields;
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
  store: OnCallStore;
  logger: LoggerService;
  rotations: DemoRotation[];
  now: Date;
}): Promise<number> {
  const { store, logger, rotations, now } = options;
  if (rotations.length === 0 || (await store.listRotations()).length > 0) {
    return 0;
  }
  for (const rotation of rotations) {
    await store.putRotation({
      id: rotation.id,
      fields: rotation.fields,
      actor: 'demo-data',
      at: now,
    });
    for (const o of rotation.overrides) {
      // On the hour, so the demo reads "until 10:00", not "until 10:50:17".
      const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
      const start = hour - o.startedAgoMs;
      await store.addOverride({
        rotationId: rotation.id,
        override: {
          start: new Date(start).toISOString(),
          end: new Date(start + o.lastsMs).toISOString(),
          user: o.user,
          level: o.level,
        },
        actor: 'demo-data',
        at: now,
      });
    }
  }
  logger.info(`Demo data: wrote ${rotations.length} on-call rotations`);
  return rotations.length;
}
