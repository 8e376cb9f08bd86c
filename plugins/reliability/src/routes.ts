import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the app mounts the readiness review queue. */
export const readinessReviewsRouteRef = createRouteRef({
  id: 'reliability:readiness-reviews',
});

/** Where the app mounts the catalog-wide overview (`/reliability`). */
export const overviewRouteRef = createRouteRef({
  id: 'reliability:overview',
});
