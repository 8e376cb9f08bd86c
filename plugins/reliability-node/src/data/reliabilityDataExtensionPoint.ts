import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ReliabilityDataProvider } from './ReliabilityDataConnection';

/** @public */
export interface ReliabilityDataExtensionPoint {
  /**
   * Adds a data provider. The plugin connects each once its database is
   * ready, in the order they were added, before it serves requests.
   */
  addProvider(provider: ReliabilityDataProvider): void;
}

/**
 * Lets backend modules write reliability records through the plugin's
 * own rules (an import from another tool, the demo portal's data):
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'reliability',
 *   moduleId: 'my-import',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { data: reliabilityDataExtensionPoint },
 *       async init({ data }) {
 *         data.addProvider(new MyImportProvider(…));
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const reliabilityDataExtensionPoint =
  createExtensionPoint<ReliabilityDataExtensionPoint>({
    id: 'reliability.data',
  });
