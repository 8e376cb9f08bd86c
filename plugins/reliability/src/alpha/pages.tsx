import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { overviewRouteRef, readinessReviewsRouteRef } from '../routes';
import ReliabilityIcon from '@material-ui/icons/Assessment';
import ReviewsIcon from '@material-ui/icons/AssignmentTurnedIn';

/**
 * The catalog-wide overview at `/reliability`, with its nav item.
 *
 * @alpha
 */
export const overviewPage = PageBlueprint.make({
  name: 'overview',
  params: {
    path: '/reliability',
    title: 'Reliability',
    icon: <ReliabilityIcon fontSize="inherit" />,
    routeRef: overviewRouteRef,
    loader: () =>
      import('../components/ReliabilityOverviewPage').then(m => (
        <m.ReliabilityOverviewPage />
      )),
  },
});

/**
 * The SRE's queue of pending readiness reviews at `/reliability/reviews`.
 *
 * @alpha
 */
export const readinessReviewsPage = PageBlueprint.make({
  name: 'readiness-reviews',
  params: {
    path: '/reliability/reviews',
    // The sidebar's label: the longer page heading does not fit there.
    title: 'Reviews',
    icon: <ReviewsIcon fontSize="inherit" />,
    routeRef: readinessReviewsRouteRef,
    loader: () =>
      import('../components/ReadinessQueuePage').then(m => (
        <m.ReadinessQueuePage />
      )),
  },
});
