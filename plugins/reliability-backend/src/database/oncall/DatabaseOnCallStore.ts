import { ConflictError } from '@backstage/errors';
import {
  OverrideInput,
  RotationResponse,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../../errors/PreconditionFailedError';
import { toDate } from '../toDate';
import { OnCallStore, RotationFields } from './OnCallStore';

type RotationRow = {
  id: string;
  name: string;
  team_ref: string;
  time_zone: string;
  handoff_anchor: string;
  shift_length: string;
  levels: string;
  version: number;
  updated_by: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

type OverrideRow = {
  id: number;
  rotation_id: string;
  level: number;
  starts_at: Date | string | number;
  ends_at: Date | string | number;
  user_ref: string;
};

/**
 * The knex implementation of {@link OnCallStore}: rotations and their overrides.
 *
 * @internal
 */
export class DatabaseOnCallStore implements OnCallStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseOnCallStore {
    return new DatabaseOnCallStore(db);
  }

  private constructor(private readonly db: Knex) {}

  private async withOverrides(
    rows: RotationRow[],
  ): Promise<RotationResponse[]> {
    if (rows.length === 0) {
      return [];
    }
    const overrides = await this.db<OverrideRow>('rotation_overrides')
      .whereIn(
        'rotation_id',
        rows.map(r => r.id),
      )
      .orderBy('starts_at');
    return rows.map(row => ({
      id: row.id,
      name: row.name,
      team: row.team_ref,
      timeZone: row.time_zone,
      handoffAnchor: row.handoff_anchor,
      shiftLength: row.shift_length,
      levels: JSON.parse(row.levels),
      overrides: overrides
        .filter(o => o.rotation_id === row.id)
        .map(o => ({
          id: String(o.id),
          start: toDate(o.starts_at).toISOString(),
          end: toDate(o.ends_at).toISOString(),
          user: o.user_ref,
          level: o.level,
        })),
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: toDate(row.updated_at).toISOString(),
    }));
  }

  async getRotation(id: string): Promise<RotationResponse | undefined> {
    const [rotation] = await this.getRotations([id]);
    return rotation;
  }

  async getRotations(
    ids: string[],
  ): Promise<Array<RotationResponse | undefined>> {
    const rows = await this.db<RotationRow>('rotations').whereIn('id', ids);
    const rotations = await this.withOverrides(rows);
    return ids.map(id => rotations.find(r => r.id === id));
  }

  async listRotations(
    options: { teams?: string[] } = {},
  ): Promise<RotationResponse[]> {
    let query = this.db<RotationRow>('rotations');
    if (options.teams) {
      query = query.whereIn('team_ref', options.teams);
    }
    return this.withOverrides(await query.orderBy('id'));
  }

  async putRotation(options: {
    id: string;
    fields: RotationFields;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ rotation: RotationResponse; created: boolean }> {
    const { id, fields, expectedVersion, actor, at } = options;
    const columns = {
      name: fields.name,
      team_ref: fields.team,
      time_zone: fields.timeZone,
      handoff_anchor: fields.handoffAnchor,
      shift_length: fields.shiftLength,
      levels: JSON.stringify(fields.levels),
      updated_by: actor,
      updated_at: at,
    };
    const created = await this.db.transaction(async tx => {
      const existing = await tx<RotationRow>('rotations').where({ id }).first();
      if (!existing) {
        if (expectedVersion !== undefined) {
          throw new PreconditionFailedError(
            `Rotation '${id}' does not exist, so version ${expectedVersion} cannot match`,
          );
        }
        await tx('rotations').insert({
          id,
          ...columns,
          version: 1,
          created_at: at,
        });
        return true;
      }
      if (expectedVersion === undefined) {
        throw new ConflictError(
          `Rotation '${id}' exists at version ${existing.version}; send its version (If-Match: "${existing.version}" or a version field) to replace it`,
        );
      }
      // Compare-and-set: of two writers holding the same version, one wins.
      const updated = await tx('rotations')
        .where({ id, version: expectedVersion })
        .update({ ...columns, version: expectedVersion + 1 });
      if (updated === 0) {
        throw new PreconditionFailedError(
          `Rotation '${id}' was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      return false;
    });
    return { rotation: (await this.getRotation(id))!, created };
  }

  async deleteRotation(id: string, expectedVersion?: number): Promise<boolean> {
    return this.db.transaction(async tx => {
      // Compare and delete in one statement: of concurrent deletes with the
      // same version exactly one removes the row (a read, then a delete,
      // let each of them think it had).
      const deleted = await tx('rotations')
        .where({ id })
        .modify(query => {
          if (expectedVersion !== undefined) {
            query.andWhere({ version: expectedVersion });
          }
        })
        .delete();
      if (deleted === 0) {
        const existing = await tx<RotationRow>('rotations')
          .where({ id })
          .first();
        if (!existing) return false;
        throw new PreconditionFailedError(
          `Rotation '${id}' was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}.`,
        );
      }
      await tx('rotation_overrides').where({ rotation_id: id }).delete();
      return true;
    });
  }

  async addOverride(options: {
    rotationId: string;
    override: OverrideInput;
    actor: string;
    at: Date;
  }): Promise<{ id: string }> {
    const { rotationId, override, actor, at } = options;
    const [row] = await this.db('rotation_overrides')
      .insert({
        rotation_id: rotationId,
        level: override.level ?? 1,
        starts_at: new Date(override.start),
        ends_at: new Date(override.end),
        user_ref: override.user,
        created_by: actor,
        created_at: at,
      })
      .returning('id');
    return { id: String(typeof row === 'object' ? row.id : row) };
  }

  async deleteOverride(
    rotationId: string,
    overrideId: string,
  ): Promise<boolean> {
    if (!/^\d+$/.test(overrideId)) {
      return false;
    }
    const deleted = await this.db('rotation_overrides')
      .where({ rotation_id: rotationId, id: Number(overrideId) })
      .delete();
    return deleted > 0;
  }
}
