import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { SliProvider } from './SliProvider';

/** @public */
export interface ReliabilitySliExtensionPoint {
  /**
   * Adds an SLI provider. For each SLO the first provider whose `handles`
   * accepts its metric sources pulls it.
   */
  addProvider(provider: SliProvider): void;
}

/**
 * Lets backend modules add SLI providers to the reliability plugin:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'reliability',
 *   moduleId: 'prometheus',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sli: reliabilitySliExtensionPoint },
 *       async init({ sli }) {
 *         sli.addProvider(new PrometheusSliProvider(…));
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const reliabilitySliExtensionPoint =
  createExtensionPoint<ReliabilitySliExtensionPoint>({
    id: 'reliability.sli',
  });
