import {
  HttpAuthService,
  PermissionsService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  EntitySummary,
  reliabilityEntityReadPermission,
  reliabilityTierPolicyReadPermission,
  summarizeEntityTier,
  TierPolicyResponse,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import fs from 'fs';
import { ReliabilityStore } from '../database/ReliabilityStore';
import { entityPathSchema, noQuerySchema } from './entityPathSchema';
import { parseInput } from './parseInput';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  tierPolicy: TierPolicyService;
  store: ReliabilityStore;
}

const openApiPath = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'openapi.yaml',
);

/**
 * The reliability REST API. Every route but `/health` needs user or service
 * credentials and a permission decision; input is parsed with zod and
 * errors are thrown as `@backstage/errors` for the shared error handler.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, tierPolicy, store } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  async function authorize(
    req: Request,
    permission: BasicPermission | ResourcePermission,
    resourceRef?: string,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [
        resourceRef
          ? { permission: permission as ResourcePermission, resourceRef }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${permission.attributes.action ?? 'use'} '${
          permission.name
        }'${resourceRef ? ` for ${resourceRef}` : ''}`,
      );
    }
    return credentials;
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/openapi.yaml', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.type('application/yaml').send(await fs.promises.readFile(openApiPath));
  });

  router.get('/v1/tiers', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    await authorize(req, reliabilityTierPolicyReadPermission);
    const body: TierPolicyResponse = { items: [...tierPolicy.getPolicies()] };
    res.json(body);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const path = parseInput(entityPathSchema, req.params, 'path parameter');
      parseInput(noQuerySchema, req.query, 'query parameter');
      const entityRef = toCanonicalEntityRef(path);
      const credentials = await authorize(
        req,
        reliabilityEntityReadPermission,
        entityRef,
      );
      // The caller's own credentials: an entity they may not see in the
      // catalog is as absent here as it is there.
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
      }
      const { tier, problems } = summarizeEntityTier(
        tierPolicy.resolve(entity),
        tierPolicy.getPolicies(),
      );
      if (tier) {
        const stored = await store.getEntityTier(entityRef);
        if (stored?.tierId === tier.id) {
          tier.since = stored.tierSince.toISOString();
        }
      }
      const body: EntitySummary = { entityRef, tier, problems };
      res.json(body);
    },
  );

  return router;
}
