import { toCanonicalEntityRef } from './toCanonicalEntityRef';

describe('toCanonicalEntityRef', () => {
  it.each([
    ['Component:default/Checkout', 'component:default/checkout'],
    ['component:Payments/API-Gateway', 'component:payments/api-gateway'],
    ['group:default/sre', 'group:default/sre'],
    // Not a valid catalog name, but lower-cased all the same.
    ['User:default/ÄRGER', 'user:default/ärger'],
  ])('lower-cases %s', (ref, expected) => {
    expect(toCanonicalEntityRef(ref)).toBe(expected);
  });

  it('accepts entities and compound refs', () => {
    expect(
      toCanonicalEntityRef({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Checkout', namespace: 'Shop' },
      }),
    ).toBe('component:shop/checkout');
    expect(
      toCanonicalEntityRef({ kind: 'User', namespace: 'default', name: 'Ana' }),
    ).toBe('user:default/ana');
  });

  it('rejects refs without a kind', () => {
    expect(() => toCanonicalEntityRef('checkout')).toThrow();
  });
});
