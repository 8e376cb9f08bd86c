import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import {
  DefaultEntityFilters,
  EntityAutocompletePicker,
} from '@backstage/plugin-catalog-react';
import {
  RELIABILITY_TIER_ANNOTATION,
  resolveEntityTier,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';
import { useReliabilityQuery } from '../../hooks/useReliabilityQuery';
import { EntityTierFilter } from './EntityTierFilter';

/** The catalog's filters with the tier among them. */
type TierFilters = DefaultEntityFilters & { tier?: EntityTierFilter };

/**
 * An option's label: the tier the value resolves to, with the value as
 * written when it is spelt differently (`Tier-1` beside `tier-1`), or the
 * value itself when it names no tier of the policy.
 */
export function tierOptionLabel(
  value: string,
  policies: readonly TierPolicy[] | undefined,
): string {
  if (!policies) return value;
  const resolution = resolveEntityTier(
    { metadata: { annotations: { [RELIABILITY_TIER_ANNOTATION]: value } } },
    policies,
  );
  if (resolution.state !== 'tiered') return `${value} (not a tier)`;
  return resolution.policy.id === value
    ? resolution.policy.title
    : `${resolution.policy.title} (as '${value}')`;
}

/**
 * A Tier filter for the catalog's entity list: the tier values the
 * catalog's entities of the chosen kind carry, labelled by the tier policy. For the new
 * frontend system it is the `catalog-filter:reliability/tier` extension;
 * in a legacy app, put it among `CatalogIndexPage`'s filters.
 *
 * @public
 */
export function TierPicker() {
  // Without the policy (loading, or the backend unreachable) the options
  // still work: they are labelled with the annotation values.
  const { value: policies } = useReliabilityQuery(
    api => api.getTierPolicies(),
    [],
  );
  return (
    <EntityAutocompletePicker<TierFilters, 'tier'>
      label="Tier"
      name="tier"
      path={`metadata.annotations.${RELIABILITY_TIER_ANNOTATION}`}
      Filter={EntityTierFilter}
      // The chips keep the values as written (short, and told apart); the
      // options say which tier each one is.
      renderOption={(value, { selected }) => (
        <FormControlLabel
          control={<Checkbox checked={selected} size="small" />}
          label={tierOptionLabel(value, policies)}
          onClick={event => event.preventDefault()}
        />
      )}
    />
  );
}
