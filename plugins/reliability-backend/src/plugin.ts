import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reliabilityPermissions } from '@reliability-suite/plugin-reliability-common';
import { tierPolicyServiceRef } from '@reliability-suite/plugin-reliability-node';
import { CatalogTierSync } from './catalog/CatalogTierSync';
import { DatabaseReliabilityStore } from './database/DatabaseReliabilityStore';
import { createRouter } from './service/createRouter';

/**
 * The Reliability Suite backend plugin (plugin id `reliability`).
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        tierPolicy: tierPolicyServiceRef,
      },
      async init({
        auth,
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        catalog,
        tierPolicy,
      }) {
        permissionsRegistry.addPermissions(reliabilityPermissions);
        const store = await DatabaseReliabilityStore.create({ database });

        const tierSync = new CatalogTierSync({
          catalog,
          auth,
          store,
          tierPolicy,
          logger,
        });
        const scheduleConfig = config.getOptionalConfig(
          'reliability.catalogSync.schedule',
        );
        await scheduler.scheduleTask({
          id: 'reliability-catalog-tier-sync',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : {
                frequency: { minutes: 5 },
                timeout: { minutes: 10 },
                initialDelay: { seconds: 15 },
              }),
          fn: async () => {
            await tierSync.run();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            tierPolicy,
            store,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
