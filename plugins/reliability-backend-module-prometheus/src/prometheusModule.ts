import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { reliabilitySliExtensionPoint } from '@reliability-suite/plugin-reliability-node';
import { PrometheusSliProvider } from './PrometheusSliProvider';
import { readPrometheusConfig } from './readPrometheusConfig';

/**
 * Pulls SLI counts from the Prometheus servers of
 * `reliability.prometheus.servers`, for SLOs whose metric sources are
 * Prometheus counter queries naming one of them.
 *
 * @public
 */
export const reliabilityModulePrometheus = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        sli: reliabilitySliExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sli, config, logger }) {
        // Reads (and checks) the config first: a typo stops start-up,
        // naming the key, rather than failing every pull later.
        const prometheus = readPrometheusConfig(config);
        // Names and URLs only: headers are secrets.
        logger.info(
          prometheus.servers.length
            ? `Pulling SLI counts from Prometheus ${prometheus.servers
                .map(s => `'${s.name}' (${s.baseUrl})`)
                .join(', ')}`
            : 'No reliability.prometheus.servers configured: no SLO is pulled from Prometheus',
        );
        const provider = new PrometheusSliProvider({
          config: prometheus,
          logger,
        });
        sli.addProvider(provider);
      },
    });
  },
});
