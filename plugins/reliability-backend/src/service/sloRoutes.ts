import {
  reliabilityBudgetExceptionApprovePermission,
  reliabilitySloIngestPermission,
  reliabilitySloManagePermission,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { Request, Router } from 'express';
import { SloDefinitionService } from '../slos/SloDefinitionService';
import { SloService } from '../slos/SloService';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseIfMatch } from '../request/parseIfMatch';
import { parseInput } from '../request/parseInput';
import {
  budgetExceptionBodySchema,
  parseMeasurementBatch,
  parseSloDefinition,
  sloPathSchema,
  sloSeriesQuerySchema,
  sloSeriesRange,
  sloStatusQuerySchema,
  splitSloPutBody,
} from '../request/sloSchemas';
import { RouteContext } from './RouteContext';

/** What the SLO routes use. */
export interface SloRoutesOptions {
  route: Pick<
    RouteContext,
    'authorizer' | 'entityRefOf' | 'readEntity' | 'actorOf' | 'audited'
  >;
  sloService: Pick<
    SloService,
    'maxBatchSize' | 'statusAt' | 'series' | 'deployGate'
  >;
  sloDefinitions: SloDefinitionService;
  tierPolicy: TierPolicyService;
  now: () => Date;
}

/** SLO definitions, measurements, status, series, deploy gate, exceptions. */
export function registerSloRoutes(router: Router, options: SloRoutesOptions) {
  const { route, sloService, sloDefinitions, tierPolicy, now } = options;
  const { authorizer } = route;
  const base = '/v1/entities/:kind/:namespace/:name';

  const sloNameOf = (req: Request) =>
    parseInput(sloPathSchema, { sloName: req.params.sloName }, 'path parameter')
      .sloName;

  router.get(`${base}/slos`, async (req, res) => {
    const { entityRef } = await route.readEntity(req);
    res.json(await sloDefinitions.listSlos(entityRef));
  });

  router.put(`${base}/slos/:sloName`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    const name = sloNameOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilitySloManagePermission,
      entityRef,
    );
    const { version, spec } = splitSloPutBody(req.body);
    const expectedVersion = parseIfMatch(req) ?? version;
    const definition = parseSloDefinition(name, spec);
    await authorizer.entityOf(entityRef, credentials);
    const { slo, created, status } = await route.audited(
      req,
      'slo-upsert',
      { entityRef, slo: name, expectedVersion: expectedVersion ?? null },
      () =>
        sloDefinitions.putApiSlo({
          entityRef,
          definition,
          expectedVersion,
          actor: route.actorOf(credentials),
          at: now(),
        }),
      result => ({ version: result.slo.version, created: result.created }),
    );
    res
      .status(created ? 201 : 200)
      .set('ETag', `"${slo.version}"`)
      .json({
        name: slo.name,
        source: slo.source,
        version: slo.version,
        definition: slo.definition,
        status,
      });
  });

  router.post(`${base}/slos/:sloName/measurements`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilitySloIngestPermission,
      entityRef,
    );
    const measurements = parseMeasurementBatch(
      req.body,
      sloService.maxBatchSize,
    );
    await authorizer.entityOf(entityRef, credentials);
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    const result = await route.audited(
      req,
      'slo-measurements',
      { entityRef, slo: slo.name, points: measurements.length },
      () => sloDefinitions.ingest(slo, measurements, now()),
      r => ({ buckets: r.buckets }),
    );
    res.json({
      stored: result.points,
      buckets: result.buckets,
      status: result.status.status,
    });
  });

  router.get(`${base}/slos/:sloName/status`, async (req, res) => {
    const {
      entityRef,
      query: { at },
    } = await route.readEntity(req, sloStatusQuerySchema);
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    res.json(
      await sloService.statusAt(slo, at ? Date.parse(at) : now().getTime()),
    );
  });

  router.get(`${base}/slos/:sloName/series`, async (req, res) => {
    const { entityRef, query } = await route.readEntity(
      req,
      sloSeriesQuerySchema,
    );
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    const { from, to, step } = sloSeriesRange(
      query,
      slo.definition.timeWindow,
      now(),
    );
    res.json(await sloService.series(slo, from, to, step));
  });

  router.get(`${base}/deploy-gate`, async (req, res) => {
    const { entityRef, entity } = await route.readEntity(req);
    res.json(
      await sloService.deployGate(entityRef, tierPolicy.resolve(entity), now()),
    );
  });

  router.get(`${base}/budget-exceptions`, async (req, res) => {
    const { entityRef } = await route.readEntity(req);
    res.json({ items: await sloDefinitions.listBudgetExceptions(entityRef) });
  });

  router.post(`${base}/budget-exceptions`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilityBudgetExceptionApprovePermission,
      entityRef,
    );
    const body = parseInput(
      budgetExceptionBodySchema,
      req.body,
      'request body',
    );
    await authorizer.entityOf(entityRef, credentials);
    const exception = await route.audited(
      req,
      'budget-exception-create',
      { entityRef, expiresAt: body.expiresAt },
      () =>
        sloDefinitions.createBudgetException({
          entityRef,
          ...body,
          actor: route.actorOf(credentials),
          at: now(),
        }),
      e => ({ id: e.id }),
    );
    res.status(201).json(exception);
  });
}
