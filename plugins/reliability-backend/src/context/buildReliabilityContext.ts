import {
  AuthService,
  DatabaseService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReadinessRule } from '@reliability-suite/plugin-reliability-common';
import {
  OnCallProvider,
  SliProvider,
  TierPolicyService,
} from '@reliability-suite/plugin-reliability-node';
import { CatalogSloSync } from '../catalog/CatalogSloSync';
import { CatalogTierSync } from '../catalog/CatalogTierSync';
import { ReliabilityConfig } from '../config/readReliabilityConfig';
import { DateRules } from '../request/DateRules';
import {
  createReliabilityStores,
  ReliabilityStores,
} from '../database/ReliabilityStores';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentRecordService } from '../incidents/IncidentRecordService';
import { ActionService } from '../actions/ActionService';
import { ActionImportService } from '../actions/ActionImportService';
import { OnCallService } from '../oncall/OnCallService';
import { OwnershipService } from '../ownership/OwnershipService';
import { RotationOnCallProvider } from '../oncall/RotationOnCallProvider';
import { ReadinessService } from '../readiness/ReadinessService';
import { ReadinessAttestationService } from '../readiness/ReadinessAttestationService';
import { ReadinessReviewService } from '../readiness/ReadinessReviewService';
import { RotationService } from '../oncall/RotationService';
import { SliPullService } from '../sliPulls/SliPullService';
import { SloDefinitionService } from '../slos/SloDefinitionService';
import { DeployGateService } from '../slos/DeployGateService';
import { SloService } from '../slos/SloService';
import { EntitySummaryService } from '../summary/EntitySummaryService';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { TeamScorecardService } from '../teams/TeamScorecardService';

/**
 * The plugin's stores and services, built once per backend. Routes and
 * scheduled tasks take what they need from here.
 *
 * @internal
 */
export interface ReliabilityContext {
  stores: ReliabilityStores;
  sloService: SloService;
  deployGates: DeployGateService;
  ownershipService: OwnershipService;
  onCallService: OnCallService;
  incidentService: IncidentService;
  readinessService: ReadinessService;
  summaryService: EntitySummaryService;
  teamScorecards: TeamScorecardService;
  summaryRefresher: SummaryRefresher;
  readinessAttestations: ReadinessAttestationService;
  readinessReviews: ReadinessReviewService;
  sloDefinitions: SloDefinitionService;
  sliPulls: SliPullService;
  rotationService: RotationService;
  incidentRecords: IncidentRecordService;
  actionService: ActionService;
  actionImport: ActionImportService;
  tierSync: CatalogTierSync;
  sloSync: CatalogSloSync;
  /** The sane ranges of dates in requests, on the real clock. */
  dateRules: DateRules;
}

/**
 * Builds the context: migrates the database, then wires each service to
 * the stores and services it reads. What modules added through the
 * extension points (on-call providers, readiness rules) comes in here.
 *
 * @internal
 */
export async function buildReliabilityContext(options: {
  config: ReliabilityConfig;
  database: DatabaseService;
  auth: AuthService;
  catalog: CatalogService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  tierPolicy: TierPolicyService;
  onCallProviders: OnCallProvider[];
  /** SLI providers modules added; SLOs they claim are pulled. */
  sliProviders: SliProvider[];
  readinessRules: Record<string, ReadinessRule>;
}): Promise<ReliabilityContext> {
  const { config, auth, catalog, urlReader, logger, tierPolicy } = options;
  const stores = await createReliabilityStores({ database: options.database });

  const incidentService = new IncidentService({
    store: stores.incidents,
    tierPolicy,
    config: config.incidents,
  });
  const ownershipService = new OwnershipService({
    catalog,
    placeholderOwners: config.placeholderOwners,
  });
  const onCallService = new OnCallService({
    ownership: ownershipService,
    // Modules' providers first; the built-in rotations answer last.
    providers: [
      ...options.onCallProviders,
      new RotationOnCallProvider(stores.onCall),
    ],
  });
  const sloService = new SloService({
    stores,
    logger,
    evaluateOptions: { atRiskShare: config.atRiskShare },
    historyMarginMs: config.historyMarginMs,
  });
  const deployGates = new DeployGateService({ stores, sloService });
  const readinessService = new ReadinessService({
    stores,
    catalog,
    tierPolicy,
    onCallService,
    ownershipService,
    incidentService,
    extraRules: options.readinessRules,
    maxWaiver: config.readiness.maxWaiver,
    reviewMaxAge: config.readiness.reviewMaxAge,
  });
  const summaryService = new EntitySummaryService({
    catalog,
    auth,
    tierPolicy,
    stores,
    summaries: stores.summaries,
    onCallService,
    ownershipService,
    incidentService,
    readinessService,
    logger,
  });
  const summaryRefresher = new SummaryRefresher(summaryService);
  const readinessAttestations = new ReadinessAttestationService({
    store: stores.readiness,
    readinessService,
    refresher: summaryRefresher,
  });
  const readinessReviews = new ReadinessReviewService({
    store: stores.readiness,
    readinessService,
    catalog,
    refresher: summaryRefresher,
  });
  const sliPulls = new SliPullService({
    stores,
    sloService,
    refresher: summaryRefresher,
    providers: options.sliProviders,
    logger,
  });
  const sloDefinitions = new SloDefinitionService({
    store: stores.slos,
    sloService,
    refresher: summaryRefresher,
    pullInfo: slos => sliPulls.pullInfo(slos),
  });
  const rotationService = new RotationService({
    store: stores.onCall,
    catalog,
    refresher: summaryRefresher,
  });
  const incidentRecords = new IncidentRecordService({
    stores,
    catalog,
    incidentService,
    refresher: summaryRefresher,
  });
  const actionService = new ActionService({
    stores,
    catalog,
    incidentService,
    ownershipService,
    refresher: summaryRefresher,
  });
  const dateRules = new DateRules({
    now: () => new Date(),
    today: at => incidentService.today(at),
    horizon: config.planningHorizon,
  });
  const actionImport = new ActionImportService({
    stores,
    catalog,
    refresher: summaryRefresher,
    dates: dateRules,
  });
  const teamScorecards = new TeamScorecardService({
    catalog,
    auth,
    tierPolicy,
    stores,
    summaries: stores.summaries,
    snapshots: stores.snapshots,
    onCallService,
    ownershipService,
    incidentService,
    readinessService,
    targets: config.scorecardTargets,
    logger,
  });
  const tierSync = new CatalogTierSync({
    catalog,
    auth,
    store: stores.tiers,
    tierPolicy,
    logger,
  });
  const sloSync = new CatalogSloSync({
    catalog,
    auth,
    urlReader,
    store: stores.slos,
    logger,
    onChanged: async slos => {
      for (const slo of slos) await sloService.refreshStatus(slo, new Date());
    },
  });

  return {
    stores,
    sloService,
    deployGates,
    ownershipService,
    onCallService,
    incidentService,
    readinessService,
    summaryService,
    summaryRefresher,
    readinessAttestations,
    readinessReviews,
    sloDefinitions,
    sliPulls,
    rotationService,
    incidentRecords,
    actionService,
    actionImport,
    teamScorecards,
    tierSync,
    sloSync,
    dateRules,
  };
}
