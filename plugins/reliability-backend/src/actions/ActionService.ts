import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACTION_STATUS_TRANSITIONS,
  ActionResponse,
  ActionStatus,
  isClosedActionStatus,
} from '@reliability-suite/plugin-reliability-common';
import {
  ActionChanges,
  ActionFields,
  StoredAction,
} from '../database/actions/ActionStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { IncidentService } from '../incidents/IncidentService';
import { OwnershipService } from '../ownership/OwnershipService';
import { SummaryRefresher } from '../refresh/SummaryRefresher';

/** Which statuses a list shows: `all`, one, or by default the open ones. */
export type ActionStatusFilter = ActionStatus | 'all';

/** `all` means every status; none given means the not-yet-closed ones. */
function statusesFor(status: ActionStatusFilter | undefined) {
  if (status === 'all') return undefined;
  return status ? [status] : ['open', 'in-progress'];
}

/**
 * Refuses a status change the action's life cycle does not allow (a done
 * action can only be reopened, …).
 *
 * @throws InputError (400) naming `status`
 */
export function checkActionTransition(
  action: Pick<StoredAction, 'status'>,
  status: ActionStatus | undefined,
): void {
  if (
    status &&
    status !== action.status &&
    !ACTION_STATUS_TRANSITIONS[action.status].includes(status)
  ) {
    throw new InputError(
      `Invalid request body 'status': an action cannot go from ${action.status} to ${status}`,
    );
  }
}

/** A new action: no incident and no ticket unless given. */
export type NewAction = Omit<ActionFields, 'incidentId' | 'ticketUrl'> &
  Partial<Pick<ActionFields, 'incidentId' | 'ticketUrl'>>;

/**
 * Corrective actions: created against catalog entities and owners, moved
 * through their statuses, listed per entity and per owner. Every write
 * brings the overview row of the action's entity up to date.
 *
 * @internal
 */
export class ActionService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      stores: Pick<ReliabilityStores, 'actions' | 'incidents'>;
      catalog: CatalogService;
      incidentService: IncidentService;
      ownershipService: Pick<OwnershipService, 'groupWithDescendants'>;
      refresher: Pick<SummaryRefresher, 'entitiesChanged'>;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Today's date in the organisation's time zone: the earliest due date. */
  today(at: Date = this.now()): string {
    return this.options.incidentService.today(at.getTime());
  }

  /**
   * Creates an action; its entity and owner must be in the catalog (read
   * with the caller's credentials) and its incident, if any, stored.
   *
   * @throws InputError (400) naming the field that is not
   */
  async create(
    fields: NewAction,
    credentials: BackstageCredentials,
    actor: string,
    at: Date = this.now(),
  ): Promise<ActionResponse> {
    const { stores, catalog } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [fields.entityRef, fields.owner] },
      { credentials },
    );
    if (!items[0]) {
      throw new InputError(
        `Invalid request body 'entityRef': ${fields.entityRef} is not in the catalog`,
      );
    }
    if (!items[1]) {
      throw new InputError(
        `Invalid request body 'owner': ${fields.owner} is not in the catalog`,
      );
    }
    if (
      fields.incidentId &&
      !(await stores.incidents.getIncident(fields.incidentId))
    ) {
      throw new InputError(
        `Invalid request body 'incidentId': no incident ${fields.incidentId}`,
      );
    }
    const action = await stores.actions.createAction(
      {
        title: fields.title,
        entityRef: fields.entityRef,
        incidentId: fields.incidentId ?? null,
        owner: fields.owner,
        priority: fields.priority,
        dueDate: fields.dueDate,
        ticketUrl: fields.ticketUrl ?? null,
      },
      actor,
      at,
    );
    await this.options.refresher.entitiesChanged([action.entityRef]);
    return this.view(action);
  }

  /**
   * The stored action.
   *
   * @throws NotFoundError (404) when there is none
   */
  async get(id: string): Promise<StoredAction> {
    const action = await this.options.stores.actions.getAction(id);
    if (!action) throw new NotFoundError(`No action ${id}`);
    return action;
  }

  /**
   * Deletes the action when `expectedVersion` is current, then refreshes
   * its entity's summary.
   *
   * @throws NotFoundError (404) when it is gone already
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async delete(action: StoredAction, expectedVersion: number): Promise<void> {
    const deleted = await this.options.stores.actions.deleteAction(
      action.id,
      expectedVersion,
    );
    if (!deleted) throw new NotFoundError(`No action ${action.id}`);
    await this.options.refresher.entitiesChanged([action.entityRef]);
  }

  /**
   * Applies `changes` when `expectedVersion` is current; a new owner must
   * be in the catalog.
   *
   * @throws InputError (400) for an owner not in the catalog
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async update(
    action: StoredAction,
    changes: ActionChanges,
    expectedVersion: number,
    credentials: BackstageCredentials,
    actor: string,
    at: Date = this.now(),
  ): Promise<ActionResponse> {
    if (changes.owner) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: [changes.owner] },
        { credentials },
      );
      if (!items[0]) {
        throw new InputError(
          `Invalid request body 'owner': ${changes.owner} is not in the catalog`,
        );
      }
    }
    const updated = await this.options.stores.actions.updateAction(
      action.id,
      changes,
      expectedVersion,
      actor,
      at,
    );
    await this.options.refresher.entitiesChanged([updated.entityRef]);
    return this.view(updated);
  }

  /** The entity's actions: overdue first, then by due date, then oldest. */
  async listForEntity(
    entityRef: string,
    status: ActionStatusFilter | undefined,
  ): Promise<ActionResponse[]> {
    const actions = await this.options.stores.actions.listEntityActions(
      entityRef,
      statusesFor(status),
    );
    const at = this.now().getTime();
    return this.options.incidentService.sortActions(
      actions.map(a => this.options.incidentService.actionView(a, at)),
    );
  }

  /**
   * One page of the actions of `owner` (a group's includes its child
   * groups'), by due date then id, after the key `after`. `readable`
   * keeps the rows the caller may read; the others are left out, never
   * counted. `next` is where the following page starts, if there is one.
   */
  async listByOwner(query: {
    owner: string;
    overdue: boolean;
    status: ActionStatusFilter | undefined;
    limit: number;
    after: { dueDate: string; id: number } | undefined;
    credentials: BackstageCredentials;
    readable: (rows: StoredAction[]) => Promise<StoredAction[]>;
  }): Promise<{
    items: ActionResponse[];
    next: { dueDate: string; id: number } | undefined;
  }> {
    const { owner, overdue, limit } = query;
    const owners = owner.startsWith('group:')
      ? await this.options.ownershipService.groupWithDescendants(
          owner,
          query.credentials,
        )
      : [owner];
    const at = this.now().getTime();
    const rows = await this.options.stores.actions.listActionsByOwners({
      owners,
      statuses: overdue ? ['open', 'in-progress'] : statusesFor(query.status),
      dueBefore: overdue ? this.options.incidentService.today(at) : undefined,
      after: query.after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const visible = await query.readable(page);
    const last = page[page.length - 1];
    return {
      items: visible
        .map(a => this.options.incidentService.actionView(a, at))
        .filter(
          a => !overdue || (a.overdue && !isClosedActionStatus(a.status)),
        ),
      next:
        rows.length > limit && last
          ? { dueDate: last.dueDate, id: Number(last.id) }
          : undefined,
    };
  }

  private view(action: StoredAction): ActionResponse {
    return this.options.incidentService.actionView(
      action,
      this.now().getTime(),
    );
  }
}
