/** One malformed request and what the API must answer it with. */
export interface BadInputCase {
  /** `POST /v1/incidents startedAt: offset +99:00`. */
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  query?: Record<string, string>;
  /** A JSON body; `raw` instead sends text as it is. */
  body?: unknown;
  raw?: { type: string; text: string };
  headers?: Record<string, string>;
  /** The status: 400 unless the case says otherwise. */
  status: number;
  /** What the error message must name, e.g. `'startedAt'`. */
  names: string;
}

/** A request a route accepts, which the cases then break one part of. */
export interface RouteUnderTest {
  method: BadInputCase['method'];
  path: string;
  body?: Record<string, unknown> | unknown[];
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** A change to the valid body, and the field the message must name. */
export type Mutation = [
  label: string,
  change: (body: any) => unknown,
  names: string,
  status?: number,
];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * `body` with the value at `path` (`levels.0.users`) replaced; `undefined`
 * removes it.
 */
export function withField(body: unknown, path: string, value: unknown) {
  const copy = clone(body) as any;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key];
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** `[label, change, names]` for one field set to each bad value. */
export function fieldCases(
  path: string,
  values: Array<[label: string, value: unknown]>,
  names = `'${path}'`,
): Mutation[] {
  return values.map(([label, value]) => [
    `${path}: ${label}`,
    body => withField(body, path, value),
    names,
  ]);
}

/** Timestamps no field may take: each is a 400 naming the field. */
export const BAD_TIMESTAMPS: Array<[string, unknown]> = [
  ['offset +99:00', '2026-11-20T10:00:00+99:00'],
  ['offset +14:30', '2026-11-20T10:00:00+14:30'],
  ['30 February', '2026-02-30T10:00:00Z'],
  ['hour 24', '2026-11-20T24:00:00Z'],
  ['no seconds', '2026-11-20T10:00Z'],
  ['no offset', '2026-11-20T10:00:00'],
  ['year 9999', '9999-01-01T00:00:00Z'],
  ['year 0001', '0001-01-01T00:00:00Z'],
  ['before 2000', '1999-12-31T23:59:59Z'],
  ['a word', 'yesterday'],
  ['epoch seconds', 1_700_000_000],
];

/** Text fields people write: each of these is refused. */
export const BAD_TEXT: Array<[string, unknown]> = [
  ['only zero-width spaces', '\u200B'.repeat(12)],
  ['a control character', 'Checkout \u0007 is down again'],
  ['a bidirectional override', 'Checkout \u202E is down again'],
  ['a number', 42],
];

/**
 * What every route with a JSON body refuses the same way: another content
 * type, unknown and prototype keys, nesting thousands deep, a body that is
 * not an object, and query parameters it does not take.
 */
export function commonCases(route: RouteUnderTest): BadInputCase[] {
  const base = `${route.method.toUpperCase()} ${route.path}`;
  const json = JSON.stringify(route.body ?? {});
  const cases: BadInputCase[] = [
    {
      name: `${base}: an unknown query parameter`,
      ...route,
      query: { ...route.query, debug: 'true' },
      status: 400,
      names: "'debug'",
    },
  ];
  if (route.body === undefined) {
    return [
      ...cases,
      {
        name: `${base}: a text/plain body`,
        ...route,
        raw: { type: 'text/plain', text: 'delete it' },
        status: 415,
        names: 'application/json',
      },
    ];
  }
  let deep = '1';
  for (let i = 0; i < 6000; i++) deep = `{"a":${deep}}`;
  const object = !Array.isArray(route.body);
  return [
    ...cases,
    {
      name: `${base}: the body as text/plain`,
      ...route,
      body: undefined,
      raw: { type: 'text/plain', text: json },
      status: 415,
      names: 'application/json',
    },
    {
      name: `${base}: the body as form data`,
      ...route,
      body: undefined,
      raw: { type: 'application/x-www-form-urlencoded', text: 'title=x' },
      status: 415,
      names: 'application/json',
    },
    {
      name: `${base}: a __proto__ key`,
      ...route,
      body: undefined,
      raw: {
        type: 'application/json',
        text: object
          ? `{"__proto__":{"admin":true},${json.slice(1)}`
          : `[{"__proto__":{"admin":true}}]`,
      },
      status: 400,
      names: "'__proto__'",
    },
    {
      name: `${base}: nested 6,000 levels deep`,
      ...route,
      body: undefined,
      raw: {
        type: 'application/json',
        text: object ? `{"deep":${deep},${json.slice(1)}` : `[${deep}]`,
      },
      status: 400,
      names: 'nested deeper than 32 levels',
    },
    {
      name: `${base}: a string of 1.5 MB`,
      ...route,
      body: object
        ? { ...(route.body as object), padding: 'x'.repeat(1_500_000) }
        : ['x'.repeat(1_500_000)],
      status: 400,
      names: 'at most 20000 characters',
    },
    ...(object
      ? [
          {
            name: `${base}: an unknown field`,
            ...route,
            body: { ...(route.body as object), colour: 'red' },
            status: 400,
            names: "'colour'",
          },
        ]
      : []),
  ];
}

/** The cases of one route: the common ones and its own mutations. */
export function routeCases(
  route: RouteUnderTest,
  mutations: Mutation[],
): BadInputCase[] {
  const base = `${route.method.toUpperCase()} ${route.path}`;
  return [
    ...commonCases(route),
    ...mutations.map(([label, change, names, status]) => ({
      name: `${base} ${label}`,
      ...route,
      body: change(route.body),
      status: status ?? 400,
      names,
    })),
  ];
}

/** Cases for each bad value of one query parameter of a GET route. */
export function queryCases(
  path: string,
  parameter: string,
  values: Array<[label: string, value: string]>,
  valid: Record<string, string> = {},
): BadInputCase[] {
  return values.map(([label, value]) => ({
    name: `GET ${path}?${parameter}: ${label}`,
    method: 'get',
    path,
    query: { ...valid, [parameter]: value },
    status: 400,
    names: `'${parameter}'`,
  }));
}
