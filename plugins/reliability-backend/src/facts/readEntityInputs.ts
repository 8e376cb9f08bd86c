import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  Attestation,
  toCanonicalEntityRef,
  Waiver,
} from '@reliability-suite/plugin-reliability-common';
import {
  StoredIncident,
  StoredPostmortem,
} from '../database/incidents/IncidentStore';
import { StoredAction } from '../database/actions/ActionStore';
import { StoredReview } from '../database/readiness/ReadinessStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { StoredSloWithStatus } from '../database/slos/SloStore';
import { EntityOnCall, OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * Everything an entity's summary and readiness are computed from, read
 * for many entities at once: one query per table for the whole batch,
 * the owner's facts once per distinct owner, and the on-call answers in
 * one batch per provider.
 */
export interface EntityInputs {
  slos: StoredSloWithStatus[];
  onCall: EntityOnCall;
  ownerFacts: Awaited<ReturnType<OwnershipService['ownerFacts']>>;
  openActions: StoredAction[];
  /** Incidents started in the last 365 days, newest first. */
  incidentsOfTheYear: StoredIncident[];
  postmortems: Map<string, StoredPostmortem>;
  /** Newest first. */
  attestations: Attestation[];
  waivers: Waiver[];
  /** Newest first. */
  reviews: StoredReview[];
}

/**
 * Reads the {@link EntityInputs} of `entities` at `at` with the caller's
 * credentials, keyed by canonical entity ref.
 */
export async function readEntityInputs(
  deps: {
    stores: Pick<
      ReliabilityStores,
      'actions' | 'incidents' | 'readiness' | 'slos'
    >;
    onCallService: OnCallService;
    ownershipService: OwnershipService;
  },
  entities: readonly Entity[],
  at: Date,
  credentials: BackstageCredentials,
): Promise<Map<string, EntityInputs>> {
  const { stores, onCallService, ownershipService } = deps;
  const refs = entities.map(e => toCanonicalEntityRef(e));
  const owners = new Map<string, Entity>();
  for (const entity of entities) {
    const owner = ownershipService.ownerOf(entity);
    if (owner && !owners.has(owner)) owners.set(owner, entity);
  }
  const [
    slos,
    openActions,
    incidents,
    attestations,
    waivers,
    reviews,
    onCalls,
    ownerFacts,
  ] = await Promise.all([
    stores.slos.listSlosByEntity(refs),
    stores.actions.listActionsByEntity(refs, ['open', 'in-progress']),
    stores.incidents.listIncidentsByEntity(
      refs,
      new Date(at.getTime() - YEAR_MS),
    ),
    stores.readiness.listAttestationsByEntity(refs),
    stores.readiness.listWaiversByEntity(refs),
    stores.readiness.listReviewsByEntity(refs),
    onCallService.entityOnCallMany(entities, at, credentials),
    Promise.all(
      [...owners].map(
        async ([owner, entity]) =>
          [
            owner,
            await ownershipService.ownerFacts(entity, credentials),
          ] as const,
      ),
    ).then(pairs => new Map(pairs)),
  ]);
  const allIncidentIds = [
    ...new Set([...incidents.values()].flat().map(i => i.id)),
  ];
  const postmortems = await stores.incidents.getPostmortems(allIncidentIds);
  const noOwner = { owner: null, ownerExists: false, ownerMemberCount: null };
  return new Map(
    entities.map((entity, i) => {
      const ref = refs[i];
      const owner = ownershipService.ownerOf(entity);
      const ofTheYear = incidents.get(ref)!;
      return [
        ref,
        {
          slos: slos.get(ref)!,
          onCall: onCalls[i],
          ownerFacts: (owner && ownerFacts.get(owner)) || noOwner,
          openActions: openActions.get(ref)!,
          incidentsOfTheYear: ofTheYear,
          postmortems: new Map(
            ofTheYear.flatMap(incident => {
              const postmortem = postmortems.get(incident.id);
              return postmortem ? [[incident.id, postmortem] as const] : [];
            }),
          ),
          attestations: attestations.get(ref)!,
          waivers: waivers.get(ref)!,
          reviews: reviews.get(ref)!,
        },
      ];
    }),
  );
}
