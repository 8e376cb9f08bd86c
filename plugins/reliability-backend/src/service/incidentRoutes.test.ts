import { mockCredentials } from '@backstage/backend-test-utils';
import {
  callers,
  fridayIncident,
  startIncidentTestBackend,
} from '../__testUtils__/incidentTestBackend';
import request from '../__testUtils__/specCheckedRequest';

describe('incident routes', () => {
  let server: Awaited<ReturnType<typeof startIncidentTestBackend>>;
  beforeAll(async () => {
    server = await startIncidentTestBackend();
  });

  let incidentId: string;

  it('records an incident resolved on a Friday with its postmortem due five business days later', async () => {
    const res = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', callers.owner)
      .send(fridayIncident);
    expect(res.status).toBe(201);
    incidentId = res.body.id;
    expect(res.body.durations).toEqual({
      timeToAcknowledgeMs: 2 * 60_000,
      timeToMitigateMs: 60 * 60_000,
      timeToResolveMs: 150 * 60_000,
    });
    // Tier-0 needs SEV1 postmortems in 5 business days. Mon 23, Tue 24,
    // Wed 25, (Thu 26 is a holiday), Fri 27, Mon 30: due end of Mon 30 in Berlin.
    expect(res.body.postmortem).toEqual({
      required: true,
      dueAt: '2026-11-30T22:59:59.999Z',
      status: null,
      documentUrl: null,
      summary: null,
      publishedAt: null,
      version: null,
      // Unpublished: late once the due date has passed, undecided before.
      onTime:
        Date.now() > Date.parse('2026-11-30T22:59:59.999Z') ? false : null,
    });
  });

  it('refuses bad incidents and writes nothing', async () => {
    for (const [body, message] of [
      [
        { ...fridayIncident, severity: 'SEV9' },
        "'severity': must be one of SEV0, SEV1, SEV2, SEV3",
      ],
      [
        { ...fridayIncident, resolvedAt: '2026-11-20T15:00:00Z' },
        "'resolvedAt': must not be before mitigatedAt",
      ],
      [{ ...fridayIncident, entityRefs: ['checkout-api'] }, "'entityRefs.0'"],
      [
        { ...fridayIncident, entityRefs: ['component:default/ghost'] },
        'component:default/ghost not in the catalog',
      ],
      [
        { ...fridayIncident, externalUrl: 'mailto:ops@acme.example' },
        "'externalUrl': must be an http(s) URL",
      ],
      [{ ...fridayIncident, id: '7' }, "Unknown request body 'id'"],
    ] as const) {
      const res = await request(server)
        .post('/api/reliability/v1/incidents')
        .set('Authorization', callers.owner)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const list = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/incidents?since=2026-01-01T00:00:00Z',
      )
      .set('Authorization', callers.owner);
    expect(list.body.items).toHaveLength(1);
  });

  it('changes an incident only with the current version: one of two concurrent edits wins', async () => {
    const noVersion = await request(server)
      .patch(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', callers.owner)
      .send({ title: 'x' });
    expect(noVersion.status).toBe(409);
    const results = await Promise.all(
      ['Checkout 5xx', 'Checkout errors'].map(title =>
        request(server)
          .patch(`/api/reliability/v1/incidents/${incidentId}`)
          .set('Authorization', callers.owner)
          .set('If-Match', '"1"')
          .send({ title }),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 412]);
    const outOfOrder = await request(server)
      .patch(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', callers.owner)
      .set('If-Match', '"2"')
      .send({ startedAt: '2026-11-21T00:00:00Z' });
    expect(outOfOrder.status).toBe(400);
  });

  it('refuses an impossible time instead of erasing the stored one', async () => {
    const before = await request(server)
      .get(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', callers.owner);
    expect(Date.parse(before.body.mitigatedAt)).toBe(
      Date.parse(fridayIncident.mitigatedAt),
    );
    for (const mitigatedAt of [
      '2026-11-20T13:00:00+99:00',
      '2026-11-20T13:00:00+14:30',
      '2026-02-30T13:00:00Z',
      '9999-11-20T13:00:00Z',
      '2026-11-20T13:00Z',
    ]) {
      const res = await request(server)
        .patch(`/api/reliability/v1/incidents/${incidentId}`)
        .set('Authorization', callers.owner)
        .set('If-Match', `"${before.body.version}"`)
        .send({ mitigatedAt });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        "Invalid request body 'mitigatedAt': must be an RFC 3339 timestamp",
      );
    }
    const after = await request(server)
      .get(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', callers.owner);
    expect(after.body).toMatchObject({
      mitigatedAt: before.body.mitigatedAt,
      version: before.body.version,
    });
    const list = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/incidents?since=2026-01-01T00:00:00%2B99:00',
      )
      .set('Authorization', callers.owner);
    expect(list.status).toBe(400);
    expect(list.body.error.message).toContain("'since'");
  });

  it('publishes the postmortem and says whether it was on time', async () => {
    const res = await request(server)
      .put(`/api/reliability/v1/incidents/${incidentId}/postmortem`)
      .set('Authorization', callers.owner)
      .send({
        status: 'published',
        documentUrl: 'https://docs.acme.example/pm/1',
        summary: 'Bad config',
      });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    expect(res.body.dueAt).toBe('2026-11-30T22:59:59.999Z');
    // Published now (the test's clock): on time exactly when now is before the due date.
    expect(res.body.onTime).toBe(
      Date.now() <= Date.parse('2026-11-30T22:59:59.999Z'),
    );
  });

  it('needs no postmortem for a tier whose policy asks none', async () => {
    const res = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', callers.owner)
      .send({ ...fridayIncident, entityRefs: ['component:default/reports'] });
    expect(res.body.postmortem).toMatchObject({
      required: false,
      dueAt: null,
      onTime: null,
    });
  });

  it('lets the API token record incidents', async () => {
    const byToken = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', mockCredentials.service.header())
      .send({ ...fridayIncident, title: 'Recorded by the incident tool' });
    expect(byToken.status).toBe(201);
    expect(byToken.body.postmortem.dueAt).toBe('2026-11-30T22:59:59.999Z');
  });

  it.each([
    ['post', '/api/reliability/v1/incidents'],
    ['get', '/api/reliability/v1/incidents/1'],
    ['patch', '/api/reliability/v1/incidents/1'],
    ['put', '/api/reliability/v1/incidents/1/postmortem'],
    [
      'get',
      '/api/reliability/v1/entities/component/default/checkout-api/incidents',
    ],
  ])('answers 401 to %s %s without credentials', async (method, url) => {
    expect((await (request(server) as any)[method](url)).status).toBe(401);
  });

  it('refuses the wrong user', async () => {
    expect(
      (
        await request(server)
          .post('/api/reliability/v1/incidents')
          .set('Authorization', callers.outsider)
          .send(fridayIncident)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .get(`/api/reliability/v1/incidents/${incidentId}`)
          .set('Authorization', callers.outsider)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .put(`/api/reliability/v1/incidents/${incidentId}/postmortem`)
          .set('Authorization', callers.outsider)
          .send({ status: 'draft' })
      ).status,
    ).toBe(403);
    // Refused before the checks against the stored incident: the outsider,
    // who may not read it, learns a 403, not its version (409/412).
    for (const ifMatch of [undefined, '"7"']) {
      const patch = request(server)
        .patch(`/api/reliability/v1/incidents/${incidentId}`)
        .set('Authorization', callers.outsider);
      const res = await (ifMatch ? patch.set('If-Match', ifMatch) : patch).send(
        { title: 'Renamed by an outsider' },
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).not.toMatch(/version/);
    }
  });
});
