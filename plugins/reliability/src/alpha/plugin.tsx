import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import ReliabilityIcon from '@material-ui/icons/Assessment';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import { ReliabilityClient } from '../api/ReliabilityClient';
import { overviewRouteRef, readinessReviewsRouteRef } from '../routes';
import {
  onCallEntityCard,
  postmortemActionsEntityCard,
  readinessEntityCard,
  slosEntityCard,
  tierEntityCard,
} from './entityCards';
import {
  groupOnCallEntityContent,
  incidentsEntityContent,
  reliabilityEntityContent,
  teamScorecardEntityContent,
} from './entityContents';
import { overviewPage, readinessReviewsPage } from './pages';
import { tierCatalogFilter } from './tierCatalogFilter';
import { tierEntityIconLink } from './tierIconLink';

/**
 * The reliability backend's client, for every extension of the plugin.
 *
 * @alpha
 */
export const reliabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Reliability Suite for Backstage's new frontend system: the client,
 * the Reliability tab and its cards on services, the tier among the About
 * card's links, a Tier filter on the catalog page, the on-call and
 * scorecard tabs on teams, and the overview and review queue pages. Every extension can be configured or disabled
 * under `app.extensions` in `app-config.yaml`.
 *
 * @alpha
 */
export const reliabilityPlugin = createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <ReliabilityIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: {
    overview: overviewRouteRef,
    readinessReviews: readinessReviewsRouteRef,
  },
  extensions: [
    reliabilityApi,
    reliabilityEntityContent,
    incidentsEntityContent,
    teamScorecardEntityContent,
    groupOnCallEntityContent,
    tierEntityCard,
    slosEntityCard,
    onCallEntityCard,
    postmortemActionsEntityCard,
    readinessEntityCard,
    tierEntityIconLink,
    tierCatalogFilter,
    overviewPage,
    readinessReviewsPage,
  ],
});
