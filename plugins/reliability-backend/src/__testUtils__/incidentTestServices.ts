import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { createTierPolicyService } from '@reliability-suite/plugin-reliability-node';
import { ReliabilityStores } from '../database/ReliabilityStores';
import {
  IncidentService,
  readIncidentConfig,
} from '../incidents/IncidentService';
import { incidentTestEntities } from './incidentTestBackend';

/**
 * What the incident and action services are built from in unit tests,
 * besides `stores`: the catalog of {@link incidentTestEntities},
 * the default tier policies, UTC without holidays, and a refresher that
 * records the entities it was told about.
 */
export function createIncidentTestServices(stores: ReliabilityStores) {
  const catalog = catalogServiceMock({ entities: incidentTestEntities });
  const incidentService = new IncidentService({
    store: stores.incidents,
    tierPolicy: createTierPolicyService(
      parseTierPolicies(undefined, 'reliability.tiers'),
    ),
    config: readIncidentConfig(new ConfigReader({})),
  });
  const refresher = {
    entitiesChanged: jest.fn(async (_refs: string[]) => {}),
  };
  return { stores, catalog, incidentService, refresher };
}
