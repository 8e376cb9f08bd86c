import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computeTeamScorecard,
  isClosedActionStatus,
  READINESS_DR_TEST_ITEM,
  ScorecardKpiId,
  ScorecardTargets,
  TeamScorecardResponse,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import {
  EntitySummaryStore,
  SummaryRecord,
  SummaryVisibility,
} from '../database/summaries/EntitySummaryStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import {
  TeamSnapshot,
  TeamSnapshotStore,
} from '../database/snapshots/TeamSnapshotStore';
import { IncidentService } from '../incidents/IncidentService';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { ReadinessService } from '../readiness/ReadinessService';

const DAY_MS = 24 * 3_600_000;
/** Incidents and closed actions count over this many days. */
export const SCORECARD_WINDOW_DAYS = 90;

/**
 * A team's scorecard: its entities (child groups included) from the
 * overview's summaries, their SLOs, incidents, actions and DR tests from
 * the stores, and the KPI math of `-common`. Also takes the daily
 * snapshots the trends read.
 */
export class TeamScorecardService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      tierPolicy: TierPolicyService;
      stores: Pick<ReliabilityStores, 'actions' | 'incidents' | 'slos'>;
      summaries: EntitySummaryStore;
      snapshots: TeamSnapshotStore;
      onCallService: OnCallService;
      ownershipService: OwnershipService;
      incidentService: IncidentService;
      readinessService: ReadinessService;
      targets: ScorecardTargets;
      logger: LoggerService;
    },
  ) {}

  private async teamRows(
    groups: string[],
    visibility: SummaryVisibility,
  ): Promise<SummaryRecord[]> {
    const rows: SummaryRecord[] = [];
    let after: { value: string | number | null; entityRef: string } | undefined;
    for (;;) {
      const page = await this.options.summaries.querySummaries({
        filters: { owners: groups },
        visibility,
        sort: { key: 'name', descending: false },
        limit: 1000,
        after,
        tierIds: [],
        withFacets: false,
      });
      rows.push(...page.items);
      const last = page.items[page.items.length - 1];
      if (!page.hasMore || !last) return rows;
      after = { value: page.lastSortValue ?? null, entityRef: last.entityRef };
    }
  }

  async scorecard(
    teamRef: string,
    at: Date,
    credentials: BackstageCredentials,
    visibility: SummaryVisibility,
  ): Promise<TeamScorecardResponse> {
    const { stores, catalog, incidentService, readinessService, tierPolicy } =
      this.options;
    const groups = await this.options.ownershipService.groupWithDescendants(
      teamRef,
      credentials,
    );
    const rows = await this.teamRows(groups, visibility);
    const since = new Date(at.getTime() - SCORECARD_WINDOW_DAYS * DAY_MS);
    const policies = tierPolicy.getPolicies();
    const drTier =
      policies.find(p => p.requirements.drTestInterval)?.id ?? null;

    // One query per table for the whole team, not three per entity.
    const refs = rows.map(r => r.entityRef);
    const [slosByEntity, incidentsByEntity, actionsByEntity] =
      await Promise.all([
        stores.slos.listSlosByEntity(
          refs.filter((_r, i) => rows[i].sloCount > 0),
        ),
        stores.incidents.listIncidentsByEntity(refs, since),
        stores.actions.listActionsByEntity(refs),
      ]);
    const perEntity = rows.map(row => ({
      row,
      slos: slosByEntity.get(row.entityRef) ?? [],
      incidents: incidentsByEntity.get(row.entityRef)!,
      actions: actionsByEntity.get(row.entityRef)!,
    }));

    const incidents = new Map(
      perEntity.flatMap(e => e.incidents).map(i => [i.id, i]),
    );
    const affected = [
      ...new Set([...incidents.values()].flatMap(i => i.entityRefs)),
    ];
    const drRefs = rows.filter(r => r.tier === drTier).map(r => r.entityRef);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [...new Set([...affected, ...drRefs])] },
      { credentials },
    );
    const entities = new Map<string, Entity>();
    for (const entity of items) {
      if (entity) entities.set(toCanonicalEntityRef(entity), entity);
    }
    const postmortems = await stores.incidents.getPostmortems([
      ...incidents.keys(),
    ]);
    const drEntities = drRefs.flatMap(ref => entities.get(ref) ?? []);
    const drReadiness = await readinessService.evaluateMany(
      drEntities,
      at,
      credentials,
    );
    const drTested = drEntities
      .filter((_entity, i) => {
        const item = drReadiness[i].items.find(
          it => it.id === READINESS_DR_TEST_ITEM,
        );
        return item !== undefined && ['pass', 'attested'].includes(item.status);
      })
      .map(entity => toCanonicalEntityRef(entity));

    const figures = computeTeamScorecard({
      entities: rows,
      criticalTiers: policies.slice(0, 2).map(p => p.id),
      drTier,
      drTestedEntityRefs: drTested,
      slos: perEntity.flatMap(({ row, slos }) =>
        slos.map(slo => ({
          tier: row.tier,
          target: slo.definition.target,
          attainment: slo.status?.attainment ?? null,
        })),
      ),
      incidents: [...incidents.values()].map(incident =>
        incidentService.incidentView(
          incident,
          incident.entityRefs.flatMap(ref => {
            const entity = entities.get(ref);
            return entity ? [entity] : [];
          }),
          postmortems.get(incident.id),
          at.getTime(),
        ),
      ),
      actions: perEntity
        .flatMap(e => e.actions)
        .filter(
          a =>
            !isClosedActionStatus(a.status) ||
            (a.closedAt !== null && Date.parse(a.closedAt) >= since.getTime()),
        )
        .map(a => incidentService.actionView(a, at.getTime())),
      severities: incidentService.severities,
      targets: this.options.targets,
    });
    return {
      team: teamRef,
      groups,
      windowDays: SCORECARD_WINDOW_DAYS,
      computedAt: at.toISOString(),
      ...figures,
    };
  }

  /**
   * Records today's KPI values of every group in the catalog (a later run
   * on the same day replaces them), with the plugin's own credentials: a
   * trend is the team's whole picture, so its route needs read access to
   * every entity. Returns the teams.
   */
  async snapshotAll(at: Date): Promise<string[]> {
    const { catalog, auth, snapshots, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const day = at.toISOString().slice(0, 10);
    const teams: string[] = [];
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    )) {
      const batch = [];
      for (const group of page) {
        const teamRef = stringifyEntityRef(group).toLocaleLowerCase('en-US');
        const card = await this.scorecard(teamRef, at, credentials, {
          all: true,
        });
        batch.push({
          teamRef,
          day,
          values: Object.fromEntries(
            card.kpis.map(k => [k.id, k.value]),
          ) as Partial<Record<ScorecardKpiId, number | null>>,
          computedAt: at,
        });
      }
      await snapshots.saveTeamSnapshots(batch);
      teams.push(...batch.map(s => s.teamRef));
    }
    logger.info(`Team scorecard snapshots: ${teams.length} teams on ${day}`);
    return teams;
  }

  /** The team's snapshots from `sinceDay` (`YYYY-MM-DD`) on, oldest first. */
  listSnapshots(teamRef: string, sinceDay: string): Promise<TeamSnapshot[]> {
    return this.options.snapshots.listTeamSnapshots(teamRef, sinceDay);
  }

  /**
   * Loads days before each team's first stored snapshot: history kept
   * elsewhere never overwrites a day this service computed.
   *
   * @throws InputError naming the first snapshot that is not before its
   *   team's first stored day (nothing is written then)
   */
  async loadHistory(history: TeamSnapshot[]): Promise<void> {
    const { snapshots } = this.options;
    const firstDays = new Map<string, string | null>();
    for (const [index, snapshot] of history.entries()) {
      if (!firstDays.has(snapshot.teamRef)) {
        const [first] = await snapshots.listTeamSnapshots(
          snapshot.teamRef,
          '0000-01-01',
        );
        firstDays.set(snapshot.teamRef, first?.day ?? null);
      }
      const firstDay = firstDays.get(snapshot.teamRef);
      if (firstDay && snapshot.day >= firstDay) {
        throw new InputError(
          `Invalid snapshot [${index}].day: ${snapshot.teamRef} has snapshots from ${firstDay} on; history loads only before them`,
        );
      }
    }
    await snapshots.saveTeamSnapshots(history);
  }
}
