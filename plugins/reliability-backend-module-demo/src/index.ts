/**
 * Demo data for the Reliability Suite: a backend module that fills a demo
 * portal with made-up traffic, rotations, incidents, readiness reviews and
 * trends, through the reliability plugin's data extension point.
 *
 * @packageDocumentation
 */

export { reliabilityModuleDemoData as default } from './demoDataModule';
