import { createRouteRef } from '@backstage/core-plugin-api';

/** Where the app mounts the readiness review queue. */
export const readinessReviewsRouteRef = createRouteRef({
  id: 'reliability:readiness-reviews',
});
