import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { reliabilityDataExtensionPoint } from '@reliability-suite/plugin-reliability-node';
import { DemoDataProvider } from './DemoDataProvider';
import { readDemoTrafficConfig } from './DemoTraffic';
import { DemoPrometheus } from './prometheus/DemoPrometheus';
import { readDemoPrometheusConfig } from './prometheus/readDemoPrometheusConfig';
import { readDemoRotations } from './seedDemoRotations';

/**
 * The demo portal's data for the reliability plugin, off unless
 * `reliability.demoData.enabled` is true. For demo and test portals only:
 * it invents traffic, incidents, reviews and trends.
 *
 * @public
 */
export const reliabilityModuleDemoData = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'demo-data',
  register(reg) {
    reg.registerInit({
      deps: {
        data: reliabilityDataExtensionPoint,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({ data, config, lifecycle, ...services }) {
        // Read first: a typo in the demo config stops start-up, naming the key.
        const traffic = readDemoTrafficConfig(config);
        const rotations = readDemoRotations(config);
        const prometheus = readDemoPrometheusConfig(config);
        if (!traffic.enabled) return;
        if (prometheus) {
          const demoPrometheus = new DemoPrometheus({
            config: prometheus,
            days: traffic.days,
            logger: services.logger,
          });
          // In the background: the backfill must not hold up start-up.
          lifecycle.addStartupHook(() => demoPrometheus.startInBackground());
          lifecycle.addShutdownHook(() => demoPrometheus.stop());
        }
        data.addProvider(
          new DemoDataProvider({
            ...services,
            profiles: traffic.profiles,
            days: traffic.days,
            rotations,
          }),
        );
      },
    });
  },
});
