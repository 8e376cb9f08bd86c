import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { OnCallProvider } from './OnCallProvider';

/** @public */
export interface ReliabilityOnCallExtensionPoint {
  /**
   * Adds a provider. Providers added by modules are asked before the
   * built-in rotations, in the order they were added.
   */
  addProvider(provider: OnCallProvider): void;
}

/**
 * Lets backend modules add on-call providers to the reliability plugin:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'reliability',
 *   moduleId: 'pagerduty',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { oncall: reliabilityOnCallExtensionPoint },
 *       async init({ oncall }) {
 *         oncall.addProvider(new PagerDutyOnCallProvider(…));
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const reliabilityOnCallExtensionPoint =
  createExtensionPoint<ReliabilityOnCallExtensionPoint>({
    id: 'reliability.oncall',
  });
