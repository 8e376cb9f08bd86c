import {
  AuditorService,
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  overrideInputSchema,
  rotationInputSchema,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilityDataConnection,
  ReliabilityIncidentConnection,
  ReliabilityOnCallConnection,
  ReliabilityReadinessConnection,
  ReliabilityRecordedBy,
  ReliabilitySliConnection,
  ReliabilitySliMinute,
  ReliabilitySloRef,
  ReliabilityTeamConnection,
} from '@reliability-suite/plugin-reliability-node';
import { JsonObject } from '@backstage/types';
import { ActionService, checkActionTransition } from '../actions/ActionService';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { StoredSlo } from '../database/slos/SloStore';
import { actionCreateBodySchema } from '../request/actionSchemas';
import {
  checkIncidentTimes,
  incidentBodySchemas,
  postmortemBodySchema,
} from '../request/incidentSchemas';
import { parseInput } from '../request/parseInput';
import { parseMeasurements } from '../request/parseMeasurements';
import {
  attestationBodySchema,
  reviewDecisionBodySchema,
  reviewRequestBodySchema,
  waiverBodySchema,
} from '../request/readinessSchemas';

const BODY = 'request body';

/**
 * The connection handed to each data provider: every write is parsed with
 * the schema its route uses, goes through the service that route calls
 * (so the same rules, the same summary refreshes), and is recorded as an
 * audit event with the route's event id and the provider's name. Catalog
 * reads use the plugin's own credentials: a provider is code the operator
 * installed, not a caller.
 *
 * @internal
 */
export class DefaultReliabilityDataConnection
  implements ReliabilityDataConnection
{
  readonly slis: ReliabilitySliConnection;
  readonly onCall: ReliabilityOnCallConnection;
  readonly incidents: ReliabilityIncidentConnection;
  readonly readiness: ReliabilityReadinessConnection;
  readonly teams: ReliabilityTeamConnection;
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      providerName: string;
      context: ReliabilityContext;
      catalog: CatalogService;
      auth: AuthService;
      auditor: AuditorService;
      /** The clock; tests pass a fixed one. */
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
    this.slis = this.sliConnection();
    this.onCall = this.onCallConnection();
    this.incidents = this.incidentConnection();
    this.readiness = this.readinessConnection();
    this.teams = this.teamConnection();
  }

  private credentials(): Promise<BackstageCredentials> {
    return this.options.auth.getOwnServiceCredentials();
  }

  /** Runs a write inside an audit event, as `RouteContext.audited` does. */
  private async audited<T>(
    eventId: string,
    meta: JsonObject,
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      meta: { ...meta, provider: this.options.providerName },
    });
    try {
      const result = await write();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  private async entity(entityRef: string): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.credentials(),
    });
    if (!entity) {
      throw new NotFoundError(`No entity '${entityRef}' in the catalog`);
    }
    return entity;
  }

  private async slo(ref: ReliabilitySloRef): Promise<StoredSlo> {
    return this.options.context.sloDefinitions.getSlo(
      toCanonicalEntityRef(ref.entityRef),
      ref.slo,
    );
  }

  private sliConnection(): ReliabilitySliConnection {
    const { sloDefinitions, stores } = this.options.context;
    const points = (minutes: ReliabilitySliMinute[]) =>
      parseMeasurements(
        minutes.map(m => ({
          timestamp: new Date(m.start).toISOString(),
          good: m.good,
          total: m.total,
        })),
      );
    return {
      minuteRetentionMs: this.options.context.sloService.minuteRetentionMs,
      newestMinute: async ref => {
        const slo = await stores.slos.getSlo(
          toCanonicalEntityRef(ref.entityRef),
          ref.slo,
        );
        return slo ? sloDefinitions.newestMinute(slo, this.now()) : undefined;
      },
      writeMinutes: async (ref, minutes, at) => {
        const slo = await this.slo(ref);
        const measurements = points(minutes);
        await this.audited(
          'slo-measurements',
          { entityRef: slo.entityRef, slo: slo.name, points: minutes.length },
          () => sloDefinitions.ingest(slo, measurements, at),
        );
      },
      loadHistory: async (ref, minutes, at) => {
        const slo = await this.slo(ref);
        const measurements = points(minutes);
        await this.audited(
          'slo-history-load',
          { entityRef: slo.entityRef, slo: slo.name, points: minutes.length },
          () => sloDefinitions.loadHistory(slo, measurements, at),
        );
      },
    };
  }

  private onCallConnection(): ReliabilityOnCallConnection {
    const { rotationService } = this.options.context;
    const writer = async (by: ReliabilityRecordedBy) => ({
      actor: by.actor,
      credentials: await this.credentials(),
      at: by.at,
    });
    return {
      hasRotations: async () =>
        (await rotationService.listRotations()).length > 0,
      putRotation: async (id, rotation, by) => {
        const input = parseInput(rotationInputSchema, rotation, BODY);
        const existing = await rotationService.getRotation(id);
        await this.audited('rotation-upsert', { rotation: id }, async () =>
          rotationService.putRotation(
            { id, input, existing, expectedVersion: existing?.version },
            await writer(by),
          ),
        );
      },
      addOverride: async (rotationId, override, by) => {
        const input = parseInput(overrideInputSchema, override, BODY);
        const rotation = await rotationService.getRotation(rotationId);
        if (!rotation) throw new NotFoundError(`No rotation '${rotationId}'`);
        await this.audited(
          'override-create',
          { rotation: rotationId, user: input.user },
          async () =>
            rotationService.addOverride(rotation, input, await writer(by)),
        );
      },
    };
  }

  private incidentConnection(): ReliabilityIncidentConnection {
    const { incidentRecords, actionService, stores } = this.options.context;
    return {
      hasIncidents: () => stores.incidents.hasAnyIncident(),
      createIncident: async (incident, by) => {
        const fields = parseInput(
          incidentBodySchemas(incidentRecords.severities).create,
          incident,
          BODY,
        );
        checkIncidentTimes(fields);
        const entities = await Promise.all(
          fields.entityRefs.map(ref => this.entity(ref)),
        );
        const created = await this.audited(
          'incident-create',
          { entityRefs: fields.entityRefs, severity: fields.severity },
          () => incidentRecords.create(fields, entities, by.actor, by.at),
        );
        return { id: created.id };
      },
      putPostmortem: async (incidentId, postmortem, by) => {
        const fields = parseInput(postmortemBodySchema, postmortem, BODY);
        const incident = await incidentRecords.find(incidentId);
        if (!incident) throw new NotFoundError(`No incident ${incidentId}`);
        const entities = await Promise.all(
          incident.entityRefs.map(ref => this.entity(ref)),
        );
        const existing = (
          await stores.incidents.getPostmortems([incident.id])
        ).get(incident.id);
        await this.audited('postmortem-upsert', { incident: incidentId }, () =>
          incidentRecords.putPostmortem(
            incident,
            entities,
            fields,
            existing?.version,
            by.actor,
            by.at,
          ),
        );
      },
      createAction: async (action, by) => {
        const fields = parseInput(
          actionCreateBodySchema(() => actionService.today(by.at)),
          action,
          BODY,
        );
        const created = await this.audited(
          'action-create',
          { entityRef: fields.entityRef, owner: fields.owner },
          async () =>
            actionService.create(
              fields,
              await this.credentials(),
              by.actor,
              by.at,
            ),
        );
        return { id: created.id, version: created.version };
      },
      setActionStatus: async (ref, status, by) =>
        this.setActionStatus(actionService, ref, status, by),
    };
  }

  private async setActionStatus(
    actionService: ActionService,
    ref: { id: string; version: number },
    status: 'open' | 'in-progress' | 'done' | 'wont-do',
    by: ReliabilityRecordedBy,
  ): Promise<void> {
    const action = await actionService.get(ref.id);
    checkActionTransition(action, status);
    await this.audited('action-update', { action: ref.id, status }, async () =>
      actionService.update(
        action,
        { status },
        ref.version,
        await this.credentials(),
        by.actor,
        by.at,
      ),
    );
  }

  private readinessConnection(): ReliabilityReadinessConnection {
    const { readinessAttestations, readinessReviews, stores } =
      this.options.context;
    const target = async (entityRef: string) => {
      const canonical = toCanonicalEntityRef(entityRef);
      return { entityRef: canonical, entity: await this.entity(canonical) };
    };
    return {
      hasReviews: () => stores.readiness.hasAnyReview(),
      attest: async (entityRef, attestation, by) => {
        const body = parseInput(attestationBodySchema, attestation, BODY);
        const on = await target(entityRef);
        await this.audited(
          'readiness-attest',
          { entityRef: on.entityRef, itemId: body.itemId },
          () =>
            readinessAttestations.attest(on, {
              ...body,
              actor: by.actor,
              at: by.at,
            }),
        );
      },
      waive: async (entityRef, waiver, by) => {
        const body = parseInput(waiverBodySchema, waiver, BODY);
        const on = await target(entityRef);
        await this.audited(
          'readiness-waive',
          { entityRef: on.entityRef, itemId: body.itemId },
          () =>
            readinessAttestations.waive(on, {
              ...body,
              actor: by.actor,
              at: by.at,
            }),
        );
      },
      requestReview: async (entityRef, review, by) => {
        const body = parseInput(reviewRequestBodySchema, review, BODY);
        const on = await target(entityRef);
        const created = await this.audited(
          'readiness-review-request',
          { entityRef: on.entityRef },
          () =>
            readinessReviews.requestReview({
              entityRef: on.entityRef,
              targetLaunchDate: body.targetLaunchDate,
              actor: by.actor,
              at: by.at,
            }),
        );
        return { id: created.id };
      },
      decideReview: async (reviewId, decision, by) => {
        const body = parseInput(reviewDecisionBodySchema, decision, BODY);
        const review = await readinessReviews.getReview(reviewId);
        if (!review) throw new NotFoundError(`No review ${reviewId}`);
        await this.audited(
          'readiness-review-decide',
          { review: reviewId, decision: body.decision },
          async () =>
            readinessReviews.decide({
              review,
              decision: body.decision,
              comment: body.comment,
              actor: by.actor,
              credentials: await this.credentials(),
              at: by.at,
            }),
        );
      },
    };
  }

  private teamConnection(): ReliabilityTeamConnection {
    const { teamScorecards } = this.options.context;
    return {
      listSnapshots: (teamRef, sinceDay) =>
        teamScorecards.listSnapshots(toCanonicalEntityRef(teamRef), sinceDay),
      loadHistory: async snapshots => {
        const day = /^\d{4}-\d{2}-\d{2}$/;
        snapshots.forEach((s, i) => {
          if (!day.test(s.day)) {
            throw new InputError(
              `Invalid snapshot [${i}].day: must be a date such as 2026-12-01`,
            );
          }
        });
        await this.audited(
          'team-history-load',
          { snapshots: snapshots.length },
          () =>
            teamScorecards.loadHistory(
              snapshots.map(s => ({
                ...s,
                teamRef: toCanonicalEntityRef(s.teamRef),
              })),
            ),
        );
      },
    };
  }
}
