import request from 'supertest';
import { BadInputCase } from '../__testUtils__/badInput/badInputCase';
import {
  GITA,
  snapshotDatabase,
  startBadInputBackend,
} from '../__testUtils__/badInput/badInputBackend';
import { queryRouteCases } from '../__testUtils__/badInput/queryRouteCases';
import { writeRouteCases } from '../__testUtils__/badInput/writeRouteCases';

jest.setTimeout(120_000);

/**
 * Malformed requests through the real HTTP stack (the plugin's router,
 * Backstage's body parsers and error handler, an SQLite database), with
 * every permission allowed so that only the input can be at fault. Each
 * case must get its status, a message naming what is wrong, and leave
 * every row of every table as it was.
 */
describe('bad input', () => {
  let backend: Awaited<ReturnType<typeof startBadInputBackend>>;
  let before: string;
  const cases: BadInputCase[] = [];

  beforeAll(async () => {
    backend = await startBadInputBackend();
    cases.push(...writeRouteCases(backend.seeded), ...queryRouteCases());
    // Writes refresh summaries after they answer: wait until the database
    // holds still before taking the picture every case is compared with.
    let previous = '';
    before = await snapshotDatabase(backend.knex);
    while (before !== previous) {
      await new Promise(resolve => setTimeout(resolve, 300));
      previous = before;
      before = await snapshotDatabase(backend.knex);
    }
  });

  afterAll(async () => backend?.stop());

  const send = (c: BadInputCase) => {
    let req = request(backend.server)
      [c.method](c.path)
      .query(c.query ?? {})
      .set('authorization', GITA);
    for (const [name, value] of Object.entries(c.headers ?? {})) {
      req = req.set(name, value);
    }
    if (c.raw) return req.set('content-type', c.raw.type).send(c.raw.text);
    return c.body === undefined ? req : req.send(c.body as object);
  };

  it('answers every case with its status and a message naming the field, and writes nothing', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const res = await send(c);
      const message: string = res.body?.error?.message ?? res.text;
      if (res.status !== c.status || !message.includes(c.names)) {
        failures.push(
          `${c.name}: ${res.status} ${message.slice(0, 300)} (wanted ${
            c.status
          } naming ${c.names})`,
        );
      }
      if (
        res.status < 500 &&
        /select |insert |update |delete from/i.test(message)
      ) {
        failures.push(`${c.name}: SQL in the message: ${message}`);
      }
    }
    const after = await snapshotDatabase(backend.knex);
    expect(failures).toEqual([]);
    expect(after).toEqual(before);
    // The bar: at least 300 cases over every write route and every
    // query parameter.
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('accepts the valid request each case breaks, so that the case fails for its one change', async () => {
    // Each route's cases start with its valid request plus `?debug=true`.
    const valid = cases
      .filter(c => c.names === "'debug'")
      .map(({ query, ...c }) => {
        const { debug: _, ...rest } = query ?? {};
        return { ...c, query: rest };
      });
    expect(valid.length).toBeGreaterThanOrEqual(18);
    const refused: string[] = [];
    for (const c of valid) {
      const res = await send(c);
      // 404, 409 and 412 are about state (an earlier valid request deleted
      // or changed the resource), never about the input.
      if ([400, 413, 415].includes(res.status) || res.status >= 500) {
        refused.push(`${c.method} ${c.path}: ${res.status} ${res.text}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
