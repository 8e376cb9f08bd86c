import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OverrideInput,
  RotationInput,
  RotationResponse,
} from '@reliability-suite/plugin-reliability-common';
import { OnCallStore } from '../database/oncall/OnCallStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';

/** Who writes, and when. */
export interface RotationWriter {
  actor: string;
  /** The writer's credentials, for the catalog lookups of people. */
  credentials: BackstageCredentials;
  at: Date;
}

/**
 * The built-in on-call rotations and their overrides. Every person a write
 * names must be a User in the catalog; after each write the summaries of
 * the teams involved are refreshed.
 *
 * @internal
 */
export class RotationService {
  constructor(
    private readonly options: {
      store: OnCallStore;
      catalog: CatalogService;
      refresher: Pick<SummaryRefresher, 'rotationChanged'>;
    },
  ) {}

  /** The rotations of `owner` (all when absent), ordered by id. */
  listRotations(owner?: string): Promise<RotationResponse[]> {
    return this.options.store.listRotations(owner ? { teams: [owner] } : {});
  }

  getRotation(id: string): Promise<RotationResponse | undefined> {
    return this.options.store.getRotation(id);
  }

  /**
   * Creates the rotation, or replaces `existing` when `expectedVersion` is
   * its version (see `OnCallStore.putRotation`).
   *
   * @throws InputError naming each level user not a User in the catalog
   */
  async putRotation(
    rotation: {
      id: string;
      input: RotationInput;
      existing?: RotationResponse;
      expectedVersion?: number;
    },
    writer: RotationWriter,
  ): Promise<{ rotation: RotationResponse; created: boolean }> {
    const { id, input, existing } = rotation;
    await this.requireUsers(
      input.levels.flatMap((level, l) =>
        level.users.map((ref, u) => ({ ref, field: `levels.${l}.users.${u}` })),
      ),
      writer.credentials,
    );
    const { version: _ignored, ...fields } = input;
    const result = await this.options.store.putRotation({
      id,
      fields,
      expectedVersion: rotation.expectedVersion,
      actor: writer.actor,
      at: writer.at,
    });
    await this.options.refresher.rotationChanged(
      [input.team, ...(existing ? [existing.team] : [])],
      id,
    );
    return result;
  }

  /**
   * Deletes the rotation when `expectedVersion` (if given) is current.
   *
   * @throws NotFoundError (404) when it is gone already: of concurrent
   *   deletes that all read it, only the one whose statement removed the
   *   row succeeds
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async deleteRotation(
    existing: RotationResponse,
    expectedVersion?: number,
  ): Promise<void> {
    const deleted = await this.options.store.deleteRotation(
      existing.id,
      expectedVersion,
    );
    if (!deleted) throw new NotFoundError(`No rotation '${existing.id}'`);
    await this.options.refresher.rotationChanged([existing.team], existing.id);
  }

  /**
   * Puts `override.user` on call at a level (1 by default) from `start`
   * to `end`, over the schedule.
   *
   * @throws InputError when the rotation has no such level, or the user is
   *   not a User in the catalog
   */
  async addOverride(
    rotation: RotationResponse,
    override: OverrideInput,
    writer: RotationWriter,
  ): Promise<OverrideInput & { id: string; level: number }> {
    if ((override.level ?? 1) > rotation.levels.length) {
      throw new InputError(
        `Invalid request body 'level': rotation '${rotation.id}' has ${
          rotation.levels.length
        } level${rotation.levels.length === 1 ? '' : 's'}`,
      );
    }
    await this.requireUsers(
      [{ ref: override.user, field: 'user' }],
      writer.credentials,
    );
    const { id } = await this.options.store.addOverride({
      rotationId: rotation.id,
      override,
      actor: writer.actor,
      at: writer.at,
    });
    await this.options.refresher.rotationChanged([rotation.team], rotation.id);
    return { id, ...override, level: override.level ?? 1 };
  }

  /** @throws NotFoundError when the rotation has no such override */
  async deleteOverride(
    rotation: RotationResponse,
    overrideId: string,
  ): Promise<void> {
    const deleted = await this.options.store.deleteOverride(
      rotation.id,
      overrideId,
    );
    await this.options.refresher.rotationChanged([rotation.team], rotation.id);
    if (!deleted) {
      throw new NotFoundError(
        `No override '${overrideId}' in rotation '${rotation.id}'`,
      );
    }
  }

  /** Every ref must be a User the catalog knows, or the write is refused. */
  private async requireUsers(
    refs: Array<{ ref: string; field: string }>,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs.map(r => r.ref), fields: ['kind'] },
      { credentials },
    );
    const missing = refs.filter(
      (_r, i) =>
        !items[i] || items[i]!.kind.toLocaleLowerCase('en-US') !== 'user',
    );
    if (missing.length > 0) {
      throw new InputError(
        missing
          .map(
            m =>
              `Invalid request body '${m.field}': ${m.ref} is not a User in the catalog`,
          )
          .join('; '),
      );
    }
  }
}
