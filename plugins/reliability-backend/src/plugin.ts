import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  reliabilityOncallManagePermission,
  ReadinessRule,
  reliabilityPermissions,
  Rotation,
} from '@reliability-suite/plugin-reliability-common';
import {
  isRotationTeamMember,
  OnCallProvider,
  reliabilityOnCallExtensionPoint,
  reliabilityReadinessExtensionPoint,
  rotationPermissionResourceRef,
  tierPolicyServiceRef,
} from '@reliability-suite/plugin-reliability-node';
import {
  IncidentService,
  readIncidentConfig,
} from './incidents/IncidentService';
import { ReadinessService } from './readiness/ReadinessService';
import { OnCallService } from './oncall/OnCallService';
import { RotationOnCallProvider } from './oncall/RotationOnCallProvider';
import { CatalogSloSync } from './catalog/CatalogSloSync';
import { CatalogTierSync } from './catalog/CatalogTierSync';
import { createReliabilityStores } from './database/ReliabilityStores';
import { EntitySummaryService } from './summary/EntitySummaryService';
import { TeamScorecardService } from './teams/TeamScorecardService';
import { readScorecardTargets } from './teams/readScorecardTargets';
import { DemoDataSeeder, readDemoDataConfig } from './demo/DemoDataSeeder';
import { seedDemoIncidents } from './demo/DemoIncidentSeeder';
import { seedDemoReadiness } from './demo/DemoReadinessSeeder';
import { seedDemoTrends } from './demo/DemoTrendSeeder';
import {
  readDemoRotations,
  seedDemoRotations,
} from './demo/DemoRotationSeeder';
import { createRouter } from './service/createRouter';
import { SloService } from './slos/SloService';

/** The stand-in resource for "a new rotation of this team". */
function newRotationOf(team: string): Rotation {
  return {
    id: '',
    name: '',
    team,
    timeZone: 'UTC',
    handoffAnchor: '1970-01-01T00:00',
    shiftLength: 'P1W',
    levels: [],
    overrides: [],
  };
}

function scheduleFrom(
  config: Config,
  key: string,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  const configured = config.getOptionalConfig(key);
  return configured
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(configured)
    : defaults;
}

/**
 * The Reliability Suite backend plugin (plugin id `reliability`).
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    const onCallProviders: OnCallProvider[] = [];
    env.registerExtensionPoint(reliabilityOnCallExtensionPoint, {
      addProvider(provider) {
        onCallProviders.push(provider);
      },
    });

    const readinessRules: Record<string, ReadinessRule> = {};
    env.registerExtensionPoint(reliabilityReadinessExtensionPoint, {
      addRule(id, rule) {
        readinessRules[id] = rule;
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        tierPolicy: tierPolicyServiceRef,
      },
      async init({
        auditor,
        auth,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        userInfo,
        urlReader,
        catalog,
        tierPolicy,
      }) {
        permissionsRegistry.addPermissions(reliabilityPermissions);
        // Read first: a bad severity list or calendar stops start-up.
        const incidentConfig = readIncidentConfig(config);
        const scorecardTargets = readScorecardTargets(config);

        const stores = await createReliabilityStores({ database });
        const { summaries, snapshots } = stores;
        const incidentService = new IncidentService({
          store: stores.incidents,
          tierPolicy,
          config: incidentConfig,
        });
        permissionsRegistry.addResourceType({
          resourceRef: rotationPermissionResourceRef,
          permissions: [reliabilityOncallManagePermission],
          rules: [isRotationTeamMember],
          // A resourceRef is a rotation id, or a Group ref standing for a
          // new rotation of that team (so a UI can ask "may I create one?").
          getResources: async refs => {
            const stored = await stores.onCall.getRotations(refs);
            return refs.map((ref, i) =>
              ref.startsWith('group:')
                ? { ...newRotationOf(ref.toLocaleLowerCase('en-US')) }
                : stored[i],
            );
          },
        });
        const onCallService = new OnCallService({
          catalog,
          // Modules' providers first; the built-in rotations answer last.
          providers: [
            ...onCallProviders,
            new RotationOnCallProvider(stores.onCall),
          ],
          placeholderOwners: config.getOptionalStringArray(
            'reliability.ownership.placeholderOwners',
          ) ?? ['none', 'unknown', 'unowned', 'nobody', 'tbd'],
        });
        const sloService = new SloService({
          stores,
          logger,
          evaluateOptions: {
            atRiskShare: config.getOptionalNumber(
              'reliability.slos.atRiskShare',
            ),
          },
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
            for (const slo of slos)
              await sloService.refreshStatus(slo, new Date());
          },
        });

        await scheduler.scheduleTask({
          id: 'reliability-catalog-sync',
          ...scheduleFrom(config, 'reliability.catalogSync.schedule', {
            frequency: { minutes: 5 },
            timeout: { minutes: 10 },
            initialDelay: { seconds: 15 },
          }),
          fn: async () => {
            await tierSync.run();
            await sloSync.run();
          },
        });
        const demoData = readDemoDataConfig(config);
        if (demoData.enabled) {
          await seedDemoRotations({
            store: stores.onCall,
            logger,
            rotations: readDemoRotations(config),
            now: new Date(),
          });
          await seedDemoIncidents({
            stores,
            logger,
            now: new Date(),
            hasIncidents: async () =>
              (await database
                .getClient()
                .then(db => db('incidents').first())) !== undefined,
          });
        }
        const demoSeeder = demoData.enabled
          ? new DemoDataSeeder({
              stores,
              sloService,
              logger,
              profiles: demoData.profiles,
              days: demoData.days,
            })
          : undefined;

        const readinessService = new ReadinessService({
          stores,
          catalog,
          tierPolicy,
          onCallService,
          incidentService,
          extraRules: readinessRules,
          maxWaiver: config.getOptionalString(
            'reliability.readiness.maxWaiver',
          ),
          reviewMaxAge: config.getOptionalString(
            'reliability.readiness.reviewMaxAge',
          ),
        });
        const summaryService = new EntitySummaryService({
          catalog,
          auth,
          tierPolicy,
          stores,
          summaries,
          onCallService,
          incidentService,
          readinessService,
          logger,
        });
        // The repair of drift: catalog edits, time passing (hand-offs,
        // due dates, expiries) and anything a crash left behind.
        await scheduler.scheduleTask({
          id: 'reliability-summary-repair',
          ...scheduleFrom(config, 'reliability.overview.repairSchedule', {
            frequency: { minutes: 10 },
            timeout: { minutes: 30 },
            initialDelay: { seconds: 20 },
          }),
          fn: async () => {
            await summaryService.refreshAll(new Date());
          },
        });

        const teamScorecards = new TeamScorecardService({
          catalog,
          auth,
          tierPolicy,
          stores,
          summaries,
          snapshots,
          onCallService,
          incidentService,
          readinessService,
          targets: scorecardTargets,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'reliability-team-snapshots',
          ...scheduleFrom(config, 'reliability.overview.snapshotSchedule', {
            frequency: { hours: 6 },
            timeout: { minutes: 30 },
            initialDelay: { seconds: 90 },
          }),
          fn: async () => {
            const now = new Date();
            const teams = await teamScorecards.snapshotAll(now);
            if (demoData.enabled) {
              await seedDemoTrends({ snapshots, teams, now, days: 90 });
            }
          },
        });

        // Readiness demo data needs the catalog's entities, so it is tried
        // on each status run until the catalog has ingested them.
        const seedReadiness = async (now: Date): Promise<number> => {
          if (!demoData.enabled) return 0;
          const credentials = await auth.getOwnServiceCredentials();
          return seedDemoReadiness({
            store: stores.readiness,
            service: readinessService,
            getEntity: ref => catalog.getEntityByRef(ref, { credentials }),
            credentials,
            logger,
            now,
            hasReviews: async () =>
              (await database
                .getClient()
                .then(db => db('readiness_reviews').first())) !== undefined,
          });
        };
        await scheduler.scheduleTask({
          id: 'reliability-slo-status',
          ...scheduleFrom(config, 'reliability.slos.statusSchedule', {
            frequency: { minutes: 1 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 30 },
          }),
          fn: async () => {
            const now = new Date();
            await demoSeeder?.run(now);
            if ((await seedReadiness(now)) > 0)
              await summaryService.refreshAll(now);
            await sloService.refreshAll(now);
            await summaryService.refreshSloColumns(now);
          },
        });
        await scheduler.scheduleTask({
          id: 'reliability-sli-rollup',
          ...scheduleFrom(config, 'reliability.slos.rollupSchedule', {
            frequency: { hours: 1 },
            timeout: { minutes: 30 },
            initialDelay: { minutes: 2 },
          }),
          fn: async () => {
            await sloService.rollUp(new Date());
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            catalog,
            tierPolicy,
            stores,
            sloService,
            onCallService,
            incidentService,
            readinessService,
            summaryService,
            summaries,
            teamScorecards,
            snapshots,
            userInfo,
            logger,
            permissionsRegistry,
            now: () => new Date(),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
