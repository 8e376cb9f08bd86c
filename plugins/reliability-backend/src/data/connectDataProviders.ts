import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReliabilityDataProvider } from '@reliability-suite/plugin-reliability-node';
import { ReliabilityContext } from '../context/buildReliabilityContext';
import { DefaultReliabilityDataConnection } from './DefaultReliabilityDataConnection';

/**
 * Connects the data providers modules added, in order, each with its own
 * connection (its name goes into the audit events of its writes). A
 * provider whose `connect` fails stops start-up: a module the operator
 * installed and cannot run is a configuration error.
 *
 * @internal
 */
export async function connectDataProviders(options: {
  context: ReliabilityContext;
  dataProviders: ReliabilityDataProvider[];
  catalog: CatalogService;
  auth: AuthService;
  auditor: AuditorService;
  logger: LoggerService;
}): Promise<void> {
  const { dataProviders, logger } = options;
  for (const provider of dataProviders) {
    const providerName = provider.getProviderName();
    await provider.connect(
      new DefaultReliabilityDataConnection({ ...options, providerName }),
    );
    logger.info(`Connected reliability data provider '${providerName}'`);
  }
}
