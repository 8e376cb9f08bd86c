import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { z } from 'zod/v3';
import { SummaryVisibility } from '../database/summaries/EntitySummaryStore';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { actorOf } from './actorOf';
import { EntityAuthorizer } from './EntityAuthorizer';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseInput } from '../request/parseInput';

/**
 * What the route handlers share: the core services the HTTP layer needs,
 * and the plugin's stores and services as the context builder made them.
 */
export interface RouteDeps
  extends Omit<ReliabilityContext, 'tierSync' | 'sloSync'> {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  tierPolicy: TierPolicyService;
  userInfo: UserInfoService;
  logger: LoggerService;
  permissionsRegistry: PermissionsRegistryService;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}

/**
 * Helpers every route uses: the entity authorizer, the entity from the
 * path, the actor for audit and `updated_by`, and audit events.
 */
export class RouteContext {
  /** The one place routes decide who may do what. */
  readonly authorizer: EntityAuthorizer;

  constructor(readonly deps: RouteDeps) {
    this.authorizer = new EntityAuthorizer(deps);
  }

  /** See {@link EntityAuthorizer.authorize}. */
  authorize(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    return this.authorizer.authorize(req, permission, resourceRef);
  }

  /**
   * The canonical entity ref from `:kind/:namespace/:name`. The spec's
   * `kind`, `namespace` and `name` parameters hold the catalog's naming
   * rules, checked by `validateRequestsAgainstSpec` before any route runs.
   */
  entityRefOf(req: Request): string {
    const { kind, namespace, name } = req.params;
    return toCanonicalEntityRef({ kind, namespace, name });
  }

  /** See {@link EntityAuthorizer.entityOf}. */
  entityOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return this.authorizer.entityOf(entityRef, credentials);
  }

  /**
   * The common start of an entity read: the entity ref from the path, the
   * query parsed with `querySchema` (no parameters by default), credentials
   * with `reliability.entity.read` on the entity, and the entity itself.
   */
  async readEntity<TQuery extends z.ZodTypeAny = typeof noQuerySchema>(
    req: Request,
    querySchema?: TQuery,
  ): Promise<{
    entityRef: string;
    query: z.infer<TQuery>;
    credentials: BackstageCredentials;
    entity: Entity;
  }> {
    const entityRef = this.entityRefOf(req);
    const query = parseInput(
      querySchema ?? noQuerySchema,
      req.query,
      'query parameter',
    );
    const { credentials, entity } = await this.authorizer.readableEntity(
      req,
      entityRef,
    );
    return { entityRef, query, credentials, entity };
  }

  /** Who acts: a user ref, or `service:<subject>` for tokens. */
  actorOf(credentials: BackstageCredentials): string {
    return actorOf(credentials);
  }

  /** See {@link EntityAuthorizer.visibilityOf}. */
  visibilityOf(credentials: BackstageCredentials): Promise<SummaryVisibility> {
    return this.authorizer.visibilityOf(credentials);
  }

  /**
   * Runs a write inside an audit event: success with the result's meta, or
   * failure with the error (then rethrown).
   */
  async audited<T>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    write: () => Promise<T>,
    resultMeta?: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await write();
      await event.success({ meta: resultMeta ? resultMeta(result) : {} });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
