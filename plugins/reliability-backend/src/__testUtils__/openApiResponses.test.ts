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
