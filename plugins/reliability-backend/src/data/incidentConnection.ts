import { NotFoundError } from '@backstage/errors';
import {
  ReliabilityIncidentConnection,
  ReliabilityRecordedBy,
} from '@reliability-suite/plugin-reliability-node';
import {
  ActionService,
  checkActionTransition,
} from '../actions/ActionService';
import { actionCreateBodySchema } from '../request/actionSchemas';
import {
  checkIncidentTimes,
  incidentBodySchemas,
  postmortemBodySchema,
} from '../request/incidentSchemas';
import { parseInput } from '../request/parseInput';
import {
  ProviderWrites,
  BODY,
} from './ProviderWrites';

/** Incidents, postmortems and actions, through the routes' services. */
export function incidentConnection(w: ProviderWrites): ReliabilityIncidentConnection {
  const { incidentRecords, actionService, stores } = w.context;
  return {
    hasIncidents: () => stores.incidents.hasAnyIncident(),
    createIncident: async (incident, by) => {
      const fields = parseInput(
        // Not in the future on the server's clock; whether `by.at` is
        // sane is the audit's check.
        incidentBodySchemas(incidentRecords.severities, w.context.dateRules)
          .create,
        incident,
        BODY,
      );
      checkIncidentTimes(fields);
      const entities = await Promise.all(
        fields.entityRefs.map(ref => w.entity(ref)),
      );
      const created = await w.audited(
        'incident-create',
        { entityRefs: fields.entityRefs, severity: fields.severity },
        by,
        () => incidentRecords.create(fields, entities, by.actor, by.at),
      );
      return { id: created.id };
    },
    putPostmortem: async (incidentId, postmortem, by) => {
      const fields = parseInput(postmortemBodySchema, postmortem, BODY);
      const incident = await incidentRecords.find(incidentId);
      if (!incident) throw new NotFoundError(`No incident ${incidentId}`);
      const entities = await Promise.all(
        incident.entityRefs.map(ref => w.entity(ref)),
      );
      const existing = (
        await stores.incidents.getPostmortems([incident.id])
      ).get(incident.id);
      await w.audited(
        'postmortem-upsert',
        { incident: incidentId },
        by, () =>
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
        actionCreateBodySchema(w.context.dateRules.withClock(() => by.at)),
        action,
        BODY,
      );
      const created = await w.audited(
        'action-create',
        { entityRef: fields.entityRef, owner: fields.owner },
        by,
        async () =>
          actionService.create(
            fields,
            await w.credentials(),
            by.actor,
            by.at,
          ),
      );
      return { id: created.id, version: created.version };
    },
    setActionStatus: (ref, status, by) =>
      setActionStatus(w, actionService, ref, status, by),
  };
}

/** Moves an action along its life cycle, as `PATCH /actions/:id` does. */
async function setActionStatus(
  w: ProviderWrites,
  actionService: ActionService,
  ref: { id: string; version: number },
  status: 'open' | 'in-progress' | 'done' | 'wont-do',
  by: ReliabilityRecordedBy,
): Promise<void> {
  const action = await actionService.get(ref.id);
  checkActionTransition(action, status);
  await w.audited(
        'action-update',
        { action: ref.id, status },
        by, async () =>
    actionService.update(
      action,
      { status },
      ref.version,
      await w.credentials(),
      by.actor,
      by.at,
    ),
  );
}
