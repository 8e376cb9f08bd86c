import {
  nextHandoffs,
  onCallAt,
  RELIABILITY_ONCALL_ROTATION_ANNOTATION,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';
import {
  OnCallAnswer,
  OnCallProvider,
} from '@reliability-suite/plugin-reliability-node';
import { OnCallStore } from '../database/OnCallStore';

/**
 * The built-in rotations as an on-call provider: the rotation named by the
 * entity's `reliability/oncall-rotation` annotation, or else the owning
 * team's (the first by id when a team has several).
 */
export class RotationOnCallProvider implements OnCallProvider {
  readonly id = 'rotations';

  constructor(private readonly store: OnCallStore) {}

  async getOnCall(request: {
    entity: { metadata: { annotations?: Record<string, string> } };
    team: string | null;
    at: Date;
  }): Promise<OnCallAnswer | undefined> {
    const named =
      request.entity.metadata.annotations?.[
        RELIABILITY_ONCALL_ROTATION_ANNOTATION
      ];
    let rotation: Rotation | undefined;
    if (named) {
      rotation = await this.store.getRotation(
        named.trim().toLocaleLowerCase('en-US'),
      );
    } else if (request.team) {
      [rotation] = await this.store.listRotations({ teams: [request.team] });
    }
    if (!rotation) {
      return undefined;
    }
    return answerFromRotation(rotation, request.at.getTime());
  }
}

/** A rotation's on-call answer at `at`. */
export function answerFromRotation(
  rotation: Rotation,
  at: number,
): OnCallAnswer {
  return {
    team: rotation.team,
    rotation: {
      id: rotation.id,
      name: rotation.name,
      timeZone: rotation.timeZone,
      levelOnePeople: new Set(rotation.levels[0]?.users ?? []).size,
    },
    levels: onCallAt(rotation, at).map(shift => ({
      level: shift.level,
      user: shift.user,
      shiftEnd: new Date(shift.end).toISOString(),
      override: shift.override,
    })),
    nextHandoffs: nextHandoffs(rotation, at, 3),
  };
}
