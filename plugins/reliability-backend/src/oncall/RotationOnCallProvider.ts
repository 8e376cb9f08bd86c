import {
  nextHandoffs,
  onCallAt,
  RELIABILITY_ONCALL_ROTATION_ANNOTATION,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@reliability-suite/plugin-reliability-node';
import { OnCallStore } from '../database/oncall/OnCallStore';

/**
 * The built-in rotations as an on-call provider: the rotation named by the
 * entity's `reliability/oncall-rotation` annotation, or else the owning
 * team's (the first by id when a team has several).
 */
export class RotationOnCallProvider implements OnCallProvider {
  readonly id = 'rotations';

  constructor(private readonly store: OnCallStore) {}

  async getOnCall(request: OnCallRequest): Promise<OnCallAnswer | undefined> {
    return (await this.getOnCallMany([request]))[0];
  }

  /**
   * Two queries for the whole batch (named rotations, teams' rotations),
   * and each rotation's answer computed once per instant.
   */
  async getOnCallMany(
    requests: readonly OnCallRequest[],
  ): Promise<Array<OnCallAnswer | undefined>> {
    const namedOf = (request: OnCallRequest) =>
      request.entity.metadata.annotations?.[
        RELIABILITY_ONCALL_ROTATION_ANNOTATION
      ]?.trim().toLocaleLowerCase('en-US');
    const named = [...new Set(requests.flatMap(r => namedOf(r) ?? []))];
    const teams = [
      ...new Set(requests.flatMap(r => (!namedOf(r) && r.team) || [])),
    ];
    const [byId, ofTeams] = await Promise.all([
      named.length ? this.store.getRotations(named) : [],
      teams.length ? this.store.listRotations({ teams }) : [],
    ]);
    const rotationById = new Map(
      byId.flatMap(r => (r ? [[r.id, r] as const] : [])),
    );
    // A team's first rotation by id (listRotations orders by id).
    const rotationOfTeam = new Map<string, Rotation>();
    for (const rotation of ofTeams) {
      if (!rotationOfTeam.has(rotation.team)) {
        rotationOfTeam.set(rotation.team, rotation);
      }
    }
    const answers = new Map<string, OnCallAnswer>();
    return requests.map(request => {
      const id = namedOf(request);
      let rotation: Rotation | undefined;
      if (id) rotation = rotationById.get(id);
      else if (request.team) rotation = rotationOfTeam.get(request.team);
      if (!rotation) return undefined;
      const key = `${rotation.id}|${request.at.getTime()}`;
      if (!answers.has(key)) {
        answers.set(key, answerFromRotation(rotation, request.at.getTime()));
      }
      return answers.get(key);
    });
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
