import { ActionStatus } from '@reliability-suite/plugin-reliability-common';

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
 * Corrective actions: owned, due and tracked to closing.
 *
 * @public
 */
export interface ActionStore {
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
  /**
   * Deletes the action when `expectedVersion` is current: compare and
   * delete in one statement.
   *
   * @returns whether it was deleted (false: no such action)
   * @throws PreconditionFailedError when the version is stale
   */
  deleteAction(id: string, expectedVersion: number): Promise<boolean>;
  /** An entity's actions, optionally only some statuses. */
  listEntityActions(
    entityRef: string,
    statuses?: string[],
  ): Promise<StoredAction[]>;
  /** {@link ActionStore.listEntityActions} for many entities: every asked ref is a key. */
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
