import request from 'supertest';
import {
  GITA,
  startBadInputBackend,
} from '../__testUtils__/badInput/badInputBackend';

jest.setTimeout(60_000);

/**
 * What an error body shows when the backend runs as the README's
 * production command runs it (`NODE_ENV=production`): Backstage's error
 * handler decides about stacks when the backend starts, so the variable
 * is set before it does.
 */
describe('error bodies in production', () => {
  const nodeEnv = process.env.NODE_ENV;
  let backend: Awaited<ReturnType<typeof startBadInputBackend>>;

  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    backend = await startBadInputBackend();
  });

  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await backend?.stop();
  });

  /** Anything that points into the server: stacks, files, SQL. */
  const leaks = (text: string) =>
    [
      /\bat \S+ \(/,
      /\/work\/|node_modules|\.ts:\d+/,
      /\b(select|insert into|from `?incidents)\b/i,
    ]
      .filter(pattern => pattern.test(text))
      .map(String);

  it('answers a 400 with its message and nothing of the server', async () => {
    const res = await request(backend.server)
      .post('/api/reliability/v1/incidents')
      .set('authorization', GITA)
      .send({
        title: 'Checkout slow',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        startedAt: '2026-11-20T10:00:00+99:00',
      });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message:
        "Invalid request body 'startedAt': must be an RFC 3339 timestamp such as 2026-11-23T12:00:00Z (offset within ±14:00, years 2000–2099)",
    });
    expect(leaks(res.text)).toEqual([]);
  });

  it('answers a failed query with a log id, not its SQL or a stack', async () => {
    const { incidentId } = backend.seeded;
    // The database loses a table under the running backend.
    await backend.knex.schema.dropTable('incident_entities');
    const res = await request(backend.server)
      .get(`/api/reliability/v1/incidents/${incidentId}`)
      .set('authorization', GITA);
    expect(res.status).toBe(500);
    expect(res.body.error.name).toBe('Error');
    expect(res.body.error.message).toMatch(
      /^An internal error occurred logId=[0-9a-f]{20}$/,
    );
    expect(res.body.error.stack).toBeUndefined();
    expect(leaks(res.text)).toEqual([]);
  });
});
