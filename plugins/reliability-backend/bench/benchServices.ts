import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { createTierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { Knex } from 'knex';
import {
  createReliabilityStores,
  ReliabilityStores,
} from '../src/database/ReliabilityStores';
import {
  IncidentService,
  readIncidentConfig,
} from '../src/incidents/IncidentService';
import { OnCallService } from '../src/oncall/OnCallService';
import { OwnershipService } from '../src/ownership/OwnershipService';
import { RotationOnCallProvider } from '../src/oncall/RotationOnCallProvider';
import { ReadinessService } from '../src/readiness/ReadinessService';
import { EntitySummaryService } from '../src/summary/EntitySummaryService';
import { silentLogger } from './seedBenchReliability';

/**
 * The running bench backend's catalog as the plugin's catalog service:
 * every call goes over HTTP with the bench's static token, as the plugin's
 * own reads go to the catalog.
 */
function httpCatalog(baseUrl: string, token: string): CatalogService {
  const client = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () => `${baseUrl}/api/catalog`,
    },
  });
  return new Proxy(client, {
    get(target, method) {
      const call = (target as any)[method];
      return (request: unknown) => call.call(target, request, { token });
    },
  }) as unknown as CatalogService;
}

/** The plugin's services, wired as plugin.ts wires them, for in-process fleet work. */
export interface BenchServices {
  catalog: CatalogService;
  readinessService: ReadinessService;
  summaryService: EntitySummaryService;
  credentials: BackstageCredentials;
}

/**
 * The reliability services on the bench's database and the running bench
 * backend's catalog (over HTTP, with the bench token), with the default
 * tier policy and calendar: what the scheduled repair runs with.
 */
export async function benchServices(options: {
  db: Knex;
  baseUrl: string;
  token: string;
}): Promise<BenchServices & { stores: ReliabilityStores }> {
  const { db, baseUrl, token } = options;
  const stores = await createReliabilityStores({
    database: { getClient: async () => db } as any,
  });
  const catalog = httpCatalog(baseUrl, token);
  const tierPolicy = createTierPolicyService(
    parseTierPolicies(undefined, 'reliability.tiers'),
  );
  const ownershipService = new OwnershipService({
    catalog,
    placeholderOwners: ['none', 'unknown', 'unowned', 'nobody', 'tbd'],
  });
  const onCallService = new OnCallService({
    providers: [new RotationOnCallProvider(stores.onCall)],
    ownership: ownershipService,
  });
  const incidentService = new IncidentService({
    store: stores.incidents,
    tierPolicy,
    config: readIncidentConfig(new ConfigReader({})),
  });
  const readinessService = new ReadinessService({
    stores,
    catalog,
    tierPolicy,
    onCallService,
    ownershipService,
    incidentService,
  });
  // The plugin's own service credentials, as the scheduled repair uses.
  const credentials: BackstageCredentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:reliability' },
  };
  const summaryService = new EntitySummaryService({
    catalog,
    auth: { getOwnServiceCredentials: async () => credentials } as any,
    tierPolicy,
    stores,
    summaries: stores.summaries,
    onCallService,
    ownershipService,
    incidentService,
    readinessService,
    logger: silentLogger,
  });
  return { stores, catalog, readinessService, summaryService, credentials };
}
