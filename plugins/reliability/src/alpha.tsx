/**
 * The Reliability Suite frontend plugin for Backstage's new frontend
 * system. The legacy plugin and its components stay in the main entry.
 *
 * @packageDocumentation
 */
export { reliabilityPlugin as default } from './alpha/plugin';
export { reliabilityApi } from './alpha/plugin';
export * from './alpha/entityCards';
export * from './alpha/entityContents';
export * from './alpha/pages';
export { tierEntityIconLink } from './alpha/tierIconLink';
