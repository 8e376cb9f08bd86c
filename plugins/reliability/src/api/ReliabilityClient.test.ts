import { ResponseError } from '@backstage/errors';
import { ReliabilityClient } from './ReliabilityClient';

const summary = {
  entityRef: 'component:default/checkout-api',
  tier: null,
  problems: [],
};

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Not Found',
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(responses: Array<() => Response>) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => {
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  });
  const client = new ReliabilityClient({
    discoveryApi: {
      getBaseUrl: async plugin => `http://backend/api/${plugin}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('ReliabilityClient', () => {
  it('fetches an entity summary at its lower-cased path', async () => {
    const { client, fetch } = setup([() => jsonResponse(200, summary)]);
    await expect(
      client.getEntitySummary({
        kind: 'Component',
        namespace: 'default',
        name: 'Checkout-API',
      }),
    ).resolves.toEqual(summary);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/entities/component/default/checkout-api/summary',
    );
  });

  it('shares one request between concurrent callers', async () => {
    const { client, fetch } = setup([() => jsonResponse(200, summary)]);
    const ref = {
      kind: 'component',
      namespace: 'default',
      name: 'checkout-api',
    };
    const [a, b] = await Promise.all([
      client.getEntitySummary(ref),
      client.getEntitySummary(ref),
    ]);
    expect(a).toEqual(summary);
    expect(b).toEqual(summary);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('throws a ResponseError with the backend message', async () => {
    const { client } = setup([
      () =>
        jsonResponse(404, {
          error: {
            name: 'NotFoundError',
            message: "No entity 'component:default/x'",
          },
          response: { statusCode: 404 },
        }),
    ]);
    const error = await client
      .getEntitySummary({ kind: 'component', namespace: 'default', name: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error).toEqual({
      name: 'NotFoundError',
      message: "No entity 'component:default/x'",
    });
  });

  it('asks for a series with its query parameters', async () => {
    const { client, fetch } = setup([() => jsonResponse(200, { points: [] })]);
    await client.getSloSeries(
      { kind: 'Component', namespace: 'default', name: 'ledger' },
      'ledger-availability',
      {
        from: new Date('2026-11-01T00:00:00Z'),
        to: new Date('2026-11-23T00:00:00Z'),
        step: '1d',
      },
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/entities/component/default/ledger/slos/ledger-availability/series?from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-23T00%3A00%3A00.000Z&step=1d',
    );
  });

  it('sends a rotation replace with If-Match and surfaces a 412', async () => {
    const { client, fetch } = setup([
      () =>
        jsonResponse(412, {
          error: {
            name: 'PreconditionFailedError',
            message: 'changed by someone else',
          },
          response: { statusCode: 412 },
        }),
    ]);
    const input = {
      name: 'SRE',
      team: 'group:default/sre',
      timeZone: 'UTC',
      handoffAnchor: '2026-11-02T09:00',
      shiftLength: 'P1W',
      levels: [{ users: ['user:default/gita'] }],
    };
    const error = await client.putRotation('sre', input, 3).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(412);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/rotations/sre',
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'If-Match': '"3"' },
        body: JSON.stringify(input),
      },
    );
  });

  it('caches the tier policy, but not a failure', async () => {
    const { client, fetch } = setup([
      () => jsonResponse(500, { error: { name: 'Error', message: 'boom' } }),
      () => jsonResponse(200, { items: [{ id: 'tier-0' }] }),
    ]);
    await expect(client.getTierPolicies()).rejects.toThrow();
    await expect(client.getTierPolicies()).resolves.toEqual([{ id: 'tier-0' }]);
    await expect(client.getTierPolicies()).resolves.toEqual([{ id: 'tier-0' }]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('posts a write as JSON without If-Match, and never shares it', async () => {
    const { client, fetch } = setup([
      () => new Response(null, { status: 204 }),
      () => new Response(null, { status: 204 }),
    ]);
    const ref = { kind: 'Component', namespace: 'default', name: 'ledger' };
    const body = { itemId: 'runbook', evidenceUrl: 'https://wiki/x' };
    await expect(
      Promise.all([client.attest(ref, body), client.attest(ref, body)]),
    ).resolves.toEqual([undefined, undefined]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backend/api/reliability/v1/entities/component/default/ledger/readiness/attestations',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
  });

  it('deletes without a body and resolves a 204 to undefined', async () => {
    const { client, fetch } = setup([
      () => new Response(null, { status: 204 }),
    ]);
    await expect(client.deleteOverride('sre', 'o 1')).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/rotations/sre/overrides/o%201',
      { method: 'DELETE', headers: {} },
    );
  });

  const checkout = {
    kind: 'Component',
    namespace: 'default',
    name: 'Checkout',
  };
  it.each([
    [
      'deleteRotation',
      (c: ReliabilityClient) => c.deleteRotation('sre', 2),
      '/v1/rotations/sre',
      { 'If-Match': '"2"' },
    ],
    [
      'deleteSlo',
      (c: ReliabilityClient) => c.deleteSlo(checkout, 'api availability', 3),
      '/v1/entities/component/default/checkout/slos/api%20availability',
      { 'If-Match': '"3"' },
    ],
    [
      'revokeBudgetException',
      (c: ReliabilityClient) => c.revokeBudgetException(checkout, '7'),
      '/v1/entities/component/default/checkout/budget-exceptions/7',
      {},
    ],
    [
      'deleteIncident',
      (c: ReliabilityClient) => c.deleteIncident('12', 1),
      '/v1/incidents/12',
      { 'If-Match': '"1"' },
    ],
    [
      'deleteAction',
      (c: ReliabilityClient) => c.deleteAction('5', 4),
      '/v1/actions/5',
      { 'If-Match': '"4"' },
    ],
    [
      'revokeWaiver',
      (c: ReliabilityClient) => c.revokeWaiver(checkout, '9'),
      '/v1/entities/component/default/checkout/readiness/waivers/9',
      {},
    ],
  ])(
    '%s sends a DELETE to its path, with If-Match where the route needs it',
    async (_name, call, path, headers) => {
      const { client, fetch } = setup([
        () => new Response(null, { status: 204 }),
      ]);
      await expect(call(client)).resolves.toBeUndefined();
      expect(fetch).toHaveBeenCalledWith(
        `http://backend/api/reliability${path}`,
        { method: 'DELETE', headers },
      );
    },
  );

  it('asks for a replay from an instant, or of the whole history', async () => {
    const pull = { provider: 'prometheus', replay: { from: 'x', progress: 0 } };
    const { client, fetch } = setup([
      () => jsonResponse(202, pull),
      () => jsonResponse(202, pull),
    ]);
    await expect(
      client.replaySlo(checkout, 'availability', '2026-11-20T00:00:00Z'),
    ).resolves.toEqual(pull);
    await client.replaySlo(checkout, 'availability');
    const url =
      'http://backend/api/reliability/v1/entities/component/default/checkout/slos/availability/replay';
    expect(fetch.mock.calls).toEqual([
      [
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"from":"2026-11-20T00:00:00Z"}',
        },
      ],
      [
        url,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        },
      ],
    ]);
  });

  it('surfaces a stale delete as a 412 ResponseError', async () => {
    const { client } = setup([
      () =>
        jsonResponse(412, {
          error: {
            name: 'PreconditionFailedError',
            message: 'at version 2, not 1',
          },
        }),
    ]);
    await expect(client.deleteIncident('12', 1)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 412,
    });
  });

  it('sends an action change with the version it was read at', async () => {
    const saved = { id: 'a1', version: 4 };
    const { client, fetch } = setup([() => jsonResponse(200, saved)]);
    await expect(
      client.updateAction('a1', { status: 'done' }, 3),
    ).resolves.toEqual(saved);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/actions/a1',
      {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '"3"' },
        body: JSON.stringify({ status: 'done' }),
      },
    );
  });

  it('downloads the overview CSV for the filters, without paging', async () => {
    const { client, fetch } = setup([
      () =>
        new Response('entityRef,title\r\ncomponent:default/a,A\r\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv' },
        }),
    ]);
    const blob = await client.exportOverviewCsv({
      tier: ['tier-0'],
      limit: 50,
      cursor: 'next-1',
    });
    expect(await blob.text()).toBe(
      'entityRef,title\r\ncomponent:default/a,A\r\n',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/overview.csv?tier=tier-0',
    );
  });

  it("downloads an SLO's OpenSLO file", async () => {
    const { client, fetch } = setup([
      () =>
        new Response('apiVersion: openslo/v1\nkind: SLO\n', {
          status: 200,
          headers: { 'Content-Type': 'application/yaml' },
        }),
    ]);
    const blob = await client.exportOpenSlo(checkout, 'availability');
    expect(await blob.text()).toBe('apiVersion: openslo/v1\nkind: SLO\n');
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/reliability/v1/entities/component/default/checkout/slos/availability/openslo',
    );
  });

  it('throws a ResponseError when the CSV export is refused', async () => {
    const { client } = setup([
      () =>
        jsonResponse(403, {
          error: { name: 'NotAllowedError', message: 'not allowed' },
        }),
    ]);
    const error = await client.exportOverviewCsv({}).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });
});
