import {
  openApiRequestConformance,
  openApiRequestMismatch,
  SentRequest,
} from './openApiRequests';
import { openApiMismatch } from './openApiResponses';

const action = {
  id: '7',
  title: 'Add a retry budget',
  entityRef: 'component:default/checkout',
  incidentId: null,
  owner: 'group:default/payments',
  priority: 'P1',
  dueDate: '2026-12-15',
  ticketUrl: null,
  status: 'open',
  version: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  closedAt: null,
  overdue: false,
  closedOnTime: null,
  ageDays: 0,
};

const page = (items: unknown[]) => ({
  method: 'get',
  url: '/api/reliability/v1/actions?owner=group:default/payments',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: { items, nextCursor: null },
});

describe('openApiMismatch', () => {
  it('accepts a response the spec documents', () => {
    expect(openApiMismatch(page([action]))).toBeUndefined();
  });

  it('names a field of the wrong type', () => {
    expect(openApiMismatch(page([{ ...action, version: '1' }]))).toBe(
      'GET /v1/actions 200: body does not match openapi.yaml: body/items/0/version must be integer',
    );
  });

  it('names a field the spec does not list', () => {
    expect(openApiMismatch(page([{ ...action, secret: 'x' }]))).toBe(
      "GET /v1/actions 200: body does not match openapi.yaml: body/items/0 must NOT have additional properties ('secret')",
    );
  });

  it('refuses a status the operation does not document', () => {
    expect(openApiMismatch({ ...page([]), status: 418 })).toBe(
      'GET /v1/actions: status 418 is not documented (documented: 200, 400, 401, 403, 404)',
    );
  });

  it('refuses an undocumented content type', () => {
    expect(openApiMismatch({ ...page([]), contentType: 'text/html' })).toBe(
      "GET /v1/actions 200: content type 'text/html' is not documented (documented: application/json)",
    );
  });

  it('refuses a path the spec does not have', () => {
    expect(
      openApiMismatch({ ...page([]), url: '/api/reliability/v1/nothing' }),
    ).toBe('GET /v1/nothing: no such path in openapi.yaml');
  });
});

describe('openApiRequestConformance', () => {
  const v1 = '/api/reliability/v1';
  const problemsOf = (request: SentRequest) =>
    openApiRequestConformance(request)?.problems;
  const json = { 'content-type': 'application/json' };
  const newAction = {
    title: 'Add a retry budget',
    entityRef: 'component:default/checkout',
    owner: 'group:default/payments',
    priority: 'P1',
    dueDate: '2026-12-15',
  };

  it('types query values as the spec declares them', () => {
    const get = (query: string) =>
      problemsOf({ method: 'get', url: `${v1}/actions?${query}` });
    expect(get('owner=group:default/payments&limit=20&overdue=true')).toEqual(
      [],
    );
    expect(get('owner=group:default/payments&limit=twenty')).toEqual([
      "query parameter 'limit' must be integer",
    ]);
    expect(get('owner=group:default/payments&limit=500')).toEqual([
      "query parameter 'limit' must be <= 100",
    ]);
    expect(get('owner=group:default/payments&overdue=yes')).toEqual([
      `query parameter 'overdue' must be equal to one of the allowed values ("true", "false")`,
    ]);
  });

  it('refuses undeclared, missing and repeated query parameters', () => {
    expect(
      problemsOf({ method: 'get', url: `${v1}/actions?color=red` }),
    ).toEqual([
      "query parameter 'color' is not in openapi.yaml",
      "query parameter 'owner' is required",
    ]);
    expect(
      problemsOf({
        method: 'get',
        url: `${v1}/actions?owner=group:default/a&owner=group:default/b`,
      }),
    ).toEqual(["query parameter 'owner' is given 2 times but is not an array"]);
  });

  it('splits comma-separated lists (style form, explode false)', () => {
    expect(
      problemsOf({ method: 'get', url: `${v1}/overview?gap=no-tier,no-owner` }),
    ).toEqual([]);
    expect(
      problemsOf({
        method: 'get',
        url: `${v1}/overview?gap=no-tier,no-coffee`,
      }),
    ).toEqual([
      expect.stringMatching(
        /^query parameter 'gap'\/1 must be equal to one of the allowed values/,
      ),
    ]);
  });

  it('checks path parameters and declared headers', () => {
    expect(problemsOf({ method: 'get', url: `${v1}/incidents/seven` })).toEqual(
      ['path parameter \'id\' must match pattern "^[0-9]{1,12}$"'],
    );
    expect(
      problemsOf({
        method: 'patch',
        url: `${v1}/actions/7`,
        headers: { ...json, 'if-match': 'latest' },
        body: JSON.stringify({ status: 'done' }),
      }),
    ).toEqual([
      `header parameter 'If-Match' must match pattern "^(W/)?"?[0-9]{1,9}"?$"`,
    ]);
  });

  it('checks the body: required, content type, JSON and schema', () => {
    const post = (body?: string, headers: Record<string, string> = json) =>
      problemsOf({ method: 'post', url: `${v1}/actions`, headers, body });
    expect(post(JSON.stringify(newAction))).toEqual([]);
    expect(post()).toEqual(['a request body is required']);
    expect(post('title=x', { 'content-type': 'text/plain' })).toEqual([
      "content type 'text/plain' is not documented (documented: application/json)",
    ]);
    expect(post('{"title": ')).toEqual(['the request body is not JSON']);
    expect(post(JSON.stringify({ ...newAction, priority: 'P9' }))).toEqual([
      'body/priority must be equal to one of the allowed values ("P0", "P1", "P2", "P3")',
    ]);
    expect(
      problemsOf({
        method: 'get',
        url: `${v1}/tiers`,
        headers: json,
        body: '{}',
      }),
    ).toEqual(['the operation takes no request body']);
  });

  it('refuses read-only properties in a request', () => {
    expect(
      problemsOf({
        method: 'post',
        url: `${v1}/rotations/payments-primary/overrides`,
        headers: json,
        body: JSON.stringify({
          id: '3',
          start: '2026-03-30T00:00:00Z',
          end: '2026-03-30T12:00:00Z',
          user: 'user:default/chen',
        }),
      }),
    ).toEqual(['body/id must not be sent (read-only)']);
  });

  it('has nothing to say outside the plugin or the spec', () => {
    expect(
      openApiRequestConformance({ method: 'get', url: '/api/catalog/x' }),
    ).toBeUndefined();
    expect(
      openApiRequestConformance({ method: 'get', url: `${v1}/nothing` }),
    ).toBeUndefined();
  });
});

describe('openApiRequestMismatch', () => {
  const refused = {
    method: 'get',
    url: '/api/reliability/v1/actions?owner=payments',
  };
  const conforming = {
    method: 'get',
    url: '/api/reliability/v1/actions?owner=group:default/payments&cursor=x',
  };

  it('fails a request the spec refuses that the server accepted', () => {
    expect(openApiRequestMismatch(refused, 200)).toEqual({
      mismatch: expect.stringContaining(
        "GET /v1/actions: the server answered 200 to a request openapi.yaml refuses (GET /api/reliability/v1/actions?owner=payments): query parameter 'owner' must match pattern",
      ),
    });
  });

  it('collects a conforming request the server refused with 400', () => {
    expect(
      openApiRequestMismatch(conforming, 400, {
        error: { message: "Invalid query parameter 'cursor'" },
      }),
    ).toEqual({
      codeOnly: {
        operation: 'GET /v1/actions',
        request: `GET ${conforming.url}`,
        message: "Invalid query parameter 'cursor'",
      },
    });
  });

  it('accepts refusals of what the spec refuses, and other errors', () => {
    expect(openApiRequestMismatch(refused, 400)).toBeUndefined();
    expect(openApiRequestMismatch(refused, 401)).toBeUndefined();
    expect(openApiRequestMismatch(conforming, 403)).toBeUndefined();
    expect(openApiRequestMismatch(conforming, 200)).toBeUndefined();
  });
});
