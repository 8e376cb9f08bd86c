/**
 * Demo data for the Reliability Suite: a backend module that fills a demo
 * portal with made-up traffic, rotations, incidents, readiness reviews and
 * trends, through the reliability plugin's data extension point, and can
 * run a local Prometheus over made-up counters.
 *
 * @packageDocumentation
 */

export { reliabilityModuleDemoData as default } from './demoDataModule';
export { toOpenMetrics } from './prometheus/openMetrics';
export type { CounterSeries } from './prometheus/openMetrics';
export { startLocalPrometheus } from './prometheus/startLocalPrometheus';
export type {
  LocalPrometheus,
  LocalPrometheusOptions,
} from './prometheus/startLocalPrometheus';
