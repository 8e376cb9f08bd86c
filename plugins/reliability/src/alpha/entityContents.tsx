import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { groupEntityFilter, reliabilityEntityFilter } from './entityFilters';

/**
 * The Reliability tab of a service's page: tier, SLOs, on-call, postmortem
 * actions and readiness. Its path, title and filter are configurable.
 *
 * @alpha
 */
export const reliabilityEntityContent = EntityContentBlueprint.make({
  name: 'reliability',
  params: {
    path: '/reliability',
    title: 'Reliability',
    // A tab of its own, not an entry in the Operation menu: it is where
    // developers and SREs start, and the README and links call it a tab.
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityReliabilityContent').then(m => (
        <m.EntityReliabilityContent />
      )),
  },
});

/**
 * A service's incidents, filterable by severity and time range.
 *
 * @alpha
 */
export const incidentsEntityContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: '/incidents',
    title: 'Incidents',
    group: 'operation',
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

/**
 * A team's scorecard against the targets, with 90-day trends.
 *
 * @alpha
 */
export const teamScorecardEntityContent = EntityContentBlueprint.make({
  name: 'team-scorecard',
  params: {
    path: '/reliability',
    title: 'Reliability',
    // A tab of its own, not an entry in the Operation menu: it is where
    // developers and SREs start, and the README and links call it a tab.
    filter: groupEntityFilter,
    loader: () =>
      import('../components/TeamScorecardContent').then(m => (
        <m.TeamScorecardContent />
      )),
  },
});

/**
 * A team's rotations, timeline and overrides.
 *
 * @alpha
 */
export const groupOnCallEntityContent = EntityContentBlueprint.make({
  name: 'group-oncall',
  params: {
    path: '/oncall',
    title: 'On-call',
    group: 'operation',
    filter: groupEntityFilter,
    loader: () =>
      import('../components/GroupOnCallContent').then(m => (
        <m.GroupOnCallContent />
      )),
  },
});
