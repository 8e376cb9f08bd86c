import { Handoff, Rotation } from './Rotation';
import { OwnershipGap } from './ownershipGaps';

/** A rotation as the API returns it. @public */
export interface RotationResponse extends Rotation {
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** A person in an on-call answer, with catalog details. @public */
export interface OnCallPerson {
  ref: string;
  displayName: string | null;
  email: string | null;
}

/**
 * `GET …/oncall`: who is on call for an entity now (or at `at`).
 *
 * @public
 */
export interface EntityOnCallResponse {
  /** The team whose rotation answers, usually the entity's owner. */
  team: string | null;
  rotation: { id: string; name: string; timeZone: string } | null;
  levels: Array<{
    level: number;
    user: OnCallPerson;
    shiftEnd: string;
    override: boolean;
  }>;
  nextHandoffs: Array<Handoff & { toPerson: OnCallPerson }>;
  /** Which provider answered: `rotations` for the built-in ones. */
  source: string | null;
  /** Owner and on-call gaps (no owner, no rotation, nobody on call, …). */
  gaps: OwnershipGap[];
}
