import { Entity } from '@backstage/catalog-model';

const component = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability/tier': 'tier-1' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: `group:default/${team}`,
  },
  // What the catalog's processing adds, and IS_ENTITY_OWNER reads.
  relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
});

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [team] },
});

/**
 * Two teams with a service each, the SRE group, and their people: Alice
 * (payments) owns checkout, Bob (search) owns search-api, Sam is an SRE.
 * Ana and Bruno are payments people too: the shared valid requests of
 * the write routes name them in rotations and actions.
 */
export const matrixEntities: Entity[] = [
  component('checkout', 'payments'),
  component('search-api', 'search'),
  group('payments'),
  group('search'),
  group('sre'),
  user('alice', 'payments'),
  user('ana', 'payments'),
  user('bruno', 'payments'),
  user('bob', 'search'),
  user('sam', 'sre'),
];
