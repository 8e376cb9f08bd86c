import { decodeCursor, encodeCursor } from './request/cursor';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ACTION_STATUS_TRANSITIONS,
  ActionStatus,
  incidentTimesOutOfOrder,
  isClosedActionStatus,
  reliabilityActionManagePermission,
  reliabilityEntityReadPermission,
  reliabilityIncidentManagePermission,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { Request, Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { StoredIncident } from '../database/incidents/IncidentStore';
import { parseCsv } from '../incidents/parseCsv';
import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import { parseIfMatch } from './request/parseIfMatch';
import { parseInput } from './request/parseInput';
import { RouteContext } from './RouteContext';

const isoTimestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp' });
const httpUrl = z
  .string()
  .max(2048)
  .url('must be an http(s) URL')
  .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const entityRefSchema = z
  .string()
  .refine(v => {
    try {
      toCanonicalEntityRef(v);
      return /^[a-z]+:[^/]+\/.+$/i.test(v);
    } catch {
      return false;
    }
  }, 'must be an entity ref such as component:default/checkout-api')
  .transform(v => toCanonicalEntityRef(v));
const ownerRefSchema = z
  .string()
  .transform(v => v.trim().toLocaleLowerCase('en-US'))
  .refine(
    v => /^(user|group):[a-z0-9._-]+\/[a-z0-9._-]+$/.test(v),
    'must be a User or Group ref such as group:default/payments',
  );
const localDate = z
  .string()
  .refine(
    v => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
    'must be a date such as 2026-12-01',
  );
const idSchema = z.string().regex(/^\d{1,12}$/, 'must be a numeric id');
const MAX_PAGE = 100;
const MAX_IMPORT_ROWS = 1000;

/** `all` means every status; none given means the not-yet-closed ones. */
function statusesFor(status: string | undefined): string[] | undefined {
  if (status === 'all') return undefined;
  return status ? [status] : ['open', 'in-progress'];
}

const incidentTimes = {
  detectedAt: isoTimestamp.nullable().optional(),
  acknowledgedAt: isoTimestamp.nullable().optional(),
  mitigatedAt: isoTimestamp.nullable().optional(),
  resolvedAt: isoTimestamp.nullable().optional(),
};

/** Incidents, postmortems and corrective action items. */
export function registerIncidentRoutes(router: Router, ctx: RouteContext) {
  const {
    stores,
    catalog,
    permissions,
    httpAuth,
    userInfo,
    incidentService,
    onCallService,
    now,
  } = ctx.deps;

  const severitySchema = z
    .string()
    .refine(s => incidentService.severities.includes(s), {
      message: `must be one of ${incidentService.severities.join(', ')}`,
    });
  const incidentCreateSchema = z
    .object({
      title: z.string().trim().min(1, 'must not be empty').max(300),
      severity: severitySchema,
      entityRefs: z
        .array(entityRefSchema)
        .min(1, 'must name at least one entity')
        .max(20),
      startedAt: isoTimestamp,
      ...incidentTimes,
      externalUrl: httpUrl.nullable().optional(),
    })
    .strict();
  const incidentPatchSchema = incidentCreateSchema.partial().strict();

  /** Every entity must exist and the caller needs `permission` on each. */
  async function authorizeEntities(
    req: Request,
    refs: string[],
    permission:
      | typeof reliabilityIncidentManagePermission
      | typeof reliabilityEntityReadPermission,
  ): Promise<{ credentials: BackstageCredentials; entities: Entity[] }> {
    const credentials = await ctx.authorizer.credentials(req);
    const entities = await ctx.authorizer.authorizeEntities(
      credentials,
      refs,
      permission,
    );
    return { credentials, entities };
  }

  async function incidentView(incident: StoredIncident, entities: Entity[]) {
    const postmortems = await stores.incidents.getPostmortems([incident.id]);
    return incidentService.incidentView(
      incident,
      entities,
      postmortems.get(incident.id),
      now().getTime(),
    );
  }

  async function incidentOf(req: Request): Promise<StoredIncident> {
    const { id } = parseInput(
      z.object({ id: idSchema }),
      { id: req.params.id },
      'path parameter',
    );
    const incident = await stores.incidents.getIncident(id);
    if (!incident) {
      await httpAuth.credentials(req, { allow: ['user', 'service'] });
      throw new NotFoundError(`No incident ${id}`);
    }
    return incident;
  }

  function checkTimes(times: Parameters<typeof incidentTimesOutOfOrder>[0]) {
    const outOfOrder = incidentTimesOutOfOrder(times);
    if (outOfOrder) {
      throw new InputError(
        `Invalid request body '${outOfOrder[0]}': must not be before ${outOfOrder[1]}`,
      );
    }
  }

  router.post('/v1/incidents', async (req, res) => {
    const body = parseInput(incidentCreateSchema, req.body, 'request body');
    checkTimes(body);
    const { credentials, entities } = await authorizeEntities(
      req,
      body.entityRefs,
      reliabilityIncidentManagePermission,
    );
    const incident = await ctx.audited(
      req,
      'incident-create',
      { entityRefs: body.entityRefs, severity: body.severity },
      () =>
        stores.incidents.createIncident(
          {
            title: body.title,
            severity: body.severity,
            entityRefs: body.entityRefs,
            startedAt: body.startedAt,
            detectedAt: body.detectedAt ?? null,
            acknowledgedAt: body.acknowledgedAt ?? null,
            mitigatedAt: body.mitigatedAt ?? null,
            resolvedAt: body.resolvedAt ?? null,
            externalUrl: body.externalUrl ?? null,
          },
          ctx.actorOf(credentials),
          now(),
        ),
      i => ({ incident: i.id }),
    );
    await ctx.refreshSummaries(incident.entityRefs);
    res
      .status(201)
      .set('ETag', `"${incident.version}"`)
      .json(await incidentView(incident, entities));
  });

  router.get('/v1/incidents/:id', async (req, res) => {
    const incident = await incidentOf(req);
    const { entities } = await authorizeEntities(
      req,
      incident.entityRefs,
      reliabilityEntityReadPermission,
    );
    res
      .set('ETag', `"${incident.version}"`)
      .json(await incidentView(incident, entities));
  });

  router.patch('/v1/incidents/:id', async (req, res) => {
    const incident = await incidentOf(req);
    const changes = parseInput(incidentPatchSchema, req.body, 'request body');
    const expectedVersion = parseIfMatch(req);
    if (expectedVersion === undefined) {
      throw new ConflictError(
        `Send If-Match: "${incident.version}" (the version you read) to change incident ${incident.id}`,
      );
    }
    checkTimes({ ...incident, ...changes });
    const refs = [
      ...new Set([...incident.entityRefs, ...(changes.entityRefs ?? [])]),
    ];
    const { credentials } = await authorizeEntities(
      req,
      refs,
      reliabilityIncidentManagePermission,
    );
    const updated = await ctx.audited(
      req,
      'incident-update',
      { incident: incident.id, fields: Object.keys(changes) },
      () =>
        stores.incidents.updateIncident(
          incident.id,
          changes,
          expectedVersion,
          ctx.actorOf(credentials),
          now(),
        ),
      i => ({ version: i.version }),
    );
    await ctx.refreshSummaries(refs);
    const { entities } = await authorizeEntities(
      req,
      updated.entityRefs,
      reliabilityEntityReadPermission,
    );
    res
      .set('ETag', `"${updated.version}"`)
      .json(await incidentView(updated, entities));
  });

  router.put('/v1/incidents/:id/postmortem', async (req, res) => {
    const incident = await incidentOf(req);
    const body = parseInput(
      z
        .object({
          status: z.enum(['draft', 'in-review', 'published']),
          documentUrl: httpUrl.nullable().optional(),
          summary: z.string().max(10_000).nullable().optional(),
        })
        .strict(),
      req.body,
      'request body',
    );
    const { credentials, entities } = await authorizeEntities(
      req,
      incident.entityRefs,
      reliabilityIncidentManagePermission,
    );
    await ctx.audited(
      req,
      'postmortem-upsert',
      { incident: incident.id, status: body.status },
      () =>
        stores.incidents.putPostmortem(
          incident.id,
          {
            status: body.status,
            documentUrl: body.documentUrl ?? null,
            summary: body.summary ?? null,
          },
          parseIfMatch(req),
          ctx.actorOf(credentials),
          now(),
        ),
    );
    await ctx.refreshSummaries(incident.entityRefs);
    res.json((await incidentView(incident, entities)).postmortem);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/incidents',
    async (req, res) => {
      const { entityRef, credentials, query } = await ctx.readEntity(
        req,
        z.object({ since: isoTimestamp.optional() }).strict(),
      );
      const since = query.since
        ? new Date(query.since)
        : new Date(now().getTime() - 90 * 24 * 3_600_000);
      const incidents = await stores.incidents.listIncidents(entityRef, since);
      const refs = [...new Set(incidents.flatMap(i => i.entityRefs))];
      const { items } = refs.length
        ? await catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials })
        : { items: [] };
      const byRef = new Map(refs.map((r, i) => [r, items[i]]));
      const postmortems = await stores.incidents.getPostmortems(
        incidents.map(i => i.id),
      );
      res.json({
        items: incidents.map(incident =>
          incidentService.incidentView(
            incident,
            incident.entityRefs
              .map(r => byRef.get(r))
              .filter((e): e is Entity => Boolean(e)),
            postmortems.get(incident.id),
            now().getTime(),
          ),
        ),
      });
    },
  );

  router.post('/v1/actions', async (req, res) => {
    const body = parseInput(
      z
        .object({
          title: z.string().trim().min(1, 'must not be empty').max(300),
          entityRef: entityRefSchema,
          incidentId: idSchema.nullable().optional(),
          owner: ownerRefSchema,
          priority: z.enum(['P0', 'P1', 'P2', 'P3']),
          dueDate: localDate,
          ticketUrl: httpUrl.nullable().optional(),
        })
        .strict(),
      req.body,
      'request body',
    );
    if (body.dueDate < incidentService.today(now().getTime())) {
      throw new InputError(
        `Invalid request body 'dueDate': ${body.dueDate} is before the action's creation`,
      );
    }
    const credentials = await ctx.authorize(
      req,
      reliabilityActionManagePermission,
      body.entityRef,
    );
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [body.entityRef, body.owner] },
      { credentials },
    );
    if (!items[0])
      throw new InputError(
        `Invalid request body 'entityRef': ${body.entityRef} is not in the catalog`,
      );
    if (!items[1])
      throw new InputError(
        `Invalid request body 'owner': ${body.owner} is not in the catalog`,
      );
    if (
      body.incidentId &&
      !(await stores.incidents.getIncident(body.incidentId))
    ) {
      throw new InputError(
        `Invalid request body 'incidentId': no incident ${body.incidentId}`,
      );
    }
    const action = await ctx.audited(
      req,
      'action-create',
      { entityRef: body.entityRef, owner: body.owner },
      () =>
        stores.actions.createAction(
          {
            title: body.title,
            entityRef: body.entityRef,
            incidentId: body.incidentId ?? null,
            owner: body.owner,
            priority: body.priority,
            dueDate: body.dueDate,
            ticketUrl: body.ticketUrl ?? null,
          },
          ctx.actorOf(credentials),
          now(),
        ),
      a => ({ action: a.id }),
    );
    await ctx.refreshSummaries([action.entityRef]);
    res
      .status(201)
      .set('ETag', `"${action.version}"`)
      .json(incidentService.actionView(action, now().getTime()));
  });

  const importRowSchema = z
    .object({
      title: z.string().trim().min(1, 'must not be empty').max(300),
      entityRef: entityRefSchema,
      owner: ownerRefSchema,
      priority: z.enum(['P0', 'P1', 'P2', 'P3']),
      dueDate: localDate,
      status: z
        .enum(['open', 'in-progress', 'done', 'wont-do'])
        .default('open'),
      ticketUrl: httpUrl.nullable().optional(),
      createdAt: isoTimestamp.or(localDate).optional(),
    })
    .strict();

  /**
   * Imports a backlog of actions from a spreadsheet (text/csv with a header
   * row) or a tracker export (JSON `{ actions: [...] }`). With
   * `dryRun=true` it reports what would be created, skipped (same entity
   * and title exists) or refused, and writes nothing; otherwise all rows
   * are written in one transaction, or none if any row is invalid.
   */
  router.post('/v1/actions/import', async (req, res) => {
    const { dryRun } = parseInput(
      z.object({ dryRun: z.enum(['true', 'false']).optional() }).strict(),
      req.query,
      'query parameter',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    let raw: unknown[];
    if (typeof req.body === 'string') {
      try {
        raw = parseCsv(req.body);
      } catch (e) {
        throw new InputError(`Invalid request body: ${(e as Error).message}`);
      }
    } else {
      raw = parseInput(
        z.object({ actions: z.array(z.unknown()) }).strict(),
        req.body,
        'request body',
      ).actions;
    }
    if (raw.length > MAX_IMPORT_ROWS) {
      throw new PayloadTooLargeError(
        `An import holds at most ${MAX_IMPORT_ROWS} actions; this one has ${raw.length}`,
      );
    }
    const errors: Array<{ row: number; field: string; message: string }> = [];
    const rows: Array<z.infer<typeof importRowSchema> & { row: number }> = [];
    raw.forEach((value, index) => {
      const result = importRowSchema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          errors.push({
            row: index + 1,
            field:
              issue.code === z.ZodIssueCode.unrecognized_keys
                ? issue.keys.join(', ')
                : issue.path.join('.'),
            message:
              issue.code === z.ZodIssueCode.unrecognized_keys
                ? 'unknown column'
                : issue.message,
          });
        }
        return;
      }
      const createdDate = (result.data.createdAt ?? now().toISOString()).slice(
        0,
        10,
      );
      if (result.data.dueDate < createdDate) {
        errors.push({
          row: index + 1,
          field: 'dueDate',
          message: `${result.data.dueDate} is before the action's creation (${createdDate})`,
        });
        return;
      }
      rows.push({ ...result.data, row: index + 1 });
    });
    const entityRefs = [...new Set(rows.map(r => r.entityRef))];
    if (entityRefs.length > 0) {
      const decisions = await permissions.authorize(
        entityRefs.map(resourceRef => ({
          permission: reliabilityActionManagePermission,
          resourceRef,
        })),
        { credentials },
      );
      const denied = entityRefs.filter(
        (_r, i) => decisions[i].result !== AuthorizeResult.ALLOW,
      );
      if (denied.length > 0) {
        throw new NotAllowedError(
          `You are not allowed 'reliability.action.manage' on ${denied.join(
            ', ',
          )}`,
        );
      }
      const refs = [...new Set([...entityRefs, ...rows.map(r => r.owner)])];
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind'] },
        { credentials },
      );
      const known = new Set(refs.filter((_r, i) => items[i]));
      rows.forEach(row => {
        if (!known.has(row.entityRef)) {
          errors.push({
            row: row.row,
            field: 'entityRef',
            message: `${row.entityRef} is not in the catalog`,
          });
        }
        if (!known.has(row.owner)) {
          errors.push({
            row: row.row,
            field: 'owner',
            message: `${row.owner} is not in the catalog`,
          });
        }
      });
    }
    const existing = await stores.actions.existingActionKeys(entityRefs);
    const toCreate = rows.filter(
      r => !existing.has(`${r.entityRef}\t${r.title}`),
    );
    const summary = {
      dryRun: dryRun === 'true',
      total: raw.length,
      create: toCreate.length,
      skip: rows.length - toCreate.length,
      errors: errors.sort((a, b) => a.row - b.row),
    };
    if (summary.dryRun) {
      res.json(summary);
      return;
    }
    if (errors.length > 0) {
      throw new InputError(
        `Nothing imported: ${errors
          .slice(0, 10)
          .map(e => `row ${e.row} '${e.field}': ${e.message}`)
          .join('; ')}${
          errors.length > 10 ? ` (and ${errors.length - 10} more)` : ''
        }`,
      );
    }
    await ctx.audited(
      req,
      'actions-import',
      { rows: raw.length, create: toCreate.length },
      () =>
        stores.actions.importActions(
          toCreate.map(r => ({
            title: r.title,
            entityRef: r.entityRef,
            owner: r.owner,
            priority: r.priority,
            dueDate: r.dueDate,
            status: r.status,
            ticketUrl: r.ticketUrl ?? null,
            incidentId: null,
            createdAt: r.createdAt ? new Date(r.createdAt) : now(),
          })),
          ctx.actorOf(credentials),
          now(),
        ),
    );
    await ctx.refreshSummaries(toCreate.map(r => r.entityRef));
    res.json(summary);
  });

  router.patch('/v1/actions/:id', async (req, res) => {
    const { id } = parseInput(
      z.object({ id: idSchema }),
      { id: req.params.id },
      'path parameter',
    );
    const changes = parseInput(
      z
        .object({
          title: z.string().trim().min(1).max(300).optional(),
          owner: ownerRefSchema.optional(),
          priority: z.enum(['P0', 'P1', 'P2', 'P3']).optional(),
          dueDate: localDate.optional(),
          status: z.enum(['open', 'in-progress', 'done', 'wont-do']).optional(),
          ticketUrl: httpUrl.nullable().optional(),
        })
        .strict(),
      req.body,
      'request body',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const action = await stores.actions.getAction(id);
    if (!action) throw new NotFoundError(`No action ${id}`);
    const expectedVersion = parseIfMatch(req);
    if (expectedVersion === undefined) {
      throw new ConflictError(
        `Send If-Match: "${action.version}" (the version you read) to change action ${id}`,
      );
    }
    if (
      changes.status &&
      changes.status !== action.status &&
      !ACTION_STATUS_TRANSITIONS[action.status].includes(
        changes.status as ActionStatus,
      )
    ) {
      throw new InputError(
        `Invalid request body 'status': an action cannot go from ${action.status} to ${changes.status}`,
      );
    }
    const [decision] = await permissions.authorize(
      [
        {
          permission: reliabilityActionManagePermission,
          resourceRef: action.entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      // An action's owner may move its status, and nothing else.
      const onlyStatus = Object.keys(changes).every(k => k === 'status');
      const claims =
        credentials.principal &&
        (credentials.principal as { type: string }).type === 'user'
          ? (await userInfo.getUserInfo(credentials)).ownershipEntityRefs.map(
              r => r.toLocaleLowerCase('en-US'),
            )
          : [];
      if (!onlyStatus || !claims.includes(action.owner)) {
        throw new NotAllowedError(
          `You are not allowed 'reliability.action.manage' on ${action.entityRef}`,
        );
      }
    }
    if (changes.owner) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: [changes.owner] },
        { credentials },
      );
      if (!items[0])
        throw new InputError(
          `Invalid request body 'owner': ${changes.owner} is not in the catalog`,
        );
    }
    const updated = await ctx.audited(
      req,
      'action-update',
      {
        action: id,
        fields: Object.keys(changes),
        status: changes.status ?? null,
      },
      () =>
        stores.actions.updateAction(
          id,
          changes,
          expectedVersion,
          ctx.actorOf(credentials),
          now(),
        ),
      a => ({ version: a.version }),
    );
    await ctx.refreshSummaries([updated.entityRef]);
    res
      .set('ETag', `"${updated.version}"`)
      .json(incidentService.actionView(updated, now().getTime()));
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/actions',
    async (req, res) => {
      const { entityRef, query } = await ctx.readEntity(
        req,
        z
          .object({
            status: z
              .enum(['open', 'in-progress', 'done', 'wont-do', 'all'])
              .optional(),
          })
          .strict(),
      );
      const statuses = statusesFor(query.status);
      const actions = await stores.actions.listEntityActions(
        entityRef,
        statuses,
      );
      const at = now().getTime();
      res.json({
        items: incidentService.sortActions(
          actions.map(a => incidentService.actionView(a, at)),
        ),
      });
    },
  );

  router.get('/v1/actions', async (req, res) => {
    const query = parseInput(
      z
        .object({
          owner: ownerRefSchema,
          overdue: z.enum(['true', 'false']).optional(),
          status: z
            .enum(['open', 'in-progress', 'done', 'wont-do', 'all'])
            .optional(),
          limit: z.coerce
            .number()
            .int()
            .min(1)
            .max(MAX_PAGE, `must be at most ${MAX_PAGE}`)
            .optional(),
          cursor: z.string().max(200).optional(),
        })
        .strict(),
      req.query,
      'query parameter',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const after = query.cursor
      ? decodeCursor(
          query.cursor,
          (v: any): v is { dueDate: string; id: number } =>
            typeof v?.dueDate === 'string' && typeof v?.id === 'number',
        )
      : undefined;
    const owners = query.owner.startsWith('group:')
      ? await onCallService.groupWithDescendants(query.owner, credentials)
      : [query.owner];
    const limit = query.limit ?? 50;
    const at = now().getTime();
    const statuses = statusesFor(query.status);
    const rows = await stores.actions.listActionsByOwners({
      owners,
      statuses: query.overdue === 'true' ? ['open', 'in-progress'] : statuses,
      dueBefore:
        query.overdue === 'true' ? incidentService.today(at) : undefined,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    // Rows of entities the caller may not read are left out, never counted.
    const visible = await ctx.authorizer.filterReadable(
      credentials,
      page,
      a => a.entityRef,
    );
    const last = page[page.length - 1];
    res.json({
      items: visible
        .map(a => incidentService.actionView(a, at))
        .filter(
          a =>
            query.overdue !== 'true' ||
            (a.overdue && !isClosedActionStatus(a.status)),
        ),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ dueDate: last.dueDate, id: Number(last.id) })
          : null,
    });
  });
}
