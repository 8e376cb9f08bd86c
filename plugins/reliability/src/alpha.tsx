/**
 * The Reliability Suite frontend plugin for Backstage's new frontend
 * system. The legacy plugin and its components stay in the main entry.
 *
 * @packageDocumentation
 */
import {
  OverridableFrontendPlugin,
  RouteRef,
} from '@backstage/frontend-plugin-api';
import { reliabilityPlugin } from './alpha/plugin';

/**
 * The Reliability Suite for the new frontend system. Its extensions, listed
 * in the README, are configured or disabled under `app.extensions`, or
 * replaced with `getExtension(id).override(...)`.
 *
 * Typed by the interface rather than inferred: the inferred type lists
 * every extension's full blueprint types, whose unions print in an order
 * that differs from one compilation to the next.
 *
 * @alpha
 */
const plugin: OverridableFrontendPlugin<{
  overview: RouteRef;
  readinessReviews: RouteRef;
}> = reliabilityPlugin;

export default plugin;
