import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { toCanonicalEntityRef } from '@reliability-suite/plugin-reliability-common';
import {
  ReliabilityDataConnection,
  ReliabilityDataProvider,
} from '@reliability-suite/plugin-reliability-node';
import { DemoTraffic, DemoTrafficProfile } from './DemoTraffic';
import { DemoRotation, seedDemoRotations } from './seedDemoRotations';
import { DEMO_INCIDENT_ENTITIES, seedDemoIncidents } from './seedDemoIncidents';
import { seedDemoReadiness } from './seedDemoReadiness';
import { seedDemoTrends } from './seedDemoTrends';

/** How many days of made-up team history the trends get. */
const TREND_DAYS = 90;

/**
 * The demo portal's data, written through the plugin's data connection
 * (so through the same checks and services as the API): rotations and
 * incidents once the catalog holds the people and components they name,
 * traffic for the demo SLOs on every run, the readiness story once all of
 * those are in, and a made-up trend history once the daily team snapshot
 * exists.
 *
 * One scheduled task does it all, every 15 seconds: a fresh portal shows
 * its data within seconds of the catalog's first ingestion, and each part
 * that is already written is a cheap check.
 */
export class DemoDataProvider implements ReliabilityDataProvider {
  private connection?: ReliabilityDataConnection;
  private traffic?: DemoTraffic;
  private readonly done = {
    rotations: false,
    incidents: false,
    readiness: false,
  };
  private readonly teamsWithTrends = new Set<string>();

  constructor(
    private readonly options: {
      profiles: DemoTrafficProfile[];
      days: number;
      rotations: DemoRotation[];
      scheduler: SchedulerService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'demo-data';
  }

  async connect(connection: ReliabilityDataConnection): Promise<void> {
    this.connection = connection;
    this.traffic = new DemoTraffic({
      slis: connection.slis,
      logger: this.options.logger,
      profiles: this.options.profiles,
      days: this.options.days,
    });
    await this.options.scheduler.scheduleTask({
      id: 'reliability-demo-data',
      frequency: { seconds: 15 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 1 },
      fn: () => this.run(new Date()),
    });
  }

  /** One pass: each part that still needs writing, then the traffic. */
  async run(now: Date): Promise<void> {
    const connection = this.connection;
    if (!connection || !this.traffic) {
      throw new Error('The demo data provider is not connected');
    }
    const { logger } = this.options;
    if (!this.done.rotations) {
      const people = this.options.rotations.flatMap(r => [
        ...r.fields.levels.flatMap(l => l.users),
        ...r.overrides.map(o => o.user),
      ]);
      if (await this.hasEntities(people)) {
        await this.part('rotations', () =>
          seedDemoRotations({
            onCall: connection.onCall,
            logger,
            rotations: this.options.rotations,
            now,
          }),
        );
        this.done.rotations = true;
      }
    }
    if (
      !this.done.incidents &&
      (await this.hasEntities(DEMO_INCIDENT_ENTITIES))
    ) {
      await this.part('incidents', () =>
        seedDemoIncidents({ incidents: connection.incidents, logger, now }),
      );
      this.done.incidents = true;
    }
    const traffic = await this.traffic.run(now);
    // The readiness story is decided under the plugin's rules: approvals
    // need the on-call rotations, incidents and SLO data in place first.
    const ready =
      this.done.rotations && this.done.incidents && traffic.waiting === 0;
    if (!this.done.readiness && ready) {
      await this.part('readiness story', () =>
        seedDemoReadiness({
          readiness: connection.readiness,
          logger,
          now,
        }),
      );
      this.done.readiness = true;
    }
    await this.seedTrends(connection);
  }

  /**
   * Runs one part of the demo. Each part is written once, into an empty
   * table, and is not transactional: a failure part-way leaves what was
   * written, and later runs see a non-empty table and skip it. Said
   * loudly, with the way out, rather than retried into duplicates.
   */
  private async part<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      this.options.logger.error(
        `Demo data: writing the ${name} failed part-way and will not be retried (${
          (error as Error).message
        }); delete the demo database (data/sqlite) to start afresh`,
      );
      throw error;
    }
  }

  private async seedTrends(
    connection: ReliabilityDataConnection,
  ): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const teamRefs = items
      .map(group => toCanonicalEntityRef(stringifyEntityRef(group)))
      .filter(ref => !this.teamsWithTrends.has(ref));
    if (teamRefs.length === 0) return;
    const { seeded, settled } = await seedDemoTrends({
      teams: connection.teams,
      teamRefs,
      days: TREND_DAYS,
    });
    settled.forEach(ref => this.teamsWithTrends.add(ref));
    if (seeded > 0) {
      this.options.logger.info(
        `Demo data: ${TREND_DAYS} days of made-up trends for ${seeded} teams`,
      );
    }
  }

  private async hasEntities(refs: string[]): Promise<boolean> {
    if (refs.length === 0) return true;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: [...new Set(refs)], fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    return items.every(Boolean);
  }
}
