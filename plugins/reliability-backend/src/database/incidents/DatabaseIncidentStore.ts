import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../../errors/PreconditionFailedError';
import {
  dateOrNull,
  groupByEntity,
  inChunks,
  isoOrNull,
  Timestamp,
} from '../queryHelpers';
import { toDate } from '../toDate';
import {
  IncidentFields,
  IncidentStore,
  StoredIncident,
  StoredPostmortem,
} from './IncidentStore';

type IncidentRow = {
  id: number;
  title: string;
  severity: string;
  started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  external_url: string | null;
  version: number;
  updated_by: string | null;
};

/**
 * The knex implementation of {@link IncidentStore}: incidents, their entities and postmortems.
 *
 * @internal
 */
export class DatabaseIncidentStore implements IncidentStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseIncidentStore {
    return new DatabaseIncidentStore(db);
  }

  private constructor(private readonly db: Knex) {}

  private async incidentsFromRows(
    rows: IncidentRow[],
  ): Promise<StoredIncident[]> {
    if (rows.length === 0) return [];
    const links: Array<{ incident_id: number | string; entity_ref: string }> =
      await inChunks(
        rows.map(r => Number(r.id)),
        ids => this.db('incident_entities').whereIn('incident_id', ids),
      );
    const refsOf = new Map<number, string[]>();
    for (const link of links) {
      const id = Number(link.incident_id);
      refsOf.set(id, [...(refsOf.get(id) ?? []), link.entity_ref]);
    }
    return rows.map(row => ({
      id: String(row.id),
      title: row.title,
      severity: row.severity,
      entityRefs: [...(refsOf.get(Number(row.id)) ?? [])].sort(),
      startedAt: toDate(row.started_at).toISOString(),
      detectedAt: isoOrNull(row.detected_at),
      acknowledgedAt: isoOrNull(row.acknowledged_at),
      mitigatedAt: isoOrNull(row.mitigated_at),
      resolvedAt: isoOrNull(row.resolved_at),
      externalUrl: row.external_url,
      version: row.version,
      updatedBy: row.updated_by,
    }));
  }

  private incidentColumns(fields: Partial<IncidentFields>) {
    const columns: Record<string, unknown> = {};
    if (fields.title !== undefined) columns.title = fields.title;
    if (fields.severity !== undefined) columns.severity = fields.severity;
    if (fields.startedAt !== undefined)
      columns.started_at = new Date(fields.startedAt);
    if (fields.detectedAt !== undefined)
      columns.detected_at = dateOrNull(fields.detectedAt);
    if (fields.acknowledgedAt !== undefined)
      columns.acknowledged_at = dateOrNull(fields.acknowledgedAt);
    if (fields.mitigatedAt !== undefined)
      columns.mitigated_at = dateOrNull(fields.mitigatedAt);
    if (fields.resolvedAt !== undefined)
      columns.resolved_at = dateOrNull(fields.resolvedAt);
    if (fields.externalUrl !== undefined)
      columns.external_url = fields.externalUrl;
    return columns;
  }

  async createIncident(
    fields: IncidentFields,
    actor: string,
    at: Date,
  ): Promise<StoredIncident> {
    const id = await this.db.transaction(async tx => {
      const [row] = await tx('incidents')
        .insert({
          ...this.incidentColumns(fields),
          version: 1,
          updated_by: actor,
          created_at: at,
          updated_at: at,
        })
        .returning('id');
      const incidentId = typeof row === 'object' ? row.id : row;
      await tx('incident_entities').insert(
        [...new Set(fields.entityRefs)].map(entityRef => ({
          incident_id: incidentId,
          entity_ref: entityRef,
        })),
      );
      return String(incidentId);
    });
    return (await this.getIncident(id))!;
  }

  async hasAnyIncident(): Promise<boolean> {
    return (await this.db('incidents').first('id')) !== undefined;
  }

  async getIncident(id: string): Promise<StoredIncident | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const rows = await this.db<IncidentRow>('incidents').where({
      id: Number(id),
    });
    return (await this.incidentsFromRows(rows))[0];
  }

  async updateIncident(
    id: string,
    changes: Partial<IncidentFields>,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredIncident> {
    await this.db.transaction(async tx => {
      const updated = await tx('incidents')
        .where({ id: Number(id), version: expectedVersion })
        .update({
          ...this.incidentColumns(changes),
          version: expectedVersion + 1,
          updated_by: actor,
          updated_at: at,
        });
      if (updated === 0) {
        const current = await tx<IncidentRow>('incidents')
          .where({ id: Number(id) })
          .first();
        throw new PreconditionFailedError(
          `Incident ${id} was changed by someone else: it is at version ${current?.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      if (changes.entityRefs) {
        await tx('incident_entities')
          .where({ incident_id: Number(id) })
          .delete();
        await tx('incident_entities').insert(
          [...new Set(changes.entityRefs)].map(entityRef => ({
            incident_id: Number(id),
            entity_ref: entityRef,
          })),
        );
      }
    });
    return (await this.getIncident(id))!;
  }

  async deleteIncident(id: string, expectedVersion: number): Promise<boolean> {
    if (!/^\d{1,12}$/.test(id)) return false;
    const incidentId = Number(id);
    return this.db.transaction(async tx => {
      // Compare and delete in one statement: of concurrent deletes with the
      // same version exactly one removes the row.
      const deleted = await tx('incidents')
        .where({ id: incidentId, version: expectedVersion })
        .delete();
      if (deleted === 0) {
        const current = await tx<IncidentRow>('incidents')
          .where({ id: incidentId })
          .first();
        if (!current) return false;
        throw new PreconditionFailedError(
          `Incident ${id} was changed by someone else: it is at version ${current.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      // Explicit: SQLite does not enforce the foreign keys' ON DELETE.
      await tx('incident_entities').where({ incident_id: incidentId }).delete();
      await tx('postmortems').where({ incident_id: incidentId }).delete();
      await tx('actions')
        .where({ incident_id: incidentId })
        .update({ incident_id: null });
      return true;
    });
  }

  async listIncidents(
    entityRef: string,
    since: Date,
  ): Promise<StoredIncident[]> {
    return (await this.listIncidentsByEntity([entityRef], since)).get(
      entityRef,
    )!;
  }

  async listIncidentsByEntity(
    entityRefs: readonly string[],
    since: Date,
  ): Promise<Map<string, StoredIncident[]>> {
    const rows = await inChunks(entityRefs, refs =>
      this.db<IncidentRow>('incidents')
        .join(
          'incident_entities',
          'incident_entities.incident_id',
          'incidents.id',
        )
        .whereIn('incident_entities.entity_ref', refs)
        .andWhere('incidents.started_at', '>=', since)
        .orderBy([
          { column: 'incidents.started_at', order: 'desc' },
          { column: 'incidents.id', order: 'desc' },
        ])
        .select('incidents.*', 'incident_entities.entity_ref as asked_ref'),
    );
    // One incident may affect several of the asked entities: read it once.
    const unique = [
      ...new Map(rows.map(r => [Number(r.id), r] as const)).values(),
    ];
    const incidents = new Map(
      (await this.incidentsFromRows(unique)).map(i => [i.id, i]),
    );
    return groupByEntity(
      entityRefs,
      rows as Array<IncidentRow & { asked_ref: string }>,
      row => row.asked_ref,
      row => incidents.get(String(row.id))!,
    );
  }

  async getPostmortems(
    incidentIds: string[],
  ): Promise<Map<string, StoredPostmortem>> {
    const rows = await inChunks(incidentIds.map(Number), ids =>
      this.db('postmortems').whereIn('incident_id', ids),
    );
    return new Map(
      rows.map((row: any) => [
        String(row.incident_id),
        {
          incidentId: String(row.incident_id),
          status: row.status,
          documentUrl: row.document_url,
          summary: row.summary,
          publishedAt: isoOrNull(row.published_at),
          version: row.version,
          updatedBy: row.updated_by,
          updatedAt: toDate(row.updated_at).toISOString(),
        },
      ]),
    );
  }

  async putPostmortem(
    incidentId: string,
    fields: Pick<StoredPostmortem, 'status' | 'documentUrl' | 'summary'>,
    expectedVersion: number | undefined,
    actor: string,
    at: Date,
  ): Promise<StoredPostmortem> {
    await this.db.transaction(async tx => {
      const existing = await tx('postmortems')
        .where({ incident_id: Number(incidentId) })
        .first();
      const publishedAt =
        fields.status === 'published' ? existing?.published_at ?? at : null;
      const columns = {
        status: fields.status,
        document_url: fields.documentUrl,
        summary: fields.summary,
        published_at: publishedAt,
        updated_by: actor,
        updated_at: at,
      };
      if (!existing) {
        await tx('postmortems').insert({
          incident_id: Number(incidentId),
          ...columns,
          version: 1,
        });
        return;
      }
      if (expectedVersion === undefined) {
        throw new ConflictError(
          `The postmortem of incident ${incidentId} exists at version ${existing.version}; send If-Match: "${existing.version}" to replace it`,
        );
      }
      const updated = await tx('postmortems')
        .where({ incident_id: Number(incidentId), version: expectedVersion })
        .update({ ...columns, version: expectedVersion + 1 });
      if (updated === 0) {
        throw new PreconditionFailedError(
          `The postmortem of incident ${incidentId} was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}.`,
        );
      }
    });
    return (await this.getPostmortems([incidentId])).get(incidentId)!;
  }
}
