import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { reliabilityEntityFilter } from './entityFilters';

/**
 * The entity's tier and what it requires, in the entity page's info area.
 *
 * @alpha
 */
export const tierEntityCard = EntityCardBlueprint.make({
  name: 'tier',
  params: {
    type: 'info',
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityTierCard').then(m => <m.EntityTierCard />),
  },
});

/**
 * The entity's SLOs: attainment, error budget, burn rates and deploy gate.
 *
 * @alpha
 */
export const slosEntityCard = EntityCardBlueprint.make({
  name: 'slos',
  // Off by default: the Reliability tab already shows it. An app turns it
  // on to put it on another tab, such as the Overview.
  disabled: true,
  params: {
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntitySloCard').then(m => <m.EntitySloCard />),
  },
});

/**
 * Who is on call for the entity now and next.
 *
 * @alpha
 */
export const onCallEntityCard = EntityCardBlueprint.make({
  name: 'oncall',
  // Off by default: the Reliability tab already shows it. An app turns it
  // on to put it on another tab, such as the Overview.
  disabled: true,
  params: {
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityOnCallCard').then(m => (
        <m.EntityOnCallCard />
      )),
  },
});

/**
 * Open postmortem actions and recent incidents.
 *
 * @alpha
 */
export const postmortemActionsEntityCard = EntityCardBlueprint.make({
  name: 'postmortem-actions',
  // Off by default: the Reliability tab already shows it. An app turns it
  // on to put it on another tab, such as the Overview.
  disabled: true,
  params: {
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityPostmortemActionsCard').then(m => (
        <m.EntityPostmortemActionsCard />
      )),
  },
});

/**
 * The production-readiness checklist with attestations, waivers and review.
 *
 * @alpha
 */
export const readinessEntityCard = EntityCardBlueprint.make({
  name: 'readiness',
  // Off by default: the Reliability tab already shows it. An app turns it
  // on to put it on another tab, such as the Overview.
  disabled: true,
  params: {
    filter: reliabilityEntityFilter,
    loader: () =>
      import('../components/EntityReadinessCard').then(m => (
        <m.EntityReadinessCard />
      )),
  },
});
