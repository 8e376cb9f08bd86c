import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Attestation,
  builtInReadinessRules,
  defaultReadinessTemplates,
  evaluateReadiness,
  READINESS_DR_TEST_ITEM,
  ReadinessFacts,
  ReadinessItem,
  ReadinessResult,
  ReadinessReviewResponse,
  ReadinessRule,
  toCanonicalEntityRef,
  Waiver,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { Duration } from 'luxon';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { StoredReview } from '../database/readiness/ReadinessStore';
import {
  StoredIncident,
  StoredPostmortem,
} from '../database/incidents/IncidentStore';
import { StoredAction } from '../database/actions/ActionStore';
import { StoredSloWithStatus } from '../database/slos/SloStore';
import { IncidentService } from '../incidents/IncidentService';
import { EntityOnCall, OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { EntityInputs, readEntityInputs } from '../facts/readEntityInputs';

/**
 * Facts a caller has already read for the same entity and instant, handed
 * to {@link ReadinessService.evaluate} so they are not read twice.
 */
export interface KnownReadinessFacts {
  ownerExists?: boolean;
  slos?: StoredSloWithStatus[];
  onCall?: EntityOnCall;
  openActions?: StoredAction[];
  /** Incidents of the last 365 days. */
  incidentsOfTheYear?: StoredIncident[];
  postmortems?: Map<string, StoredPostmortem>;
  attestations?: Attestation[];
  waivers?: Waiver[];
}

/** What readiness reads of an entity's bulk-read inputs. */
export function knownReadinessFacts(inputs: EntityInputs): KnownReadinessFacts {
  return {
    ownerExists: inputs.ownerFacts.ownerExists,
    slos: inputs.slos,
    onCall: inputs.onCall,
    openActions: inputs.openActions,
    incidentsOfTheYear: inputs.incidentsOfTheYear,
    postmortems: inputs.postmortems,
    attestations: inputs.attestations,
    waivers: inputs.waivers,
  };
}

/**
 * Production readiness: the tier's template evaluated over facts gathered
 * once per evaluation (never once per rule), attestations and waivers; and
 * review states with their lapses.
 */
export class ReadinessService {
  constructor(
    private readonly options: {
      stores: Pick<
        ReliabilityStores,
        'actions' | 'incidents' | 'readiness' | 'slos'
      >;
      catalog: CatalogService;
      tierPolicy: TierPolicyService;
      onCallService: OnCallService;
      ownershipService: OwnershipService;
      incidentService: IncidentService;
      /** Added by modules; built-in rules are the fallback. */
      extraRules?: Record<string, ReadinessRule>;
      /** Longest waiver, ISO-8601. Default P90D. */
      maxWaiver?: string;
      /** Age after which an approval lapses, ISO-8601. Default P180D. */
      reviewMaxAge?: string;
    },
  ) {}

  get maxWaiverMs(): number {
    return Duration.fromISO(this.options.maxWaiver ?? 'P90D').toMillis();
  }

  /**
   * The entity's template: its tier's. Without a tier only the basics
   * apply (an owner, a tier), so an untiered entity is never ready.
   */
  templateFor(entity: Entity): {
    tierId: string | null;
    template: readonly ReadinessItem[];
  } {
    const resolution = this.options.tierPolicy.resolve(entity);
    const tierId = resolution.state === 'tiered' ? resolution.policy.id : null;
    if (!tierId) {
      const basics = defaultReadinessTemplates['tier-3'] ?? [];
      return { tierId, template: basics.filter(i => i.level === 'required') };
    }
    return { tierId, template: defaultReadinessTemplates[tierId] ?? [] };
  }

  /**
   * Everything the rules read, in one pass over the stores and catalog.
   * What the caller has already read for the same entity and instant (the
   * entity summary reads most of it) is passed in `known` and not read
   * again.
   */
  async facts(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
    known: KnownReadinessFacts = {},
  ): Promise<ReadinessFacts> {
    const {
      stores,
      catalog,
      tierPolicy,
      onCallService,
      ownershipService,
      incidentService,
    } = this.options;
    const entityRef = toCanonicalEntityRef(entity);
    const owner = ownershipService.ownerOf(entity);
    const resolution = tierPolicy.resolve(entity);
    const [ownerExists, slos, onCall, actions, incidents, attestations] =
      await Promise.all([
        known.ownerExists ??
          (owner
            ? catalog
                .getEntitiesByRefs(
                  { entityRefs: [owner], fields: ['kind'] },
                  { credentials },
                )
                .then(lookup => Boolean(lookup.items[0]))
            : false),
        known.slos ?? stores.slos.listSlos(entityRef),
        known.onCall ?? onCallService.entityOnCall(entity, at, credentials),
        known.openActions ??
          stores.actions.listEntityActions(entityRef, ['open', 'in-progress']),
        known.incidentsOfTheYear ??
          stores.incidents.listIncidents(
            entityRef,
            new Date(at.getTime() - 365 * 24 * 3_600_000),
          ),
        known.attestations ?? stores.readiness.listAttestations(entityRef),
      ]);
    const postmortems =
      known.postmortems ??
      (await stores.incidents.getPostmortems(incidents.map(i => i.id)));
    const links = entity.metadata.links ?? [];
    const drTest = attestations.find(a => a.itemId === READINESS_DR_TEST_ITEM);
    return {
      owner,
      ownerExists,
      tier:
        resolution.state === 'tiered'
          ? {
              id: resolution.policy.id,
              minimumSloTarget: resolution.policy.requirements.minimumSloTarget,
              drTestInterval: resolution.policy.requirements.drTestInterval,
            }
          : null,
      slos: slos.map(s => ({
        target: s.definition.target,
        status: s.status?.status ?? 'no-data',
      })),
      oncallPeople: onCall.levelOnePeople ?? 0,
      oncallLevels: onCall.response.levels.length,
      links: {
        runbook: links.some(l => l.type === 'runbook'),
        dashboard: links.some(l => l.type === 'dashboard'),
      },
      overdueActionPriorities: actions
        .map(a => incidentService.actionView(a, at.getTime()))
        .filter(a => a.overdue)
        .map(a => a.priority),
      latePostmortems: incidents.filter(
        i =>
          incidentService.incidentView(
            i,
            [entity],
            postmortems.get(i.id),
            at.getTime(),
          ).postmortem.onTime === false,
      ).length,
      drTestAt: drTest?.attestedAt ?? null,
    };
  }

  async evaluate(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
    known: KnownReadinessFacts = {},
  ): Promise<ReadinessResult & { tierId: string | null }> {
    const entityRef = toCanonicalEntityRef(entity);
    const { tierId, template } = this.templateFor(entity);
    const attestations =
      known.attestations ??
      (await this.options.stores.readiness.listAttestations(entityRef));
    const [facts, waivers] = await Promise.all([
      this.facts(entity, at, credentials, { ...known, attestations }),
      known.waivers ?? this.options.stores.readiness.listWaivers(entityRef),
    ]);
    const result = evaluateReadiness({
      template,
      facts,
      attestations,
      waivers,
      rules: { ...builtInReadinessRules, ...this.options.extraRules },
      at: at.getTime(),
    });
    return { ...result, tierId };
  }

  /**
   * Readiness of many entities at once (a team, a page of the fleet): their
   * inputs read in bulk, then each evaluated as {@link evaluate} would.
   */
  async evaluateMany(
    entities: readonly Entity[],
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<Array<ReadinessResult & { tierId: string | null }>> {
    const inputs = await readEntityInputs(
      this.options,
      entities,
      at,
      credentials,
    );
    return Promise.all(
      entities.map(entity =>
        this.evaluate(
          entity,
          at,
          credentials,
          knownReadinessFacts(inputs.get(toCanonicalEntityRef(entity))!),
        ),
      ),
    );
  }

  /**
   * A review as the API shows it: an approval lapses when the tier changed
   * since, an attestation or waiver it relied on expired or was removed, or
   * it is older than the configured age.
   */
  async reviewView(
    review: StoredReview,
    currentTierId: string | null,
    at: Date,
    /** The entity's current attestations and waivers, if already read. */
    known: Pick<KnownReadinessFacts, 'attestations' | 'waivers'> = {},
  ): Promise<ReadinessReviewResponse> {
    let lapseReason: string | null = null;
    if (review.state === 'approved') {
      const { stores } = this.options;
      const [attestations, waivers] = await Promise.all([
        known.attestations ??
          stores.readiness.listAttestations(review.entityRef),
        known.waivers ?? stores.readiness.listWaivers(review.entityRef),
      ]);
      /** Still there and unexpired at `at`. */
      const live = <T extends { id: string; expiresAt: string }>(
        current: T[],
      ) => {
        const expiries = new Map(current.map(x => [x.id, x.expiresAt]));
        return (x: T) =>
          expiries.has(x.id) && Date.parse(expiries.get(x.id)!) > at.getTime();
      };
      const liveAttestation = live(attestations);
      const liveWaiver = live(waivers);
      const items = review.snapshot?.items ?? [];
      // Only attested items rested on their evidence (a waived item may
      // carry the expired attestation the waiver was given for), and
      // waived items on their waiver.
      const goneAttestation = items
        .flatMap(i =>
          i.status === 'attested' && i.attestation ? [i.attestation] : [],
        )
        .find(a => !liveAttestation(a));
      const goneWaiver = items
        .flatMap(i => (i.status === 'waived' && i.waiver ? [i.waiver] : []))
        .find(w => !liveWaiver(w));
      const maxAge = Duration.fromISO(
        this.options.reviewMaxAge ?? 'P180D',
      ).toMillis();
      if (review.tierId !== currentTierId) {
        lapseReason = `The tier changed from ${review.tierId ?? 'none'} to ${
          currentTierId ?? 'none'
        } since the approval`;
      } else if (goneAttestation) {
        lapseReason = `The attestation of '${goneAttestation.itemId}' it relied on has expired or was removed`;
      } else if (goneWaiver) {
        lapseReason = `The waiver of '${goneWaiver.itemId}' it relied on has expired or was removed`;
      } else if (
        review.decidedAt &&
        at.getTime() - Date.parse(review.decidedAt) > maxAge
      ) {
        lapseReason = `The approval is older than ${
          this.options.reviewMaxAge ?? 'P180D'
        }`;
      }
    }
    return {
      id: review.id,
      entityRef: review.entityRef,
      state: lapseReason ? 'lapsed' : review.state,
      lapseReason,
      requestedBy: review.requestedBy,
      requestedAt: review.requestedAt,
      targetLaunchDate: review.targetLaunchDate,
      decidedBy: review.decidedBy,
      decidedAt: review.decidedAt,
      comment: review.comment,
      tierId: review.tierId,
      snapshot: review.snapshot,
    };
  }
}
