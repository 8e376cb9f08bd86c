/* A script creates a rotation and asks who is on call across the DST change. */
const { assert } = require('../lib/checks');
const { backendFetch, backendJson } = require('../lib/backend');

module.exports = {
  async run({ check }) {
    await check(
      'API: a script creates a rotation and reads who is on call across the March change',
      async () => {
        const rotation = '/api/reliability/v1/rotations/observability-e2e';
        const put = await backendFetch(rotation, {
          method: 'PUT',
          body: JSON.stringify({
            name: 'Observability (e2e)',
            team: 'group:default/observability',
            timeZone: 'Europe/Berlin',
            handoffAnchor: '2026-03-02T09:00',
            shiftLength: 'P1W',
            levels: [
              {
                users: [
                  'user:default/gita',
                  'user:default/hugo',
                  'user:default/lena',
                ],
              },
            ],
          }),
        });
        assert(
          put.status === 201,
          `PUT answered ${put.status}: ${await put.text()}`,
        );
        const oncallAt = at =>
          backendJson(
            `/api/reliability/v1/entities/component/default/alert-router/oncall?at=${at}`,
          );
        // Monday 30 March 2026, 09:30 CEST = 07:30 UTC: shift 4 (hugo) has
        // started at 07:00 UTC; a UTC-only schedule would still say gita.
        const after = await oncallAt('2026-03-30T07:30:00Z');
        assert(
          after.levels[0].user.ref === 'user:default/hugo',
          `at 07:30Z: ${after.levels[0].user.ref}`,
        );
        assert(
          after.levels[0].user.displayName === 'Hugo Hartmann',
          'display name from the catalog',
        );
        const before = await oncallAt('2026-03-30T06:59:00Z');
        assert(
          before.levels[0].user.ref === 'user:default/gita',
          `at 06:59Z: ${before.levels[0].user.ref}`,
        );
        const del = await backendFetch(rotation, { method: 'DELETE' });
        assert(del.status === 204, `DELETE answered ${del.status}`);
      },
    );
  },
};
