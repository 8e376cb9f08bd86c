import {
  ActionStatus,
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

/** @public */
export interface StoredAction {
  id: string;
  title: string;
  entityRef: string;
  incidentId: string | null;
  owner: string;
  priority: string;
  dueDate: string;
  status: ActionStatus;
  ticketUrl: string | null;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** Incident fields a client sets. @public */
export type IncidentFields = Omit<Incident, 'id'>;

/** Action fields a client sets on creation. @public */
export type ActionFields = Pick<
  StoredAction,
  | 'title'
  | 'entityRef'
  | 'incidentId'
  | 'owner'
  | 'priority'
  | 'dueDate'
  | 'ticketUrl'
>;

/** Action fields a client may change. @public */
export type ActionChanges = Partial<
  Pick<
    StoredAction,
    'title' | 'owner' | 'priority' | 'dueDate' | 'ticketUrl' | 'status'
  >
>;

/**
 * Incidents, postmortems and action items.
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

  createAction(
    fields: ActionFields,
    actor: string,
    at: Date,
  ): Promise<StoredAction>;
  /**
   * Creates many actions in one transaction (all or nothing), each with
   * its own creation time and status.
   */
  importActions(
    rows: Array<
      ActionFields & { status: StoredAction['status']; createdAt: Date }
    >,
    actor: string,
    at: Date,
  ): Promise<number>;
  /** Which `(entityRef, title)` pairs already exist, as `entityRef<TAB>title`. */
  existingActionKeys(entityRefs: string[]): Promise<Set<string>>;
  getAction(id: string): Promise<StoredAction | undefined>;
  /**
   * Applies changes when `expectedVersion` is current; closing sets
   * `closedAt`, reopening clears it.
   *
   * @throws PreconditionFailedError when the version is stale
   */
  updateAction(
    id: string,
    changes: ActionChanges,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredAction>;
  /** An entity's actions, optionally only some statuses. */
  listEntityActions(
    entityRef: string,
    statuses?: string[],
  ): Promise<StoredAction[]>;
  /** {@link IncidentStore.listEntityActions} for many entities: every asked ref is a key. */
  listActionsByEntity(
    entityRefs: readonly string[],
    statuses?: string[],
  ): Promise<Map<string, StoredAction[]>>;
  /**
   * Actions of any of `owners`, ordered by due date then id, after a keyset
   * cursor, so pages neither skip nor repeat when rows are added.
   */
  listActionsByOwners(options: {
    owners: string[];
    statuses?: string[];
    dueBefore?: string;
    after?: { dueDate: string; id: number };
    limit: number;
  }): Promise<StoredAction[]>;
}
