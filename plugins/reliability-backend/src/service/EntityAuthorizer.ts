import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  reliabilityEntityReadPermission,
  reliabilityPersonOnlyPermissions,
} from '@reliability-suite/plugin-reliability-common';
import { Request } from 'express';
import { SummaryVisibility } from '../database/summaries/EntitySummaryStore';
import { visibilityFromConditions } from '../summary/visibilityFromConditions';

/**
 * The one place the API decides who may do what: credentials from the
 * request, permission decisions on one entity, on many, or on each row of
 * a list, and the catalog reads that go with them (what a caller cannot
 * see in the catalog does not exist here either).
 *
 * @internal
 */
export class EntityAuthorizer {
  private readonly warnedRules = new Set<string>();

  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      catalog: CatalogService;
      logger: LoggerService;
    },
  ) {}

  /**
   * User or service credentials of the request.
   *
   * @throws AuthenticationError (401) without valid credentials
   */
  credentials(req: Request): Promise<BackstageCredentials> {
    return this.deps.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /**
   * Credentials with an ALLOW for the permission (on the entity, for
   * resource permissions).
   *
   * @throws NotAllowedError (403) when the policy denies
   */
  async authorize(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req);
    await this.require(credentials, permission, resourceRef);
    return credentials;
  }

  /** Throws NotAllowedError unless the policy allows `permission`. */
  async require(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ): Promise<void> {
    this.requirePersonFor(credentials, permission);
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
  }

  /**
   * The caller needs `permission` on each of `refs`: one decision request
   * for all of them.
   *
   * @throws NotAllowedError (403) naming the refs denied
   */
  async requireEach(
    credentials: BackstageCredentials,
    refs: string[],
    permission: ResourcePermission,
  ): Promise<void> {
    this.requirePersonFor(credentials, permission);
    const decisions = await this.deps.permissions.authorize(
      refs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    const denied = refs.filter(
      (_r, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length > 0) {
      throw new NotAllowedError(
        `You are not allowed '${permission.name}' on ${denied.join(', ')}`,
      );
    }
  }

  /**
   * An approver's permission needs a person. Decided here, before the
   * policy: the permission client allows every service principal without
   * asking it (a static token only within its access restrictions).
   *
   * @throws NotAllowedError (403) for service credentials
   */
  private requirePersonFor(
    credentials: BackstageCredentials,
    permission: BasicPermission | ResourcePermission,
  ): void {
    if (
      credentials.principal &&
      (credentials.principal as { type?: string }).type === 'service' &&
      reliabilityPersonOnlyPermissions.includes(permission.name)
    ) {
      throw new NotAllowedError(
        `'${permission.name}' is a person's decision: service credentials (an API token, another plugin) cannot approve`,
      );
    }
  }

  /**
   * Every entity must exist and the caller needs `permission` on each;
   * the entities in the order of `refs`.
   *
   * @throws NotAllowedError (403) naming the refs denied
   * @throws InputError (400) naming `field` and the refs not in the catalog
   */
  async authorizeEntities(
    credentials: BackstageCredentials,
    refs: string[],
    permission: ResourcePermission,
    field = 'entityRefs',
  ): Promise<Entity[]> {
    await this.requireEach(credentials, refs, permission);
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const missing = refs.filter((_r, i) => !items[i]);
    if (missing.length > 0) {
      throw new InputError(
        `Invalid request body '${field}': ${missing.join(
          ', ',
        )} not in the catalog`,
      );
    }
    return items as Entity[];
  }

  /**
   * The rows whose entity the caller may read: the others are left out,
   * never counted.
   */
  async filterReadable<T>(
    credentials: BackstageCredentials,
    rows: T[],
    entityRefOf: (row: T) => string,
  ): Promise<T[]> {
    if (rows.length === 0) return [];
    const decisions = await this.deps.permissions.authorize(
      rows.map(row => ({
        permission: reliabilityEntityReadPermission,
        resourceRef: entityRefOf(row),
      })),
      { credentials },
    );
    return rows.filter(
      (_r, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  /**
   * The entity, read with the caller's credentials.
   *
   * @throws NotFoundError (404) when the caller cannot see it
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
   * An entity read: credentials with `reliability.entity.read` on the
   * entity, and the entity itself.
   */
  async readableEntity(
    req: Request,
    entityRef: string,
  ): Promise<{ credentials: BackstageCredentials; entity: Entity }> {
    const credentials = await this.credentials(req);
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
    return { credentials, entity: found.value };
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
}
