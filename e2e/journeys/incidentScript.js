/* A script records an incident; the postmortem is due in business days. */
const { assert } = require('../lib/checks');
const { backendFetch } = require('../lib/backend');

module.exports = {
  async run({ check }) {
    await check(
      'API: a script records an incident resolved on a Friday and reads the postmortem due date',
      async () => {
        const res = await backendFetch('/api/reliability/v1/incidents', {
          method: 'POST',
          body: JSON.stringify({
            title: 'e2e: checkout errors',
            severity: 'SEV1',
            entityRefs: ['component:default/checkout-api'],
            startedAt: '2026-11-20T15:00:00Z',
            resolvedAt: '2026-11-20T17:00:00Z', // Friday 18:00 in Berlin
          }),
        });
        assert(res.status === 201, `POST answered ${res.status}: (see body)`);
        const body = await res.json();
        // Tier 0: SEV1 postmortems within 5 business days (Europe/Berlin):
        // Mon 23 … Fri 27 November, due at the end of Friday.
        assert(
          body.postmortem.dueAt === '2026-11-27T22:59:59.999Z',
          `due ${body.postmortem.dueAt}`,
        );
        assert(body.durations.timeToResolveMs === 2 * 3_600_000, 'MTTR');
      },
    );
  },
};
