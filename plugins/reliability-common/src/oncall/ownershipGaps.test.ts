import { ownershipGaps } from './ownershipGaps';

const healthy = {
  owner: 'group:default/payments',
  ownerExists: true,
  ownerMemberCount: 2,
  rotation: { name: 'Payments primary', people: 3 },
  someoneOnCall: true,
};

describe('ownershipGaps', () => {
  it('finds none for a well-owned entity', () => {
    expect(ownershipGaps(healthy)).toEqual([]);
  });

  it.each([
    [{ owner: null, rotation: null }, ['no-owner', 'no-rotation']],
    [{ ownerExists: false }, ['owner-not-found']],
    [{ ownerMemberCount: 0 }, ['owner-group-empty']],
    [{ ownerMemberCount: null }, []], // a User owner has no members to count
    [{ someoneOnCall: false }, ['nobody-on-call']],
    [{ rotation: { name: 'Solo', people: 1 } }, ['single-person-rotation']],
    [
      { rotation: { name: 'Solo', people: 1 }, someoneOnCall: false },
      ['nobody-on-call', 'single-person-rotation'],
    ],
  ])('for %j finds %j', (change, codes) => {
    expect(ownershipGaps({ ...healthy, ...change }).map(g => g.code)).toEqual(
      codes,
    );
  });
});
