import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ReadinessRule,
  reliabilityPermissions,
} from '@reliability-suite/plugin-reliability-common';
import {
  OnCallProvider,
  ReliabilityDataProvider,
  reliabilityDataExtensionPoint,
  reliabilityOnCallExtensionPoint,
  reliabilityReadinessExtensionPoint,
  reliabilitySliExtensionPoint,
  SliProvider,
  tierPolicyServiceRef,
} from '@reliability-suite/plugin-reliability-node';
import { readReliabilityConfig } from './config/readReliabilityConfig';
import { buildReliabilityContext } from './context/buildReliabilityContext';
import { catalogForCallers } from './catalog/catalogForCallers';
import { connectDataProviders } from './data/connectDataProviders';
import { registerRotationResourceType } from './permissions/registerRotationResourceType';
import { tokenRestrictionProblems } from './permissions/tokenRestrictionProblems';
import { createRouter } from './service/createRouter';
import { scheduleReliabilityTasks } from './tasks/scheduleReliabilityTasks';

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
      addProvider: provider => onCallProviders.push(provider),
    });
    const readinessRules: Record<string, ReadinessRule> = {};
    env.registerExtensionPoint(reliabilityReadinessExtensionPoint, {
      addRule: (id, rule) => (readinessRules[id] = rule),
    });
    const sliProviders: SliProvider[] = [];
    env.registerExtensionPoint(reliabilitySliExtensionPoint, {
      addProvider: provider => sliProviders.push(provider),
    });
    const dataProviders: ReliabilityDataProvider[] = [];
    env.registerExtensionPoint(reliabilityDataExtensionPoint, {
      addProvider: provider => dataProviders.push(provider),
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        rootConfig: coreServices.rootConfig,
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
      async init(coreDeps) {
        const { rootConfig, permissionsRegistry } = coreDeps;
        // Read first: a bad value stops start-up before anything runs.
        const config = readReliabilityConfig(rootConfig);
        for (const problem of tokenRestrictionProblems(rootConfig)) {
          coreDeps.logger.warn(problem);
        }
        const deps = {
          ...coreDeps,
          catalog: await catalogForCallers(coreDeps.catalog, coreDeps.auth),
        };
        const context = await buildReliabilityContext({
          ...deps,
          config,
          onCallProviders,
          sliProviders,
          readinessRules,
        });
        permissionsRegistry.addPermissions(reliabilityPermissions);
        registerRotationResourceType(
          permissionsRegistry,
          context.stores.onCall,
        );

        await connectDataProviders({ ...deps, context, dataProviders });
        await scheduleReliabilityTasks({ ...deps, config, context });

        deps.httpRouter.use(
          await createRouter({ ...deps, ...context, now: () => new Date() }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
