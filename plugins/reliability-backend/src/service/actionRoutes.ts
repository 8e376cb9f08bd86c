import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { reliabilityActionManagePermission } from '@reliability-suite/plugin-reliability-common';
import { Router } from 'express';
import { ActionImportService } from '../actions/ActionImportService';
import { ActionService, checkActionTransition } from '../actions/ActionService';
import { StoredAction } from '../database/actions/ActionStore';
import { EntityAuthorizer } from './EntityAuthorizer';
import {
  actionCreateBodySchema,
  actionImportQuerySchema,
  actionListQuerySchema,
  actionPatchBodySchema,
  checkPatchedDueDate,
  decodeActionCursor,
  encodeActionCursor,
  entityActionsQuerySchema,
} from '../request/actionSchemas';
import { numericIdPathSchema } from '../request/fieldSchemas';
import { requireIfMatch } from '../request/parseIfMatch';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseInput } from '../request/parseInput';
import { DateRules } from '../request/DateRules';
import { RouteContext } from './RouteContext';

/** What the action routes use. */
export interface ActionRoutesOptions {
  /** The entity from the path, the actor, audit events. */
  route: Pick<RouteContext, 'readEntity' | 'actorOf' | 'audited'>;
  authorizer: EntityAuthorizer;
  /** Whom a user's token claims to be: an action's owner may move it. */
  userInfo: UserInfoService;
  actions: ActionService;
  actionImport: ActionImportService;
  /** The sane ranges of dates, on the routes' clock. */
  dates: DateRules;
}

/** Corrective actions: per entity, per owner, and imported in bulk. */
export function registerActionRoutes(
  router: Router,
  options: ActionRoutesOptions,
) {
  const { route, authorizer, userInfo, actions, actionImport } = options;
  const createBodySchema = actionCreateBodySchema(options.dates);
  const patchBodySchema = actionPatchBodySchema(options.dates);

  /**
   * `reliability.action.manage` on the action's entity, or else the
   * action's owner changing only its status.
   */
  async function authorizeChange(
    credentials: BackstageCredentials,
    action: StoredAction,
    fields: string[],
  ): Promise<void> {
    try {
      await authorizer.require(
        credentials,
        reliabilityActionManagePermission,
        action.entityRef,
      );
    } catch (error) {
      if (!isError(error) || error.name !== 'NotAllowedError') throw error;
      const onlyStatus = fields.every(k => k === 'status');
      const claims =
        credentials.principal &&
        (credentials.principal as { type: string }).type === 'user'
          ? (await userInfo.getUserInfo(credentials)).ownershipEntityRefs.map(
              r => r.toLocaleLowerCase('en-US'),
            )
          : [];
      if (!onlyStatus || !claims.includes(action.owner)) throw error;
    }
  }

  router.post('/v1/actions', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const body = parseInput(createBodySchema, req.body, 'request body');
    const credentials = await authorizer.authorize(
      req,
      reliabilityActionManagePermission,
      body.entityRef,
    );
    const action = await route.audited(
      req,
      'action-create',
      { entityRef: body.entityRef, owner: body.owner },
      () => actions.create(body, credentials, route.actorOf(credentials)),
      a => ({ action: a.id }),
    );
    res.status(201).set('ETag', `"${action.version}"`).json(action);
  });

  router.post('/v1/actions/import', async (req, res) => {
    const { dryRun } = parseInput(
      actionImportQuerySchema,
      req.query,
      'query parameter',
    );
    const credentials = await authorizer.credentials(req);
    const caller = {
      credentials,
      authorize: (entityRefs: string[]) =>
        authorizer.requireEach(
          credentials,
          entityRefs,
          reliabilityActionManagePermission,
        ),
    };
    res.json(
      dryRun === 'true'
        ? await actionImport.dryRun(req.body, caller)
        : await actionImport.run(
            req.body,
            caller,
            route.actorOf(credentials),
            (meta, write) => route.audited(req, 'actions-import', meta, write),
          ),
    );
  });

  router.patch('/v1/actions/:id', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { id } = parseInput(
      numericIdPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    const changes = parseInput(patchBodySchema, req.body, 'request body');
    const credentials = await authorizer.credentials(req);
    const action = await actions.get(id);
    // Authorized before the checks against the stored action, so a caller
    // who may not change it learns a 403, not its version or dates.
    await authorizeChange(credentials, action, Object.keys(changes));
    checkPatchedDueDate(
      changes.dueDate,
      options.dates.localDate(Date.parse(action.createdAt)),
    );
    const expectedVersion = requireIfMatch(req, action.version, `action ${id}`);
    checkActionTransition(action, changes.status);
    const updated = await route.audited(
      req,
      'action-update',
      {
        action: id,
        fields: Object.keys(changes),
        status: changes.status ?? null,
      },
      () =>
        actions.update(
          action,
          changes,
          expectedVersion,
          credentials,
          route.actorOf(credentials),
        ),
      a => ({ version: a.version }),
    );
    res.set('ETag', `"${updated.version}"`).json(updated);
  });

  router.delete('/v1/actions/:id', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const { id } = parseInput(
      numericIdPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    const credentials = await authorizer.credentials(req);
    const action = await actions.get(id);
    // Deleting is not a status change: the owner alone may not, only
    // those who manage the entity's actions.
    await authorizer.require(
      credentials,
      reliabilityActionManagePermission,
      action.entityRef,
    );
    const expectedVersion = requireIfMatch(req, action.version, `action ${id}`);
    await route.audited(
      req,
      'action-delete',
      {
        action: id,
        entityRef: action.entityRef,
        incident: action.incidentId,
        title: action.title,
        status: action.status,
        version: expectedVersion,
      },
      () => actions.delete(action, expectedVersion),
    );
    res.status(204).end();
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/actions',
    async (req, res) => {
      const { entityRef, query } = await route.readEntity(
        req,
        entityActionsQuerySchema,
      );
      res.json({
        items: await actions.listForEntity(entityRef, query.status),
      });
    },
  );

  router.get('/v1/actions', async (req, res) => {
    const query = parseInput(
      actionListQuerySchema,
      req.query,
      'query parameter',
    );
    const credentials = await authorizer.credentials(req);
    const { items, next } = await actions.listByOwner({
      owner: query.owner,
      overdue: query.overdue === 'true',
      status: query.status,
      limit: query.limit ?? 50,
      after: query.cursor ? decodeActionCursor(query.cursor) : undefined,
      credentials,
      readable: rows =>
        authorizer.filterReadable(credentials, rows, a => a.entityRef),
    });
    res.json({ items, nextCursor: next ? encodeActionCursor(next) : null });
  });
}
