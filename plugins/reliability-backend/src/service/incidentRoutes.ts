import { NotFoundError } from '@backstage/errors';
import {
  reliabilityEntityReadPermission,
  reliabilityIncidentManagePermission,
} from '@reliability-suite/plugin-reliability-common';
import { Request, Router } from 'express';
import { StoredIncident } from '../database/incidents/IncidentStore';
import { IncidentRecordService } from '../incidents/IncidentRecordService';
import { EntityAuthorizer } from './EntityAuthorizer';
import { numericIdPathSchema } from '../request/fieldSchemas';
import {
  checkIncidentTimes,
  entityIncidentsQuerySchema,
  incidentBodySchemas,
  postmortemBodySchema,
} from '../request/incidentSchemas';
import { parseIfMatch, requireIfMatch } from '../request/parseIfMatch';
import { noQuerySchema } from '../request/entityPathSchema';
import { parseInput } from '../request/parseInput';
import { DateRules } from '../request/DateRules';
import { RouteContext } from './RouteContext';

/** What the incident routes use. */
export interface IncidentRoutesOptions {
  /** The entity from the path, the actor, audit events. */
  route: Pick<RouteContext, 'readEntity' | 'actorOf' | 'audited'>;
  authorizer: EntityAuthorizer;
  incidents: IncidentRecordService;
  /** The configured severities, which incidents must name. */
  severities: string[];
  /** The sane ranges of dates, on the routes' clock. */
  dates: DateRules;
}

/** Incidents and their postmortems. */
export function registerIncidentRoutes(
  router: Router,
  options: IncidentRoutesOptions,
) {
  const { route, authorizer, incidents } = options;
  const bodySchemas = incidentBodySchemas(options.severities, options.dates);

  /** The incident of `:id`; a 404 only for authenticated callers. */
  async function incidentOf(req: Request): Promise<StoredIncident> {
    const { id } = parseInput(
      numericIdPathSchema,
      { id: req.params.id },
      'path parameter',
    );
    const incident = await incidents.find(id);
    if (!incident) {
      await authorizer.credentials(req);
      throw new NotFoundError(`No incident ${id}`);
    }
    return incident;
  }

  router.post('/v1/incidents', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const body = parseInput(bodySchemas.create, req.body, 'request body');
    checkIncidentTimes(body);
    const credentials = await authorizer.credentials(req);
    const entities = await authorizer.authorizeEntities(
      credentials,
      body.entityRefs,
      reliabilityIncidentManagePermission,
    );
    const incident = await route.audited(
      req,
      'incident-create',
      { entityRefs: body.entityRefs, severity: body.severity },
      () => incidents.create(body, entities, route.actorOf(credentials)),
      i => ({ incident: i.id }),
    );
    res.status(201).set('ETag', `"${incident.version}"`).json(incident);
  });

  router.get('/v1/incidents/:id', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const incident = await incidentOf(req);
    const credentials = await authorizer.credentials(req);
    const entities = await authorizer.authorizeEntities(
      credentials,
      incident.entityRefs,
      reliabilityEntityReadPermission,
    );
    res
      .set('ETag', `"${incident.version}"`)
      .json(await incidents.view(incident, entities));
  });

  router.patch('/v1/incidents/:id', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const incident = await incidentOf(req);
    const changes = parseInput(bodySchemas.patch, req.body, 'request body');
    // Authorized before the checks against the stored incident, so a caller
    // who may not change it learns a 403, not its version or times.
    const credentials = await authorizer.credentials(req);
    await authorizer.authorizeEntities(
      credentials,
      [...new Set([...incident.entityRefs, ...(changes.entityRefs ?? [])])],
      reliabilityIncidentManagePermission,
    );
    const expectedVersion = requireIfMatch(
      req,
      incident.version,
      `incident ${incident.id}`,
    );
    checkIncidentTimes({ ...incident, ...changes });
    const updated = await route.audited(
      req,
      'incident-update',
      { incident: incident.id, fields: Object.keys(changes) },
      () =>
        incidents.update(
          incident,
          changes,
          expectedVersion,
          route.actorOf(credentials),
        ),
      i => ({ version: i.version }),
    );
    const entities = await authorizer.authorizeEntities(
      credentials,
      updated.entityRefs,
      reliabilityEntityReadPermission,
    );
    res
      .set('ETag', `"${updated.version}"`)
      .json(await incidents.view(updated, entities));
  });

  router.delete('/v1/incidents/:id', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const incident = await incidentOf(req);
    const credentials = await authorizer.credentials(req);
    await authorizer.authorizeEntities(
      credentials,
      incident.entityRefs,
      reliabilityIncidentManagePermission,
    );
    const expectedVersion = requireIfMatch(
      req,
      incident.version,
      `incident ${incident.id}`,
    );
    // No tombstone row: this event, with the record's key fields, is what
    // remains of the incident.
    await route.audited(
      req,
      'incident-delete',
      {
        incident: incident.id,
        entityRefs: incident.entityRefs,
        title: incident.title,
        severity: incident.severity,
        startedAt: incident.startedAt,
        resolvedAt: incident.resolvedAt,
        externalUrl: incident.externalUrl,
        version: expectedVersion,
      },
      () => incidents.delete(incident, expectedVersion),
    );
    res.status(204).end();
  });

  router.put('/v1/incidents/:id/postmortem', async (req, res) => {
    parseInput(noQuerySchema, req.query, 'query parameter');
    const incident = await incidentOf(req);
    const body = parseInput(postmortemBodySchema, req.body, 'request body');
    const credentials = await authorizer.credentials(req);
    const entities = await authorizer.authorizeEntities(
      credentials,
      incident.entityRefs,
      reliabilityIncidentManagePermission,
    );
    const postmortem = await route.audited(
      req,
      'postmortem-upsert',
      { incident: incident.id, status: body.status },
      () =>
        incidents.putPostmortem(
          incident,
          entities,
          body,
          parseIfMatch(req),
          route.actorOf(credentials),
        ),
    );
    res.json(postmortem);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/incidents',
    async (req, res) => {
      const { entityRef, credentials, query } = await route.readEntity(
        req,
        entityIncidentsQuerySchema,
      );
      res.json({
        items: await incidents.listForEntity(
          entityRef,
          query.since ? new Date(query.since) : undefined,
          credentials,
        ),
      });
    },
  );
}
