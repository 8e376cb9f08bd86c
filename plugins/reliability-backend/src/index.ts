/**
 * The Reliability Suite backend plugin.
 *
 * @packageDocumentation
 */

export { reliabilityPlugin as default } from './plugin';
export * from './database/ReliabilityStore';
export * from './database/DatabaseReliabilityStore';
