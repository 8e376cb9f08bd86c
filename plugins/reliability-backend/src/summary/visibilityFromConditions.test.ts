import { visibilityFromConditions } from './visibilityFromConditions';

const condition = (
  rule: string,
  params: Record<string, string | string[]>,
) => ({
  rule,
  resourceType: 'catalog-entity',
  params,
});

describe('visibilityFromConditions', () => {
  it('translates kind and owner rules, nested', () => {
    expect(
      visibilityFromConditions({
        anyOf: [
          condition('IS_ENTITY_OWNER', { claims: ['group:default/payments'] }),
          {
            allOf: [
              condition('IS_ENTITY_KIND', { kinds: ['System'] }),
              { not: condition('IS_ENTITY_KIND', { kinds: ['API'] }) },
            ],
          },
        ],
      }),
    ).toEqual({
      anyOf: [
        { owners: ['group:default/payments'] },
        { allOf: [{ kinds: ['System'] }, { not: { kinds: ['API'] } }] },
      ],
    });
  });

  it('pushes not inwards: not(a or b) is (not a) and (not b)', () => {
    expect(
      visibilityFromConditions({
        not: {
          anyOf: [
            condition('IS_ENTITY_KIND', { kinds: ['API'] }),
            condition('IS_ENTITY_OWNER', { claims: ['group:default/x'] }),
          ],
        },
      }),
    ).toEqual({
      allOf: [
        { not: { kinds: ['API'] } },
        { not: { owners: ['group:default/x'] } },
      ],
    });
  });

  it('hides what depends on a rule it cannot translate, also under not', () => {
    const unsupported = new Set<string>();
    const annotation = condition('HAS_ANNOTATION', { annotation: 'x' });
    expect(visibilityFromConditions(annotation, unsupported)).toEqual({
      none: true,
    });
    expect(visibilityFromConditions({ not: annotation }, unsupported)).toEqual({
      none: true,
    });
    // Owners still see their rows whatever the unknown rule says.
    expect(
      visibilityFromConditions({
        anyOf: [
          annotation,
          condition('IS_ENTITY_OWNER', { claims: ['group:default/x'] }),
        ],
      }),
    ).toEqual({ anyOf: [{ none: true }, { owners: ['group:default/x'] }] });
    expect([...unsupported]).toEqual(['HAS_ANNOTATION']);
  });
});
