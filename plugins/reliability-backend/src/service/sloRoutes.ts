import {
  formatOpenSlo,
  reliabilityBudgetExceptionApprovePermission,
  reliabilitySloIngestPermission,
  reliabilitySloManagePermission,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { ConflictError } from '@backstage/errors';
import { Request, Router } from 'express';
import { SloDefinitionService } from '../slos/SloDefinitionService';
import { DeployGateService } from '../slos/DeployGateService';
import { SloService } from '../slos/SloService';
import { SliPullService } from '../sliPulls/SliPullService';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseIfMatch, requireIfMatch } from '../request/parseIfMatch';
import { numericIdPathSchema } from '../request/fieldSchemas';
import { parseInput } from '../request/parseInput';
import {
  budgetExceptionBodySchema,
  parseHistoryBody,
  parseMeasurementBatch,
  replayBodySchema,
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
  sloService: Pick<SloService, 'maxBatchSize' | 'statusAt' | 'series'>;
  deployGates: Pick<DeployGateService, 'deployGate'>;
  sloDefinitions: SloDefinitionService;
  sliPulls: Pick<SliPullService, 'replay'>;
  tierPolicy: TierPolicyService;
  now: () => Date;
}

/** SLO definitions, measurements, status, series, deploy gate, exceptions. */
export function registerSloRoutes(router: Router, options: SloRoutesOptions) {
  const {
    route,
    sloService,
    deployGates,
    sloDefinitions,
    sliPulls,
    tierPolicy,
    now,
  } = options;
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

  router.delete(`${base}/slos/:sloName`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    const name = sloNameOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilitySloManagePermission,
      entityRef,
    );
    await authorizer.entityOf(entityRef, credentials);
    const slo = await sloDefinitions.getSlo(entityRef, name);
    if (slo.source === 'catalog') {
      throw new ConflictError(
        `SLO '${name}' of ${entityRef} is managed in the catalog (its OpenSLO file); remove it there`,
      );
    }
    const expectedVersion = requireIfMatch(
      req,
      slo.version,
      `SLO '${name}' of ${entityRef}`,
    );
    await route.audited(
      req,
      'slo-delete',
      { entityRef, slo: name, version: expectedVersion },
      () => sloDefinitions.deleteApiSlo(slo, expectedVersion),
    );
    res.status(204).end();
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

  router.put(`${base}/slos/:sloName/history`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilitySloIngestPermission,
      entityRef,
    );
    const history = parseHistoryBody(req.body, sloService.maxBatchSize);
    await authorizer.entityOf(entityRef, credentials);
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    res.json(
      await route.audited(
        req,
        'slo-history-replace',
        {
          entityRef,
          slo: slo.name,
          from: history.from,
          to: history.to,
          points: history.points.length,
        },
        () => sloDefinitions.replaceHistory(slo, history, now()),
        r => ({ buckets: r.buckets, replaced: r.replaced }),
      ),
    );
  });

  router.post(`${base}/slos/:sloName/replay`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await authorizer.authorize(
      req,
      reliabilitySloIngestPermission,
      entityRef,
    );
    const { from } = parseInput(
      replayBodySchema,
      req.body ?? {},
      'request body',
    );
    await authorizer.entityOf(entityRef, credentials);
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    const { pull } = await route.audited(
      req,
      'slo-replay',
      { entityRef, slo: slo.name, from: from ?? null },
      () => sliPulls.replay(slo, from, now()),
      replay => ({ from: replay.from }),
    );
    res.status(202).json(pull);
  });

  // An SLO as an OpenSLO v1 file, API-created ones too: the way out of the
  // API into a repository, read back by the parser to the same definition.
  router.get(`${base}/slos/:sloName/openslo`, async (req, res) => {
    const { entityRef } = await route.readEntity(req);
    const slo = await sloDefinitions.getSlo(entityRef, sloNameOf(req));
    // attachment() first: it would set text/yaml from the file name.
    res
      .attachment(`${slo.name}.yaml`)
      .type('application/yaml')
      .send(formatOpenSlo(slo.definition));
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
      await deployGates.deployGate(
        entityRef,
        tierPolicy.resolve(entity),
        now(),
      ),
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

  router.delete(`${base}/budget-exceptions/:id`, async (req, res) => {
    const entityRef = route.entityRefOf(req);
    const { id } = parseInput(
      numericIdPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    parseInput(noQuerySchema, req.query, 'query parameter');
    // Exceptions never change, so there is no version to compare: a
    // well-formed If-Match is accepted, none is needed.
    parseIfMatch(req);
    // Revoking is an approver's decision too (a person's: see
    // `reliabilityPersonOnlyPermissions`), as granting it was.
    const credentials = await authorizer.authorize(
      req,
      reliabilityBudgetExceptionApprovePermission,
      entityRef,
    );
    await authorizer.entityOf(entityRef, credentials);
    await route.audited(
      req,
      'budget-exception-revoke',
      { entityRef, id },
      () => sloDefinitions.revokeBudgetException(entityRef, id),
      e => ({ reason: e.reason, endsAt: e.endsAt, approvedBy: e.approvedBy }),
    );
    res.status(204).end();
  });
}
