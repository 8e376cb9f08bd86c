import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ReadinessRule } from '@reliability-suite/plugin-reliability-common';

/** @public */
export interface ReliabilityReadinessExtensionPoint {
  /**
   * Adds an automatic readiness rule that templates can name by `id`. A
   * rule reads the facts gathered once per evaluation and returns pass,
   * fail or unknown with a reason; it replaces a built-in rule of the same id.
   */
  addRule(id: string, rule: ReadinessRule): void;
}

/**
 * Lets backend modules add readiness rules to the reliability plugin.
 *
 * @public
 */
export const reliabilityReadinessExtensionPoint =
  createExtensionPoint<ReliabilityReadinessExtensionPoint>({
    id: 'reliability.readiness',
  });
