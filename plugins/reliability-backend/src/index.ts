/**
 * The Reliability Suite backend plugin.
 *
 * @packageDocumentation
 */

export { reliabilityPlugin as default } from './plugin';
