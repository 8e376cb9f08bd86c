import { ConflictError } from '@backstage/errors';
import {
  Attestation,
  ReadinessResult,
  Waiver,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { groupByEntity, inChunks, isoOrNull } from '../queryHelpers';
import { toDate } from '../toDate';
import { ReadinessStore, StoredReview } from './ReadinessStore';

/**
 * The knex implementation of {@link ReadinessStore}: attestations, waivers and reviews.
 *
 * @internal
 */
export class DatabaseReadinessStore implements ReadinessStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseReadinessStore {
    return new DatabaseReadinessStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async listAttestations(entityRef: string): Promise<Attestation[]> {
    return (await this.listAttestationsByEntity([entityRef])).get(entityRef)!;
  }

  async listAttestationsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Attestation[]>> {
    return this.readByEntity(
      'readiness_attestations',
      entityRefs,
      'attested_at',
      (r: any) => ({
        id: String(r.id),
        itemId: r.item_id,
        evidenceUrl: r.evidence_url,
        note: r.note,
        attestedBy: r.attested_by,
        attestedAt: toDate(r.attested_at).toISOString(),
        expiresAt: toDate(r.expires_at).toISOString(),
      }),
    );
  }

  /** Rows of a per-entity table for many entities, newest `column` first. */
  private async readByEntity<T>(
    table: string,
    entityRefs: readonly string[],
    column: string,
    map: (row: any) => T,
  ): Promise<Map<string, T[]>> {
    const rows = await inChunks(entityRefs, refs =>
      this.db(table)
        .whereIn('entity_ref', refs)
        .orderBy([
          { column, order: 'desc' },
          { column: 'id', order: 'desc' },
        ]),
    );
    return groupByEntity(entityRefs, rows, (r: any) => r.entity_ref, map);
  }

  async addAttestation(
    entityRef: string,
    a: Omit<Attestation, 'id'>,
  ): Promise<Attestation> {
    const [row] = await this.db('readiness_attestations')
      .insert({
        entity_ref: entityRef,
        item_id: a.itemId,
        evidence_url: a.evidenceUrl,
        note: a.note,
        attested_by: a.attestedBy,
        attested_at: new Date(a.attestedAt),
        expires_at: new Date(a.expiresAt),
      })
      .returning('id');
    return { id: String(typeof row === 'object' ? row.id : row), ...a };
  }

  async deleteAttestation(entityRef: string, id: string): Promise<boolean> {
    if (!/^\d{1,12}$/.test(id)) return false;
    return (
      (await this.db('readiness_attestations')
        .where({ entity_ref: entityRef, id: Number(id) })
        .delete()) > 0
    );
  }

  async listWaivers(entityRef: string): Promise<Waiver[]> {
    return (await this.listWaiversByEntity([entityRef])).get(entityRef)!;
  }

  async listWaiversByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Waiver[]>> {
    return this.readByEntity(
      'readiness_waivers',
      entityRefs,
      'expires_at',
      (r: any) => ({
        id: String(r.id),
        itemId: r.item_id,
        reason: r.reason,
        approvedBy: r.approved_by,
        expiresAt: toDate(r.expires_at).toISOString(),
      }),
    );
  }

  async deleteWaiver(
    entityRef: string,
    id: string,
  ): Promise<Waiver | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const where = { entity_ref: entityRef, id: Number(id) };
    return this.db.transaction(async tx => {
      const row = await tx('readiness_waivers').where(where).first();
      // The delete decides (SQLite cannot return deleted rows): of
      // concurrent revokes that all read the row, one removes it.
      if (!row || (await tx('readiness_waivers').where(where).delete()) === 0)
        return undefined;
      return {
        id: String(row.id),
        itemId: row.item_id,
        reason: row.reason,
        approvedBy: row.approved_by,
        expiresAt: toDate(row.expires_at).toISOString(),
      };
    });
  }

  async addWaiver(
    entityRef: string,
    w: Omit<Waiver, 'id'> & { createdAt: Date },
  ): Promise<Waiver> {
    const [row] = await this.db('readiness_waivers')
      .insert({
        entity_ref: entityRef,
        item_id: w.itemId,
        reason: w.reason,
        approved_by: w.approvedBy,
        created_at: w.createdAt,
        expires_at: new Date(w.expiresAt),
      })
      .returning('id');
    return {
      id: String(typeof row === 'object' ? row.id : row),
      itemId: w.itemId,
      reason: w.reason,
      approvedBy: w.approvedBy,
      expiresAt: w.expiresAt,
    };
  }

  private toReview(r: any): StoredReview {
    return {
      id: String(r.id),
      entityRef: r.entity_ref,
      state: r.state,
      requestedBy: r.requested_by,
      requestedAt: toDate(r.requested_at).toISOString(),
      targetLaunchDate: r.target_launch_date,
      decidedBy: r.decided_by,
      decidedAt: isoOrNull(r.decided_at),
      comment: r.comment,
      tierId: r.tier_id,
      snapshot: r.snapshot ? (JSON.parse(r.snapshot) as ReadinessResult) : null,
      version: r.version,
    };
  }

  async createReview(options: {
    entityRef: string;
    requestedBy: string;
    at: Date;
    targetLaunchDate: string | null;
  }): Promise<StoredReview> {
    const [row] = await this.db('readiness_reviews')
      .insert({
        entity_ref: options.entityRef,
        state: 'requested',
        requested_by: options.requestedBy,
        requested_at: options.at,
        target_launch_date: options.targetLaunchDate,
        version: 1,
      })
      .returning('id');
    return (await this.getReview(
      String(typeof row === 'object' ? row.id : row),
    ))!;
  }

  async getReview(id: string): Promise<StoredReview | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const row = await this.db('readiness_reviews')
      .where({ id: Number(id) })
      .first();
    return row ? this.toReview(row) : undefined;
  }

  async listReviews(entityRef: string): Promise<StoredReview[]> {
    return (await this.listReviewsByEntity([entityRef])).get(entityRef)!;
  }

  async listReviewsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredReview[]>> {
    return this.readByEntity('readiness_reviews', entityRefs, 'id', (r: any) =>
      this.toReview(r),
    );
  }

  async hasAnyReview(): Promise<boolean> {
    return (await this.db('readiness_reviews').first('id')) !== undefined;
  }

  async listReviewsByState(
    state: StoredReview['state'],
    afterId: number | undefined,
    limit: number,
  ): Promise<StoredReview[]> {
    let query = this.db('readiness_reviews').where({ state });
    if (afterId !== undefined) query = query.andWhere('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit);
    return rows.map((r: any) => this.toReview(r));
  }

  async decideReview(options: {
    id: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    at: Date;
    comment: string | null;
    tierId: string | null;
    snapshot: ReadinessResult;
  }): Promise<StoredReview> {
    // Compare-and-set on the state: of two concurrent decisions one wins.
    const updated = await this.db('readiness_reviews')
      .where({ id: Number(options.id), state: 'requested' })
      .update({
        state: options.decision,
        decided_by: options.decidedBy,
        decided_at: options.at,
        comment: options.comment,
        tier_id: options.tierId,
        snapshot: JSON.stringify(options.snapshot),
        version: this.db.raw('version + 1'),
      });
    if (updated === 0) {
      throw new ConflictError(`Review ${options.id} is no longer pending`);
    }
    return (await this.getReview(options.id))!;
  }
}
