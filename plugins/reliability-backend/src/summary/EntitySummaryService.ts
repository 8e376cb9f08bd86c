import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntitySummary,
  failingRequiredItems,
  OVERVIEW_KINDS,
  OverviewSloStatus,
  ownershipGaps,
  ReliabilityProblem,
  SLO_STATUS_SEVERITY,
  summarizeEntityTier,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import {
  EntitySummaryStore,
  SummaryRecord,
} from '../database/summaries/EntitySummaryStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { IncidentService } from '../incidents/IncidentService';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { withOnCallFacts } from '../ownership/OwnershipService';
import {
  knownReadinessFacts,
  ReadinessService,
} from '../readiness/ReadinessService';
import { EntityInputs, readEntityInputs } from '../facts/readEntityInputs';

const DAY_MS = 24 * 3_600_000;
/** Entities whose rows are computed together, inputs read in bulk. */
const BATCH_SIZE = 500;
/** `tier_rank` of an entity without a tier: after every tier. */
export const NO_TIER_RANK = 1000;

/**
 * Computes entity summaries (the summary route's answer) and keeps the
 * overview's stored copy of them current: per entity when one of its
 * inputs changes through this plugin, and for the whole catalog on a
 * schedule, which also catches catalog edits and the passing of time.
 */
export class EntitySummaryService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      tierPolicy: TierPolicyService;
      stores: Pick<
        ReliabilityStores,
        'tiers' | 'slos' | 'actions' | 'incidents' | 'readiness'
      >;
      summaries: EntitySummaryStore;
      onCallService: OnCallService;
      ownershipService: OwnershipService;
      incidentService: IncidentService;
      readinessService: ReadinessService;
      logger: LoggerService;
    },
  ) {}

  /**
   * One entity's summary at `at`, read with the caller's credentials, and
   * the rotation answering for it (for refreshing on rotation changes).
   */
  async summarize(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
    /** Read in bulk by the caller; read here for this entity otherwise. */
    inputs?: EntityInputs,
  ): Promise<{ summary: EntitySummary; rotationId: string | null }> {
    const { tierPolicy, stores, incidentService, readinessService } =
      this.options;
    const entityRef = toCanonicalEntityRef(entity);
    const { tier, problems } = summarizeEntityTier(
      tierPolicy.resolve(entity),
      tierPolicy.getPolicies(),
    );
    // The catalog reads (people on call, the owner and its members) run
    // side by side with the store reads.
    const [storedTier, sloProblems, read] = await Promise.all([
      tier ? stores.tiers.getEntityTier(entityRef) : undefined,
      stores.slos.getSloSyncProblems(entityRef),
      inputs ??
        readEntityInputs(this.options, [entity], at, credentials).then(
          m => m.get(entityRef)!,
        ),
    ]);
    const {
      slos,
      onCall,
      ownerFacts,
      openActions,
      incidentsOfTheYear,
      postmortems,
      reviews: [latestReview],
    } = read;
    const ownership = withOnCallFacts(
      ownerFacts,
      onCall.response,
      onCall.levelOnePeople,
    );
    // Readiness reads the same facts: handed over, not read again.
    const readiness = await readinessService.evaluate(
      entity,
      at,
      credentials,
      knownReadinessFacts(read),
    );
    const incidents = incidentsOfTheYear.filter(
      i => Date.parse(i.startedAt) >= at.getTime() - 90 * DAY_MS,
    );
    const review = latestReview
      ? await readinessService.reviewView(latestReview, readiness.tierId, at, {
          attestations: read.attestations,
          waivers: read.waivers,
        })
      : null;
    const actionViews = openActions.map(a =>
      incidentService.actionView(a, at.getTime()),
    );
    const overdueActions = actionViews.filter(a => a.overdue).length;
    // Judged by this entity's tier; another affected entity's stricter
    // rule shows on that entity.
    const overduePostmortems = incidents.filter(
      incident =>
        incidentService.incidentView(
          incident,
          [entity],
          postmortems.get(incident.id),
          at.getTime(),
        ).postmortem.onTime === false &&
        postmortems.get(incident.id)?.status !== 'published',
    ).length;
    if (tier && storedTier?.tierId === tier.id) {
      tier.since = storedTier.tierSince.toISOString();
    }
    const fileProblems: ReliabilityProblem[] = (
      sloProblems?.problems ?? []
    ).map(p => ({
      code: 'invalid-openslo',
      severity: 'error',
      annotation: 'reliability/slos',
      message: `${sloProblems!.location}, document ${p.document}${
        p.path ? `, ${p.path}` : ''
      }: ${p.message}. The last valid SLO definitions stay in use.`,
    }));
    const gaps = ownershipGaps({
      ...ownership,
      hasTier: tier !== null,
      missingRequiredSlo:
        Boolean(tier?.requirements.sloRequired) && slos.length === 0,
      overduePostmortems,
      overdueActions,
    });
    const levelOne = onCall.response.levels.find(l => l.level === 1);
    const [nextHandoff] = onCall.response.nextHandoffs;
    const summary: EntitySummary = {
      entityRef,
      tier,
      slos: slos.map(slo => ({
        name: slo.name,
        ...(slo.definition.displayName
          ? { displayName: slo.definition.displayName }
          : {}),
        target: slo.definition.target,
        status: slo.status?.status ?? 'no-data',
        budgetRemaining: slo.status?.errorBudget.remaining ?? null,
      })),
      oncall: {
        rotation: onCall.response.rotation?.name ?? null,
        source: onCall.response.source,
        now: levelOne?.user ?? null,
        nextHandoff: nextHandoff
          ? { at: nextHandoff.at, to: nextHandoff.toPerson }
          : null,
      },
      actions: {
        open: actionViews.length,
        overdue: overdueActions,
        oldestAgeDays: actionViews.length
          ? Math.max(...actionViews.map(a => a.ageDays))
          : null,
      },
      readiness: {
        score: readiness.score,
        ready: readiness.ready,
        failingRequired: failingRequiredItems(readiness.items).map(i => i.id),
        reviewState: review?.state ?? null,
      },
      gaps,
      problems: [...problems, ...fileProblems],
    };
    return { summary, rotationId: onCall.response.rotation?.id ?? null };
  }

  /** The overview rows of entities, computed from scratch, inputs read in bulk. */
  async computeRecords(
    entities: readonly Entity[],
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<SummaryRecord[]> {
    const records: SummaryRecord[] = [];
    // In pages: a refresh may cover the whole fleet, and each page holds
    // its inputs in memory and its queries in the pool at once.
    for (let i = 0; i < entities.length; i += BATCH_SIZE) {
      const page = entities.slice(i, i + BATCH_SIZE);
      const inputs = await readEntityInputs(
        this.options,
        page,
        at,
        credentials,
      );
      records.push(
        ...(await Promise.all(
          page.map(entity =>
            this.computeRecord(
              entity,
              at,
              credentials,
              inputs.get(toCanonicalEntityRef(entity)),
            ),
          ),
        )),
      );
    }
    return records;
  }

  /** The overview row of an entity, computed from scratch. */
  async computeRecord(
    entity: Entity,
    at: Date,
    credentials: BackstageCredentials,
    inputs?: EntityInputs,
  ): Promise<SummaryRecord> {
    const { summary, rotationId } = await this.summarize(
      entity,
      at,
      credentials,
      inputs,
    );
    const ref = parseEntityRef(summary.entityRef);
    const spec = (entity.spec ?? {}) as {
      system?: unknown;
      lifecycle?: unknown;
    };
    const system =
      typeof spec.system === 'string' && spec.system
        ? toCanonicalEntityRef(
            parseEntityRef(spec.system, {
              defaultKind: 'system',
              defaultNamespace: ref.namespace,
            }),
          )
        : null;
    const statuses = summary.slos.map(s => s.status);
    const worst: OverviewSloStatus =
      statuses.length === 0
        ? 'none'
        : SLO_STATUS_SEVERITY.find(s => statuses.includes(s)) ?? 'no-data';
    const budgets = summary.slos
      .map(s => s.budgetRemaining)
      .filter((b): b is number => b !== null);
    return {
      entityRef: summary.entityRef,
      kind: ref.kind,
      namespace: ref.namespace,
      name: entity.metadata.name,
      title: entity.metadata.title ?? null,
      tier: summary.tier?.id ?? null,
      tierRank: summary.tier?.rank ?? NO_TIER_RANK,
      owner: this.options.ownershipService.ownerOf(entity),
      system,
      lifecycle:
        typeof spec.lifecycle === 'string' && spec.lifecycle
          ? spec.lifecycle
          : null,
      rotationId,
      sloCount: summary.slos.length,
      sloStatus: worst,
      budgetRemaining: budgets.length > 0 ? Math.min(...budgets) : null,
      onCallNow: summary.oncall.now?.ref ?? null,
      openActions: summary.actions.open,
      overdueActions: summary.actions.overdue,
      readinessScore: summary.readiness.score,
      ready: summary.readiness.ready,
      reviewState: summary.readiness.reviewState,
      gaps: summary.gaps.map(g => g.code),
      updatedAt: at.toISOString(),
    };
  }

  /**
   * Recomputes the rows of these entities (after a write that changed one
   * of their inputs); rows of entities gone from the catalog are deleted.
   * A failure is logged, not thrown: the scheduled repair catches up.
   */
  async refreshEntities(entityRefs: string[], at: Date): Promise<void> {
    const refs = [
      ...new Set(entityRefs.map(r => r.toLocaleLowerCase('en-US'))),
    ].filter(ref =>
      OVERVIEW_KINDS.some(kind =>
        ref.startsWith(`${kind.toLocaleLowerCase('en-US')}:`),
      ),
    );
    if (refs.length === 0) return;
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      const gone = refs.filter((_ref, i) => !items[i]);
      const records = await this.computeRecords(
        items.filter((e): e is Entity => Boolean(e)),
        at,
        credentials,
      );
      await this.options.summaries.upsertSummaries(records);
      await this.options.summaries.deleteSummaries(gone);
    } catch (error) {
      this.options.logger.warn(
        `Could not refresh the reliability summaries of ${refs.join(
          ', ',
        )}: ${error}`,
      );
    }
  }

  /** Refreshes the rows a rotation change can affect. */
  async refreshForRotation(
    team: string,
    rotationId: string | null,
    at: Date,
  ): Promise<void> {
    const refs = await this.options.summaries.summaryRefsFor({
      owners: [team.toLocaleLowerCase('en-US')],
      rotationIds: rotationId ? [rotationId] : [],
    });
    await this.refreshEntities(refs, at);
  }

  /**
   * After the SLO status task: rows whose SLO count or worst status moved
   * are recomputed (readiness and gaps depend on them); the others only
   * get their lowest budget, which moves every minute. With an entity ref
   * (after an ingest), only that entity's row.
   */
  async refreshSloColumns(at: Date, entityRef?: string): Promise<void> {
    const { summaries } = this.options;
    const aggregates = new Map(
      (await summaries.sloAggregates(entityRef)).map(a => [a.entityRef, a]),
    );
    const rows = await summaries.getSummaries(
      entityRef ? [entityRef] : await summaries.listSummaryRefs(),
    );
    // An entity without a row yet gets one.
    const stale: string[] = entityRef && rows.length === 0 ? [entityRef] : [];
    const budgets: Array<{
      entityRef: string;
      budgetRemaining: number | null;
    }> = [];
    for (const row of rows) {
      const aggregate = aggregates.get(row.entityRef);
      const count = aggregate?.sloCount ?? 0;
      const status = aggregate?.worstStatus ?? 'none';
      const budget = aggregate?.lowestBudget ?? null;
      if (count !== row.sloCount || status !== row.sloStatus) {
        stale.push(row.entityRef);
      } else if (budget !== row.budgetRemaining) {
        budgets.push({ entityRef: row.entityRef, budgetRemaining: budget });
      }
    }
    await summaries.updateBudgets(budgets);
    await this.refreshEntities(stale, at);
  }

  /**
   * Recomputes every row from the catalog and the stores, and deletes the
   * rows of entities no longer in the catalog: the scheduled repair.
   */
  async refreshAll(at: Date): Promise<{ refreshed: number; removed: number }> {
    const { catalog, auth, summaries, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    let refreshed = 0;
    for await (const page of catalog.streamEntities(
      { filter: { kind: [...OVERVIEW_KINDS] } },
      { credentials },
    )) {
      const records = await this.computeRecords(page, at, credentials);
      for (const record of records) seen.add(record.entityRef);
      await summaries.upsertSummaries(records);
      refreshed += records.length;
    }
    const removed = (await summaries.listSummaryRefs()).filter(
      ref => !seen.has(ref),
    );
    await summaries.deleteSummaries(removed);
    logger.info(
      `Reliability summaries: ${refreshed} refreshed, ${removed.length} removed`,
    );
    return { refreshed, removed: removed.length };
  }

  /**
   * A full refresh when the catalog holds more overview entities than
   * there are rows: entities the catalog ingested after the last repair
   * (a fresh portal whose catalog was still loading) appear within a
   * minute instead of at the next repair. One catalog count and one
   * column read when nothing is missing.
   *
   * @returns whether it refreshed
   */
  async refreshIfIncomplete(at: Date): Promise<boolean> {
    const { catalog, auth, summaries } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { totalItems } = await catalog.queryEntities(
      { filter: { kind: [...OVERVIEW_KINDS] }, limit: 1, fields: ['kind'] },
      { credentials },
    );
    const rows = (await summaries.listSummaryRefs()).length;
    if (totalItems <= rows) return false;
    await this.refreshAll(at);
    return true;
  }
}
