import { InputError } from '@backstage/errors';
import { ErrorObject, ValidateFunction } from 'ajv';
import { NextFunction, Request, Response } from 'express';
import { TIMESTAMP_MESSAGE } from '@reliability-suite/plugin-reliability-common';
import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import {
  Json,
  resolveRef,
  specAjv,
  toJsonSchema,
  unlistedProperty,
} from './specSchemas';

type Where = 'path parameter' | 'query parameter' | 'request body';

interface Operation {
  parameters: Json[];
  /** The JSON body's validator, when the operation takes one. */
  body?: ValidateFunction;
}

interface PathEntry {
  template: string;
  pattern: RegExp;
  names: string[];
  operations: Map<string, Operation>;
}

const SET_ID = 'reliabilityRequest';

/**
 * Validates each request against the operation the spec documents for it,
 * before any route runs: path and query parameters (typed as `style: form`
 * serializes them; parameters the spec does not list are refused) and a
 * JSON body against the operation's `requestBody` schema. A failure is an
 * `InputError` (400) in the words `parseInput` uses, naming the field:
 * `Invalid request body 'measurements.0.good': must be at least 0`,
 * `Unknown query parameter 'debug'`.
 *
 * Why not express-openapi-validator's request validation, which Backstage's
 * `createValidatedOpenApiRouter` runs: its errors reach the route's error
 * handler as `new InputError(error.message)`, ajv's summary, which says
 * "must NOT have additional properties" without naming the property, and
 * it rewrites `req.query` in place (numbers, split lists) under the routes.
 * This reads the raw query string and leaves the request as it came.
 *
 * Headers are not checked here: `If-Match` has its own statuses (400 when
 * malformed, 409 when a change needs it) in `parseIfMatch`.
 *
 * Mount after the body parsers and `guardRequestBody`, which answer the
 * content type, size and nesting first.
 */
export function validateRequestsAgainstSpec(spec: Json) {
  const ajv = specAjv(spec, [{ setId: SET_ID, direction: 'request' }]);
  const compile = (schema: Json) =>
    ajv.compile(toJsonSchema(schema, 'request', SET_ID));
  const paths: PathEntry[] = Object.entries(spec.paths as Json).map(
    ([template, item]: [string, Json]) => {
      const names: string[] = [];
      const pattern = new RegExp(
        `^${template
          .replace(/[.]/g, '\\.')
          .replace(/\{([^}]+)\}/g, (_m, name: string) => {
            names.push(name);
            return '([^/]+)';
          })}$`,
      );
      const operations = new Map<string, Operation>();
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const operation = item[method];
        if (!operation) continue;
        const byKey = new Map<string, Json>();
        for (const entry of [
          ...(item.parameters ?? []),
          ...(operation.parameters ?? []),
        ]) {
          const parameter = resolveRef(spec, entry);
          byKey.set(`${parameter.in} ${parameter.name}`, {
            ...parameter,
            validate: parameter.schema ? compile(parameter.schema) : undefined,
            itemType: typeOf(spec, resolveRef(spec, parameter.schema)?.items),
            type: typeOf(spec, parameter.schema),
          });
        }
        // `x-body-parser`: the route's parser checks this body (see the spec).
        const requestBody = resolveRef(spec, operation.requestBody);
        const bodySchema = requestBody?.['x-body-parser']
          ? undefined
          : requestBody?.content?.['application/json']?.schema;
        operations.set(method, {
          parameters: [...byKey.values()],
          body: bodySchema ? compile(bodySchema) : undefined,
        });
      }
      return { template, pattern, names, operations };
    },
  );

  // Exact templates first, so `/v1/actions/import` is not read as `{id}`.
  paths.sort((a, b) => a.names.length - b.names.length);

  return (req: Request, _res: Response, next: NextFunction) => {
    const method = req.method.toLowerCase();
    let segments: string[] | undefined;
    const entry = paths.find(p => {
      if (!p.operations.has(method)) return false;
      segments = p.pattern.exec(req.path)?.slice(1);
      return segments !== undefined;
    });
    if (!entry || !segments) {
      next();
      return;
    }
    const operation = entry.operations.get(method)!;
    const problems: string[] = [];
    const check = (
      parameter: Json,
      where: Where,
      value: unknown,
      name: string,
    ) => {
      if (parameter.validate && !parameter.validate(value)) {
        problems.push(
          ...describeSpecErrors(where, parameter.validate.errors, name),
        );
      }
    };

    entry.names.forEach((name, i) => {
      const parameter = operation.parameters.find(
        p => p.in === 'path' && p.name === name,
      );
      let text = segments![i];
      try {
        text = decodeURIComponent(text);
      } catch {
        problems.push(`Invalid path parameter '${name}': not URI-encoded`);
        return;
      }
      if (parameter) check(parameter, 'path parameter', text, name);
    });

    const query = new Map<string, string[]>();
    for (const [key, value] of new URL(req.originalUrl, 'http://localhost')
      .searchParams) {
      query.set(key, [...(query.get(key) ?? []), value]);
    }
    for (const [key, texts] of query) {
      const parameter = operation.parameters.find(
        p => p.in === 'query' && p.name === key,
      );
      if (!parameter) {
        problems.push(`Unknown query parameter '${key}'`);
        continue;
      }
      if (parameter.type === 'array') {
        // style: form, explode: false, as the spec's lists are sent.
        if (texts.length > 1) {
          problems.push(
            `Invalid query parameter '${key}': give it once, comma-separated`,
          );
          continue;
        }
        const items = texts[0]
          .split(',')
          .map(item => coerce(item, parameter.itemType));
        check(parameter, 'query parameter', items, key);
      } else if (texts.length > 1) {
        problems.push(`Invalid query parameter '${key}': give it once`);
      } else {
        check(
          parameter,
          'query parameter',
          coerce(texts[0], parameter.type),
          key,
        );
      }
    }
    for (const parameter of operation.parameters) {
      if (
        parameter.in === 'query' &&
        parameter.required &&
        !query.has(parameter.name)
      ) {
        problems.push(`Invalid query parameter '${parameter.name}': Required`);
      }
    }

    if (operation.body && hasBody(req) && req.is('application/json')) {
      if (!operation.body(req.body)) {
        const errors = operation.body.errors ?? [];
        const overLimit = errors.find(
          e =>
            e.keyword === 'maxItems' &&
            (e.parentSchema as Json)?.['x-payload-limit'] === true,
        );
        if (overLimit) {
          const [field] = describeSpecErrors('request body', [overLimit]);
          throw new PayloadTooLargeError(
            `${field}; this one has ${(overLimit.data as unknown[]).length}`,
          );
        }
        problems.push(...describeSpecErrors('request body', errors));
      }
    }

    if (problems.length > 0) {
      throw new InputError([...new Set(problems)].join('; '));
    }
    next();
  };
}

/** The JSON Schema type a schema names, through `$ref`s and compositions. */
function typeOf(spec: Json, schema: Json): string | undefined {
  const resolved = resolveRef(spec, schema);
  if (typeof resolved?.type === 'string') return resolved.type;
  for (const part of resolved?.allOf ?? resolved?.anyOf ?? []) {
    const type = typeOf(spec, part);
    if (type) return type;
  }
  return undefined;
}

/**
 * A parameter's text as the value its schema types it: numbers and
 * booleans from their literals; anything else stays text, for the schema
 * to refuse.
 */
function coerce(text: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') {
    return /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)
      ? Number(text)
      : text;
  }
  if (type === 'boolean' && (text === 'true' || text === 'false')) {
    return text === 'true';
  }
  return text;
}

/** Whether a request carries a body, as `type-is` decides it. */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined &&
      req.headers['content-length'] !== '0')
  );
}

/**
 * ajv's errors in the words `parseInput` uses, one per field.
 *
 * Errors at or under a `oneOf` or `anyOf` that failed are left to the
 * route's own parser: ajv reports every branch's complaints (a count point
 * refused as a value point, a bad URL as "must be null"), and which branch
 * was meant is for the route to say: the SLO's metric decides whether a
 * measurement is a count or a value.
 */
export function describeSpecErrors(
  where: Where,
  errors: ErrorObject[] | null | undefined,
  parameter?: string,
): string[] {
  const all = errors ?? [];
  const branching = all
    .filter(e => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map(e => e.instancePath);
  return all
    .filter(
      error =>
        !branching.some(
          at =>
            error.instancePath === at ||
            error.instancePath.startsWith(`${at}/`),
        ),
    )
    .map(error => {
      const field = [...(parameter ? [parameter] : []), ...fieldOf(error)].join(
        '.',
      );
      const unlisted = unlistedProperty(error);
      if (unlisted !== undefined || error.keyword === 'false schema') {
        return `Unknown ${where} '${field}'`;
      }
      const message = messageOf(error);
      return field
        ? `Invalid ${where} '${field}': ${message}`
        : `Invalid ${where}: ${message}`;
    });
}

/** The field an error is about, as a path: `['measurements', '0', 'good']`. */
function fieldOf(error: ErrorObject): string[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string };
  const extra = unlistedProperty(error) ?? params.missingProperty;
  return extra === undefined ? path : [...path, extra];
}

/** The words of -common's and the request parsers' checks of each format. */
const FORMAT_MESSAGES: Record<string, string> = {
  'date-time': TIMESTAMP_MESSAGE,
  date: 'must be a date such as 2026-12-01',
};

/** Keywords a schema's `x-message` sentence (a string) stands for. */
const WORDED_KEYWORDS = ['pattern', 'format', 'enum'];

/**
 * What is wrong: the spec's `x-message` for the rule when it has one (a
 * sentence for the value's form, or one per keyword), else a sentence
 * per keyword in the words the zod schemas use.
 */
function messageOf(error: ErrorObject): string {
  const custom = (error.parentSchema as Json)?.['x-message'];
  if (typeof custom === 'string' && WORDED_KEYWORDS.includes(error.keyword)) {
    return custom;
  }
  if (typeof custom?.[error.keyword] === 'string') {
    return custom[error.keyword];
  }
  const params = error.params as Json;
  switch (error.keyword) {
    case 'required':
      return 'Required';
    case 'type':
      return `must be ${[params.type].flat().join(' or ')}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[])
        .map(v => (v === null ? 'null' : String(v)))
        .join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'minimum':
      return `must be at least ${params.limit}`;
    case 'maximum':
      return `must be at most ${params.limit}`;
    case 'exclusiveMinimum':
      return `must be greater than ${params.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${params.limit} characters`;
    case 'maxLength':
      return `must be at most ${params.limit} characters`;
    case 'minItems':
      return `must hold at least ${params.limit} item${
        params.limit === 1 ? '' : 's'
      }`;
    case 'maxItems':
      return `must hold at most ${params.limit} items`;
    case 'minProperties':
      return params.limit === 1
        ? 'must change at least one field'
        : `must have at least ${params.limit} fields`;
    case 'format':
      return FORMAT_MESSAGES[params.format] ?? `must be a ${params.format}`;
    default:
      return error.message ?? 'is not valid';
  }
}
