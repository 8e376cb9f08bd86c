import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { DemoDataSeeder, readDemoDataConfig } from './DemoDataSeeder';
import { seedDemoIncidents } from './DemoIncidentSeeder';
import { seedDemoReadiness } from './DemoReadinessSeeder';
import { readDemoRotations, seedDemoRotations } from './DemoRotationSeeder';
import { seedDemoTrends } from './DemoTrendSeeder';

/**
 * The demo portal's data (`reliability.demoData.enabled`): rotations and
 * incidents at start-up, traffic on every status run, readiness once the
 * catalog has the entities, and a made-up trend history with the daily
 * snapshots. Off by default; never part of a real installation's data.
 *
 * @internal
 */
export class DemoData {
  /** The demo data when config enables it, else undefined. */
  static fromConfig(options: {
    config: Config;
    context: ReliabilityContext;
    auth: AuthService;
    catalog: CatalogService;
    logger: LoggerService;
  }): DemoData | undefined {
    const demoData = readDemoDataConfig(options.config);
    if (!demoData.enabled) return undefined;
    const { context, logger } = options;
    const traffic = new DemoDataSeeder({
      stores: context.stores,
      sloService: context.sloService,
      logger,
      profiles: demoData.profiles,
      days: demoData.days,
    });
    return new DemoData({
      ...options,
      traffic,
      rotations: readDemoRotations(options.config),
    });
  }

  private constructor(
    private readonly options: {
      context: ReliabilityContext;
      auth: AuthService;
      catalog: CatalogService;
      logger: LoggerService;
      traffic: DemoDataSeeder;
      rotations: ReturnType<typeof readDemoRotations>;
    },
  ) {}

  /** Rotations and incidents, each only into an empty table. */
  async seedAtStart(now: Date): Promise<void> {
    const { context, logger, rotations } = this.options;
    await seedDemoRotations({
      store: context.stores.onCall,
      logger,
      rotations,
      now,
    });
    await seedDemoIncidents({
      stores: context.stores,
      logger,
      now,
      hasIncidents: () => context.stores.incidents.hasAnyIncident(),
    });
  }

  /**
   * Before each status run: the minutes of traffic since the last run,
   * and the readiness data once the catalog has ingested its entities.
   *
   * @returns whether readiness data was seeded now (summaries then need
   * a full refresh)
   */
  async beforeStatusRun(now: Date): Promise<boolean> {
    const { context, auth, catalog, logger, traffic } = this.options;
    await traffic.run(now);
    const credentials = await auth.getOwnServiceCredentials();
    const seeded = await seedDemoReadiness({
      store: context.stores.readiness,
      service: context.readinessService,
      getEntity: ref => catalog.getEntityByRef(ref, { credentials }),
      credentials,
      logger,
      now,
      hasReviews: () => context.stores.readiness.hasAnyReview(),
    });
    return seeded > 0;
  }

  /** After the daily snapshots: 90 days of made-up history before them. */
  async afterSnapshots(teams: string[], now: Date): Promise<void> {
    await seedDemoTrends({
      snapshots: this.options.context.stores.snapshots,
      teams,
      now,
      days: 90,
    });
  }
}
