import { InputError, NotFoundError } from '@backstage/errors';
import {
  parseSloDuration,
  parseSloSpec,
  reliabilityBudgetExceptionApprovePermission,
  reliabilitySloIngestPermission,
  reliabilitySloManagePermission,
  SloListResponse,
  sloNameSchema,
  sloWindowAt,
} from '@reliability-suite/plugin-reliability-common';
import { Request, Router } from 'express';
import { z } from 'zod';

import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import { toBudgetExceptionResponse } from '../slos/SloService';
import { noQuerySchema } from './request/entityPathSchema';
import { parseIfMatch } from './request/parseIfMatch';
import { parseInput } from './request/parseInput';
import { isoTimestamp, parseMeasurements } from './request/parseMeasurements';
import { RouteContext } from './RouteContext';

const statusQuerySchema = z.object({ at: isoTimestamp.optional() }).strict();

const seriesQuerySchema = z
  .object({
    from: isoTimestamp.optional(),
    to: isoTimestamp.optional(),
    step: z
      .string()
      .refine(
        v => parseSloDuration(v) !== undefined,
        'must be a duration such as 1h or 1d',
      )
      .optional(),
  })
  .strict();

const MAX_SERIES_POINTS = 500;
const MAX_EXCEPTION_MS = 30 * 24 * 3_600_000;

const budgetExceptionSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(10, 'must explain the exception in at least 10 characters')
      .max(2000),
    expiresAt: isoTimestamp,
  })
  .strict();

/** SLO definitions, measurements, status, series, deploy gate, exceptions. */
export function registerSloRoutes(router: Router, ctx: RouteContext) {
  const { stores, sloService, tierPolicy, now } = ctx.deps;
  const base = '/v1/entities/:kind/:namespace/:name';

  async function sloOf(entityRef: string, req: Request) {
    const name = parseInput(
      z.object({ sloName: sloNameSchema }),
      { sloName: req.params.sloName },
      'path parameter',
    ).sloName;
    const slo = await stores.slos.getSlo(entityRef, name);
    if (!slo) {
      throw new NotFoundError(`No SLO '${name}' for ${entityRef}`);
    }
    return slo;
  }

  router.get(`${base}/slos`, async (req, res) => {
    const { entityRef } = await ctx.readEntity(req);
    const slos = await stores.slos.listSlos(entityRef);
    const body: SloListResponse = {
      items: slos.map(slo => ({
        name: slo.name,
        ...(slo.definition.displayName
          ? { displayName: slo.definition.displayName }
          : {}),
        ...(slo.definition.description
          ? { description: slo.definition.description }
          : {}),
        source: slo.source,
        version: slo.version,
        definition: slo.definition,
        status: slo.status,
      })),
    };
    res.json(body);
  });

  router.put(`${base}/slos/:sloName`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    const name = parseInput(
      z.object({ sloName: sloNameSchema }),
      { sloName: req.params.sloName },
      'path parameter',
    ).sloName;
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await ctx.authorize(
      req,
      reliabilitySloManagePermission,
      entityRef,
    );
    const { version: bodyVersion, ...spec } = (req.body ?? {}) as {
      version?: unknown;
    };
    if (
      bodyVersion !== undefined &&
      (typeof bodyVersion !== 'number' || !Number.isInteger(bodyVersion))
    ) {
      throw new InputError(
        "Invalid request body 'version': must be the SLO's version number",
      );
    }
    const expectedVersion =
      parseIfMatch(req) ?? (bodyVersion as number | undefined);
    const parsed = parseSloSpec(name, spec);
    if (!parsed.slo) {
      throw new InputError(
        parsed.errors
          .map(e => `Invalid request body '${e.path}': ${e.message}`)
          .join('; '),
      );
    }
    await ctx.entityOf(entityRef, credentials);
    const definition = parsed.slo;
    const { slo, created } = await ctx.audited(
      req,
      'slo-upsert',
      { entityRef, slo: name, expectedVersion: expectedVersion ?? null },
      () =>
        stores.slos.putApiSlo({
          entityRef,
          definition,
          expectedVersion,
          actor: ctx.actorOf(credentials),
          at: now(),
        }),
      result => ({ version: result.slo.version, created: result.created }),
    );
    const status = await sloService.refreshStatus(slo, now());
    await ctx.refreshSummaries([entityRef]);
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
    const entityRef = ctx.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await ctx.authorize(
      req,
      reliabilitySloIngestPermission,
      entityRef,
    );
    const raw = Array.isArray(req.body) ? { measurements: req.body } : req.body;
    if (
      Array.isArray(raw?.measurements) &&
      raw.measurements.length > sloService.maxBatchSize
    ) {
      throw new PayloadTooLargeError(
        `A batch holds at most ${sloService.maxBatchSize} measurements; this one has ${raw.measurements.length}. Split it.`,
      );
    }
    const measurements = parseMeasurements(raw);
    await ctx.entityOf(entityRef, credentials);
    const slo = await sloOf(entityRef, req);
    const result = await ctx.audited(
      req,
      'slo-measurements',
      { entityRef, slo: slo.name, points: measurements.length },
      () => sloService.ingest(slo, measurements, now()),
      r => ({ buckets: r.buckets }),
    );
    await ctx.deps.summaryService.refreshSloColumns(now(), entityRef);
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
    } = await ctx.readEntity(req, statusQuerySchema);
    const slo = await sloOf(entityRef, req);
    res.json(
      await sloService.statusAt(slo, at ? Date.parse(at) : now().getTime()),
    );
  });

  router.get(`${base}/slos/:sloName/series`, async (req, res) => {
    const { entityRef, query } = await ctx.readEntity(req, seriesQuerySchema);
    const slo = await sloOf(entityRef, req);
    const to = query.to ? Date.parse(query.to) : now().getTime();
    // Default: the current window (a calendar SLO's chart starts at its
    // period start, where its budget starts afresh).
    const window = sloWindowAt(slo.definition.timeWindow, to);
    const windowFrom =
      window.kind === 'calendar' ? window.start : to - window.lengthMs;
    const from = query.from ? Date.parse(query.from) : windowFrom;
    if (from >= to) {
      throw new InputError(
        "Invalid query parameter 'from': must be before 'to'",
      );
    }
    const step = query.step
      ? parseSloDuration(query.step)!
      : Math.max(60_000, Math.ceil((to - from) / 100 / 60_000) * 60_000);
    if ((to - from) / step > MAX_SERIES_POINTS) {
      throw new InputError(
        `Invalid query parameter 'step': gives more than ${MAX_SERIES_POINTS} points between from and to; use a larger step`,
      );
    }
    res.json(await sloService.series(slo, from, to, step));
  });

  router.get(`${base}/deploy-gate`, async (req, res) => {
    const { entityRef, entity } = await ctx.readEntity(req);
    res.json(
      await sloService.deployGate(entityRef, tierPolicy.resolve(entity), now()),
    );
  });

  router.get(`${base}/budget-exceptions`, async (req, res) => {
    const { entityRef } = await ctx.readEntity(req);
    const exceptions = await stores.slos.listBudgetExceptions(entityRef);
    res.json({ items: exceptions.map(toBudgetExceptionResponse) });
  });

  router.post(`${base}/budget-exceptions`, async (req, res) => {
    const entityRef = ctx.entityRefOf(req);
    parseInput(noQuerySchema, req.query, 'query parameter');
    const credentials = await ctx.authorize(
      req,
      reliabilityBudgetExceptionApprovePermission,
      entityRef,
    );
    const body = parseInput(budgetExceptionSchema, req.body, 'request body');
    const at = now();
    const endsAt = new Date(body.expiresAt);
    if (endsAt.getTime() <= at.getTime()) {
      throw new InputError(
        "Invalid request body 'expiresAt': must be in the future",
      );
    }
    if (endsAt.getTime() - at.getTime() > MAX_EXCEPTION_MS) {
      throw new InputError(
        "Invalid request body 'expiresAt': an exception lasts at most 30 days",
      );
    }
    await ctx.entityOf(entityRef, credentials);
    const exception = await ctx.audited(
      req,
      'budget-exception-create',
      { entityRef, expiresAt: body.expiresAt },
      () =>
        stores.slos.createBudgetException({
          entityRef,
          reason: body.reason,
          startsAt: at,
          endsAt,
          approvedBy: ctx.actorOf(credentials),
          createdAt: at,
        }),
      e => ({ id: e.id }),
    );
    await ctx.refreshSummaries([entityRef]);
    res.status(201).json(toBudgetExceptionResponse(exception));
  });
}
