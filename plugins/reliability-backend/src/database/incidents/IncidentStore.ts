import {
  Incident,
  PostmortemStatus,
} from '@reliability-suite/plugin-reliability-common';

/** An incident as stored, with its version. @public */
export interface StoredIncident extends Incident {
  version: number;
  updatedBy: string | null;
}

/** @public */
export interface StoredPostmortem {
  incidentId: string;
  status: PostmortemStatus;
  documentUrl: string | null;
  summary: string | null;
  publishedAt: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Incident fields a client sets. @public */
export type IncidentFields = Omit<Incident, 'id'>;

/**
 * Incidents, the entities they affected, and their postmortems.
 *
 * @public
 */
export interface IncidentStore {
  createIncident(
    fields: IncidentFields,
    actor: string,
    at: Date,
  ): Promise<StoredIncident>;
  getIncident(id: string): Promise<StoredIncident | undefined>;
  /** Whether any incident is stored at all. */
  hasAnyIncident(): Promise<boolean>;
  /**
   * Applies changes when `expectedVersion` is current (compare-and-set).
   *
   * @throws PreconditionFailedError when the version is stale
   */
  updateIncident(
    id: string,
    changes: Partial<IncidentFields>,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredIncident>;
  /**
   * Deletes the incident when `expectedVersion` is current (compare and
   * delete in one statement), with its entity links and postmortem in the
   * same transaction. Its actions stay, unlinked (`incidentId` null):
   * they are work items of their entity, not parts of the record.
   *
   * @returns whether it was deleted (false: no such incident)
   * @throws PreconditionFailedError when the version is stale
   */
  deleteIncident(id: string, expectedVersion: number): Promise<boolean>;
  /** Incidents of an entity that started at or after `since`, newest first. */
  listIncidents(entityRef: string, since: Date): Promise<StoredIncident[]>;
  /** {@link IncidentStore.listIncidents} for many entities: every asked ref is a key. */
  listIncidentsByEntity(
    entityRefs: readonly string[],
    since: Date,
  ): Promise<Map<string, StoredIncident[]>>;

  getPostmortems(incidentIds: string[]): Promise<Map<string, StoredPostmortem>>;
  /**
   * Creates or replaces an incident's postmortem. `publishedAt` is set when
   * it first becomes published and cleared when it is unpublished.
   */
  putPostmortem(
    incidentId: string,
    fields: Pick<StoredPostmortem, 'status' | 'documentUrl' | 'summary'>,
    expectedVersion: number | undefined,
    actor: string,
    at: Date,
  ): Promise<StoredPostmortem>;
}
