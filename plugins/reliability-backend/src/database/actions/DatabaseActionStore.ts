import { Knex } from 'knex';
import { PreconditionFailedError } from '../../errors/PreconditionFailedError';
import {
  groupByEntity,
  inChunks,
  isoOrNull,
  Timestamp,
  chunk,
} from '../queryHelpers';
import { toDate } from '../toDate';
import {
  ActionChanges,
  ActionFields,
  ActionStore,
  StoredAction,
} from './ActionStore';

type ActionRow = {
  id: number;
  title: string;
  entity_ref: string;
  incident_id: number | null;
  owner_ref: string;
  priority: string;
  due_date: string;
  status: string;
  ticket_url: string | null;
  version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
};

function toStoredAction(row: ActionRow): StoredAction {
  return {
    id: String(row.id),
    title: row.title,
    entityRef: row.entity_ref,
    incidentId: row.incident_id === null ? null : String(row.incident_id),
    owner: row.owner_ref,
    priority: row.priority,
    dueDate: row.due_date,
    status: row.status as StoredAction['status'],
    ticketUrl: row.ticket_url,
    version: row.version,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    closedAt: isoOrNull(row.closed_at),
  };
}

/**
 * The knex implementation of {@link ActionStore}: corrective actions.
 *
 * @internal
 */
export class DatabaseActionStore implements ActionStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseActionStore {
    return new DatabaseActionStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async createAction(
    fields: ActionFields,
    actor: string,
    at: Date,
  ): Promise<StoredAction> {
    const [row] = await this.db('actions')
      .insert({
        title: fields.title,
        entity_ref: fields.entityRef,
        incident_id:
          fields.incidentId === null ? null : Number(fields.incidentId),
        owner_ref: fields.owner,
        priority: fields.priority,
        due_date: fields.dueDate,
        status: 'open',
        ticket_url: fields.ticketUrl,
        version: 1,
        created_by: actor,
        updated_by: actor,
        created_at: at,
        updated_at: at,
        closed_at: null,
      })
      .returning('id');
    return (await this.getAction(
      String(typeof row === 'object' ? row.id : row),
    ))!;
  }

  async importActions(
    rows: Array<
      ActionFields & { status: StoredAction['status']; createdAt: Date }
    >,
    actor: string,
    at: Date,
  ): Promise<number> {
    await this.db.transaction(async tx => {
      for (const batch of chunk(rows, 200)) {
        await tx('actions').insert(
          batch.map(row => ({
            title: row.title,
            entity_ref: row.entityRef,
            incident_id:
              row.incidentId === null ? null : Number(row.incidentId),
            owner_ref: row.owner,
            priority: row.priority,
            due_date: row.dueDate,
            status: row.status,
            ticket_url: row.ticketUrl,
            version: 1,
            created_by: actor,
            updated_by: actor,
            created_at: row.createdAt,
            updated_at: at,
            // A closed backlog item is taken as closed when imported.
            closed_at:
              row.status === 'done' || row.status === 'wont-do' ? at : null,
          })),
        );
      }
    });
    return rows.length;
  }

  async existingActionKeys(entityRefs: string[]): Promise<Set<string>> {
    const rows = await this.db('actions')
      .whereIn('entity_ref', entityRefs)
      .select('entity_ref', 'title');
    return new Set(
      rows.map(
        (r: { entity_ref: string; title: string }) =>
          `${r.entity_ref}\t${r.title}`,
      ),
    );
  }

  async getAction(id: string): Promise<StoredAction | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const row = await this.db<ActionRow>('actions')
      .where({ id: Number(id) })
      .first();
    return row ? toStoredAction(row) : undefined;
  }

  async updateAction(
    id: string,
    changes: ActionChanges,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredAction> {
    const columns: Record<string, unknown> = {
      updated_by: actor,
      updated_at: at,
      version: expectedVersion + 1,
    };
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.owner !== undefined) columns.owner_ref = changes.owner;
    if (changes.priority !== undefined) columns.priority = changes.priority;
    if (changes.dueDate !== undefined) columns.due_date = changes.dueDate;
    if (changes.ticketUrl !== undefined) columns.ticket_url = changes.ticketUrl;
    if (changes.status !== undefined) {
      columns.status = changes.status;
      columns.closed_at =
        changes.status === 'done' || changes.status === 'wont-do' ? at : null;
    }
    const updated = await this.db('actions')
      .where({ id: Number(id), version: expectedVersion })
      .update(columns);
    if (updated === 0) {
      const current = await this.getAction(id);
      throw new PreconditionFailedError(
        `Action ${id} was changed by someone else: it is at version ${current?.version}, not ${expectedVersion}. Reload and try again.`,
      );
    }
    return (await this.getAction(id))!;
  }

  async deleteAction(id: string, expectedVersion: number): Promise<boolean> {
    if (!/^\d{1,12}$/.test(id)) return false;
    const deleted = await this.db('actions')
      .where({ id: Number(id), version: expectedVersion })
      .delete();
    if (deleted > 0) return true;
    const current = await this.getAction(id);
    if (!current) return false;
    throw new PreconditionFailedError(
      `Action ${id} was changed by someone else: it is at version ${current.version}, not ${expectedVersion}. Reload and try again.`,
    );
  }

  async listEntityActions(
    entityRef: string,
    statuses?: string[],
  ): Promise<StoredAction[]> {
    return (await this.listActionsByEntity([entityRef], statuses)).get(
      entityRef,
    )!;
  }

  async listActionsByEntity(
    entityRefs: readonly string[],
    statuses?: string[],
  ): Promise<Map<string, StoredAction[]>> {
    const rows = await inChunks(entityRefs, refs => {
      let query = this.db<ActionRow>('actions').whereIn('entity_ref', refs);
      if (statuses) query = query.whereIn('status', statuses);
      return query.orderBy([{ column: 'due_date' }, { column: 'id' }]);
    });
    return groupByEntity(
      entityRefs,
      rows,
      row => row.entity_ref,
      toStoredAction,
    );
  }

  async listActionsByOwners(options: {
    owners: string[];
    statuses?: string[];
    dueBefore?: string;
    after?: { dueDate: string; id: number };
    limit: number;
  }): Promise<StoredAction[]> {
    let query = this.db<ActionRow>('actions').whereIn(
      'owner_ref',
      options.owners,
    );
    if (options.statuses) query = query.whereIn('status', options.statuses);
    if (options.dueBefore)
      query = query.andWhere('due_date', '<', options.dueBefore);
    const after = options.after;
    if (after) {
      // Keyset: strictly after (due_date, id), stable under inserts.
      query = query.andWhere(qb =>
        qb
          .where('due_date', '>', after.dueDate)
          .orWhere(inner =>
            inner
              .where('due_date', after.dueDate)
              .andWhere('id', '>', after.id),
          ),
      );
    }
    const rows = await query
      .orderBy([{ column: 'due_date' }, { column: 'id' }])
      .limit(options.limit);
    return rows.map(toStoredAction);
  }
}
