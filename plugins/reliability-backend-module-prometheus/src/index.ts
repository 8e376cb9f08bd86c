/**
 * Prometheus for the Reliability Suite: a backend module that pulls SLI
 * counts (good and total events) from Prometheus counters, through the
 * reliability plugin's SLI extension point.
 *
 * @packageDocumentation
 */

export { reliabilityModulePrometheus as default } from './prometheusModule';
export { PrometheusSliProvider } from './PrometheusSliProvider';
export { readPrometheusConfig } from './readPrometheusConfig';
export type {
  PrometheusConfig,
  PrometheusServerConfig,
} from './readPrometheusConfig';
