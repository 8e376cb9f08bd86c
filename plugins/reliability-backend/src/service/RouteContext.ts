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
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  reliabilityEntityReadPermission,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { z } from 'zod';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { IncidentService } from '../incidents/IncidentService';
import { OnCallService } from '../oncall/OnCallService';
import { ReadinessService } from '../readiness/ReadinessService';
import { SloService } from '../slos/SloService';
import { EntitySummaryService } from '../summary/EntitySummaryService';
import { SummaryVisibility } from '../database/summaries/EntitySummaryStore';
import { visibilityFromConditions } from '../summary/visibilityFromConditions';
import { TeamScorecardService } from '../teams/TeamScorecardService';
import { entityPathSchema, noQuerySchema } from './entityPathSchema';
import { parseInput } from './parseInput';

/** What the route handlers share. */
export interface RouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  tierPolicy: TierPolicyService;
  stores: ReliabilityStores;
  sloService: SloService;
  onCallService: OnCallService;
  incidentService: IncidentService;
  readinessService: ReadinessService;
  summaryService: EntitySummaryService;
  teamScorecards: TeamScorecardService;
  userInfo: UserInfoService;
  logger: LoggerService;
  permissionsRegistry: PermissionsRegistryService;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}

/**
 * Helpers every route uses: credentials and permission checks, the entity
 * from the path, the actor for audit and `updated_by`, and audit events.
 */
export class RouteContext {
  constructor(readonly deps: RouteDeps) {}

  /**
   * Requires user or service credentials and an ALLOW for the permission
   * (on the entity, for resource permissions).
   *
   * @throws AuthenticationError (401) without valid credentials
   * @throws NotAllowedError (403) when the policy denies
   */
  async authorize(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await this.deps.permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed '${permission.name}'${
          resourceRef ? ` on ${resourceRef}` : ''
        }`,
      );
    }
    return credentials;
  }

  /** The canonical entity ref from `:kind/:namespace/:name`, validated. */
  entityRefOf(req: Request): string {
    const { kind, namespace, name } = parseInput(
      entityPathSchema,
      {
        kind: req.params.kind,
        namespace: req.params.namespace,
        name: req.params.name,
      },
      'path parameter',
    );
    return toCanonicalEntityRef({ kind, namespace, name });
  }

  /**
   * The entity, read with the caller's credentials: what they cannot see
   * in the catalog does not exist here either.
   */
  async entityOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    return entity;
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
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // The permission decision and the catalog read run side by side; a
    // denial still wins over a missing entity, and nothing is answered
    // before the decision.
    const [decision, found] = await Promise.allSettled([
      this.deps.permissions.authorize(
        [
          {
            permission: reliabilityEntityReadPermission,
            resourceRef: entityRef,
          },
        ],
        { credentials },
      ),
      this.deps.catalog.getEntityByRef(entityRef, { credentials }),
    ]);
    if (decision.status === 'rejected') throw decision.reason;
    if (decision.value[0].result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed '${reliabilityEntityReadPermission.name}' on ${entityRef}`,
      );
    }
    if (found.status === 'rejected') throw found.reason;
    if (!found.value) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    const entity = found.value;
    return { entityRef, query, credentials, entity };
  }

  /** Who acts: a user ref, or `service:<subject>` for tokens. */
  actorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    if (principal.type === 'user' && principal.userEntityRef) {
      return principal.userEntityRef;
    }
    return `service:${principal.subject ?? 'unknown'}`;
  }

  /**
   * Which stored summaries the caller may see: the decision on
   * `reliability.entity.read` for all entities, a conditional one turned
   * into a filter (see {@link visibilityFromConditions}).
   */
  async visibilityOf(
    credentials: BackstageCredentials,
  ): Promise<SummaryVisibility> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: reliabilityEntityReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW
        ? { all: true }
        : { none: true };
    }
    const unsupported = new Set<string>();
    const visibility = visibilityFromConditions(
      decision.conditions,
      unsupported,
    );
    for (const rule of unsupported) {
      if (!this.warnedRules.has(rule)) {
        this.warnedRules.add(rule);
        this.deps.logger.warn(
          `Overview reads cannot apply the permission rule ${rule}; rows that depend on it are hidden`,
        );
      }
    }
    return visibility;
  }

  private readonly warnedRules = new Set<string>();

  /**
   * Brings the overview's rows of these entities up to date after a write
   * that changed one of their inputs.
   */
  async refreshSummaries(entityRefs: string[]): Promise<void> {
    await this.deps.summaryService.refreshEntities(entityRefs, this.deps.now());
  }

  /**
   * After a rotation changed: the rows of the teams' entities and of those
   * the rotation answers for.
   */
  async refreshRotationSummaries(
    teams: string[],
    rotationId: string,
  ): Promise<void> {
    const { summaryService, now } = this.deps;
    for (const team of new Set(teams)) {
      await summaryService.refreshForRotation(team, rotationId, now());
    }
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
