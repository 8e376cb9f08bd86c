import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { reliabilityApiRef } from './api/ReliabilityApi';
import { ReliabilityClient } from './api/ReliabilityClient';
import { overviewRouteRef, readinessReviewsRouteRef } from './routes';

/**
 * The Reliability Suite frontend plugin.
 *
 * @public
 */
export const reliabilityPlugin = createPlugin({
  id: 'reliability',
  apis: [
    createApiFactory({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    overview: overviewRouteRef,
    readinessReviews: readinessReviewsRouteRef,
  },
});

/**
 * The Reliability tab's content, for an entity page.
 *
 * @public
 */
export const EntityReliabilityContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityReliabilityContent',
      component: {
        lazy: () =>
          import('./components/EntityReliabilityContent').then(
            m => m.EntityReliabilityContent,
          ),
      },
    }),
  );

/**
 * The tier card of the Reliability tab, for use on its own.
 *
 * @public
 */
export const EntityTierCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityTierCard',
    component: {
      lazy: () =>
        import('./components/EntityTierCard').then(m => m.EntityTierCard),
    },
  }),
);

/**
 * The entity's tier as a chip, for the entity page.
 *
 * @public
 */
export const EntityTierBadge: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityTierBadge',
    component: {
      lazy: () =>
        import('./components/EntityTierBadge').then(m => m.EntityTierBadge),
    },
  }),
);

/**
 * The SLO card of the Reliability tab, for use on its own.
 *
 * @public
 */
export const EntitySloCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/**
 * Who is on call for the entity now, for the Reliability tab or an overview.
 *
 * @public
 */
export const EntityOnCallCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/**
 * The On-call tab of a Group page: the team's rotations, timeline and forms.
 *
 * @public
 */
export const GroupOnCallContent: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'GroupOnCallContent',
    component: {
      lazy: () =>
        import('./components/GroupOnCallContent').then(
          m => m.GroupOnCallContent,
        ),
    },
  }),
);

/**
 * Open corrective actions and recent incidents, for the Reliability tab.
 *
 * @public
 */
export const EntityPostmortemActionsCard: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityPostmortemActionsCard',
      component: {
        lazy: () =>
          import('./components/EntityPostmortemActionsCard').then(
            m => m.EntityPostmortemActionsCard,
          ),
      },
    }),
  );

/**
 * An entity's incidents page, filterable by severity and time range.
 *
 * @public
 */
export const EntityIncidentsContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityIncidentsContent',
      component: {
        lazy: () =>
          import('./components/EntityIncidentsContent').then(
            m => m.EntityIncidentsContent,
          ),
      },
    }),
  );

/**
 * The production-readiness checklist with attestation, waivers and the
 * review request, for the Reliability tab.
 *
 * @public
 */
export const EntityReadinessCard: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityReadinessCard',
    component: {
      lazy: () =>
        import('./components/EntityReadinessCard').then(
          m => m.EntityReadinessCard,
        ),
    },
  }),
);

/**
 * The SRE's queue of pending readiness reviews, as a page of the app.
 *
 * @public
 */
export const ReadinessQueuePage: () => JSX.Element = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ReadinessQueuePage',
    component: () =>
      import('./components/ReadinessQueuePage').then(m => m.ReadinessQueuePage),
    mountPoint: readinessReviewsRouteRef,
  }),
);

/**
 * The catalog-wide overview for managers and SREs: filters, facet counts,
 * a server-paged table and CSV export, as a page of the app.
 *
 * @public
 */
export const ReliabilityOverviewPage: () => JSX.Element =
  reliabilityPlugin.provide(
    createRoutableExtension({
      name: 'ReliabilityOverviewPage',
      component: () =>
        import('./components/ReliabilityOverviewPage').then(
          m => m.ReliabilityOverviewPage,
        ),
      mountPoint: overviewRouteRef,
    }),
  );

/**
 * The Reliability tab of a Group page: the team's scorecard against the
 * targets with 90-day trends.
 *
 * @public
 */
export const TeamScorecardContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'TeamScorecardContent',
      component: {
        lazy: () =>
          import('./components/TeamScorecardContent').then(
            m => m.TeamScorecardContent,
          ),
      },
    }),
  );
