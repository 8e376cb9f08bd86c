import {
  OverrideInput,
  RotationResponse,
} from '@reliability-suite/plugin-reliability-common';

/** Fields of a rotation a client sets. @public */
export interface RotationFields {
  name: string;
  team: string;
  timeZone: string;
  handoffAnchor: string;
  shiftLength: string;
  levels: Array<{ users: string[]; shiftLength?: string }>;
}

/**
 * On-call rotations and their overrides.
 *
 * @public
 */
export interface OnCallStore {
  getRotation(id: string): Promise<RotationResponse | undefined>;
  getRotations(ids: string[]): Promise<Array<RotationResponse | undefined>>;
  /** Rotations of any of `teams` (all when absent), ordered by id. */
  listRotations(options?: { teams?: string[] }): Promise<RotationResponse[]>;
  /**
   * Creates a rotation, or replaces one when `expectedVersion` is its
   * current version.
   *
   * @throws ConflictError when it exists and no version was given
   * @throws PreconditionFailedError when the version is stale
   */
  putRotation(options: {
    id: string;
    fields: RotationFields;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ rotation: RotationResponse; created: boolean }>;
  /** @returns whether a rotation was deleted */
  deleteRotation(id: string, expectedVersion?: number): Promise<boolean>;
  addOverride(options: {
    rotationId: string;
    override: OverrideInput;
    actor: string;
    at: Date;
  }): Promise<{ id: string }>;
  /** @returns whether an override was deleted */
  deleteOverride(rotationId: string, overrideId: string): Promise<boolean>;
}
