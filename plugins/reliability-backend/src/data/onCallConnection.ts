import { NotFoundError } from '@backstage/errors';
import {
  overrideInputSchema,
  rotationInputSchema,
} from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilityOnCallConnection,
  ReliabilityRecordedBy,
} from '@reliability-suite/plugin-reliability-node';
import { parseInput } from '../request/parseInput';
import {
  ProviderWrites,
  BODY,
} from './ProviderWrites';

/** The built-in rotations, through `RotationService`. */
export function onCallConnection(w: ProviderWrites): ReliabilityOnCallConnection {
  const { rotationService } = w.context;
  const writer = async (by: ReliabilityRecordedBy) => ({
    actor: by.actor,
    credentials: await w.credentials(),
    at: by.at,
  });
  return {
    hasRotations: async () =>
      (await rotationService.listRotations()).length > 0,
    putRotation: async (id, rotation, by) => {
      const input = parseInput(rotationInputSchema, rotation, BODY);
      const existing = await rotationService.getRotation(id);
      await w.audited(
        'rotation-upsert',
        { rotation: id },
        by, async () =>
        rotationService.putRotation(
          { id, input, existing, expectedVersion: existing?.version },
          await writer(by),
        ),
      );
    },
    addOverride: async (rotationId, override, by) => {
      const input = parseInput(overrideInputSchema, override, BODY);
      const rotation = await rotationService.getRotation(rotationId);
      if (!rotation) throw new NotFoundError(`No rotation '${rotationId}'`);
      await w.audited(
        'override-create',
        { rotation: rotationId, user: input.user },
        by,
        async () =>
          rotationService.addOverride(rotation, input, await writer(by)),
      );
    },
  };
}
