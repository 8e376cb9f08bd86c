import {
  fromOverviewSearchParams,
  toOverviewSearchParams,
} from './overviewSearchParams';

describe('overview search params', () => {
  it('writes lists comma-joined in a fixed order and leaves defaults out', () => {
    expect(
      toOverviewSearchParams({
        gap: ['no-rotation', 'nobody-on-call'],
        tier: ['tier-0', 'tier-1'],
        owner: ['group:default/engineering'],
        includeChildGroups: true,
        sort: 'name',
        status: [],
        q: '  ',
      }),
    ).toBe(
      'owner=group%3Adefault%2Fengineering&tier=tier-0%2Ctier-1&gap=no-rotation%2Cnobody-on-call&includeChildGroups=true',
    );
    // Child groups mean nothing without an owner.
    expect(toOverviewSearchParams({ includeChildGroups: true })).toBe('');
    expect(toOverviewSearchParams({ sort: '-budget', limit: 50 })).toBe(
      'sort=-budget&limit=50',
    );
  });

  it('reads back what it wrote', () => {
    const query = {
      owner: ['group:default/payments'],
      includeChildGroups: true,
      tier: ['tier-0'],
      kind: ['component'],
      gap: ['no-owner' as const],
      status: ['exhausted' as const, 'none' as const],
      readiness: ['not-ready' as const],
      q: 'check out',
      sort: '-overdue' as const,
      cursor: 'abc',
    };
    expect(fromOverviewSearchParams(toOverviewSearchParams(query))).toEqual(
      query,
    );
  });

  it('drops what the API would refuse', () => {
    expect(
      fromOverviewSearchParams(
        '?sort=size&limit=-3&readiness=maybe,ready&includeChildGroups=yes&tier=,',
      ),
    ).toEqual({ readiness: ['ready'] });
  });
});
