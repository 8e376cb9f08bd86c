import { resolvePackagePath } from '@backstage/backend-plugin-api';
import express from 'express';
import fs from 'fs';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { noQuerySchema } from '../request/entityPathSchema';
import { guardRequestBody } from '../request/guardRequestBody';
import { hideInternalErrors } from '../errors/hideInternalErrors';
import { parseInput } from '../request/parseInput';
import { validateRequestsAgainstSpec } from '../request/validateRequestsAgainstSpec';
import { RouteContext, RouteDeps } from './RouteContext';
import { registerIncidentRoutes } from './incidentRoutes';
import { registerActionRoutes } from './actionRoutes';
import { registerOnCallRoutes } from './oncallRoutes';
import { registerOverviewRoutes } from './overviewRoutes';
import { registerTeamRoutes } from './teamRoutes';
import { registerReadinessRoutes } from './readinessRoutes';
import { registerSloRoutes } from './sloRoutes';
import { registerTierRoutes } from './tierRoutes';

/** @internal */
export type RouterOptions = RouteDeps;

const openApiPath = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'src/schema/openapi.yaml',
);

/**
 * The reliability REST API, on the typed router generated from
 * `src/schema/openapi.yaml` (`npm run generate:openapi`). Every route but
 * `/health` needs user or service credentials and a permission decision;
 * requests are validated against the spec before any route runs, and the
 * rules a schema cannot say (times in order, configured severities and
 * tiers, catalog lookups) stay in the routes' parsers. Errors are thrown
 * as `@backstage/errors` for the shared error handler.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    // Nothing before Backstage's validator (its default is express.json):
    // an error thrown there reaches its error transformer, which answers
    // every error as a 400, a 413 or a 415 included. Body parsing comes
    // after it, below. Express refuses an empty list, hence the pass-through.
    middleware: [(_req, _res, next) => next()],
    validatorOptions: {
      // See validateRequestsAgainstSpec: this one names no unknown field.
      validateRequests: false,
      // httpAuth decides who may call; this one's 401 would become a 400.
      validateSecurity: false,
      // No route takes multipart: guardRequestBody answers it with a 415.
      fileUploader: false,
    },
  });
  // 10,000 measurements take about 700 KB of JSON.
  router.use(express.json({ limit: '2mb' }));
  // Action imports may come as a spreadsheet's CSV.
  router.use(express.text({ type: 'text/csv', limit: '2mb' }));
  router.use(guardRequestBody({ csvPaths: ['/v1/actions/import'] }));
  router.use(validateRequestsAgainstSpec(spec));
  const ctx = new RouteContext(options);
  const dates = options.dateRules.withClock(options.now);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/openapi.yaml', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.type('application/yaml').send(await fs.promises.readFile(openApiPath));
  });

  registerTierRoutes(router, ctx);
  registerSloRoutes(router, {
    route: ctx,
    sloService: options.sloService,
    deployGates: options.deployGates,
    sloDefinitions: options.sloDefinitions,
    sliPulls: options.sliPulls,
    tierPolicy: options.tierPolicy,
    now: options.now,
  });
  registerOnCallRoutes(router, {
    route: ctx,
    rotations: options.rotationService,
    onCallService: options.onCallService,
    ownershipService: options.ownershipService,
    permissions: options.permissions,
    permissionsRegistry: options.permissionsRegistry,
    now: options.now,
    dates,
  });
  registerIncidentRoutes(router, {
    route: ctx,
    authorizer: ctx.authorizer,
    incidents: options.incidentRecords,
    severities: options.incidentService.severities,
    dates,
  });
  registerActionRoutes(router, {
    route: ctx,
    authorizer: ctx.authorizer,
    userInfo: options.userInfo,
    actions: options.actionService,
    actionImport: options.actionImport,
    dates,
  });
  registerReadinessRoutes(router, {
    route: ctx,
    attestations: options.readinessAttestations,
    reviews: options.readinessReviews,
    now: options.now,
    dates,
  });
  registerOverviewRoutes(router, ctx);
  registerTeamRoutes(router, ctx);
  router.use(hideInternalErrors(options.logger));

  return router;
}
