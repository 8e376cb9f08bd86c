import { ValidateFunction } from 'ajv';
import {
  MOUNT,
  Json,
  spec,
  toJsonSchema,
  resolve,
  unlistedProperty,
  ajv,
  templateOf,
} from './openApiSpec';

/** A request as a route test sent it. */
export interface SentRequest {
  method: string;
  /** The path and query string as sent, e.g. `/api/reliability/v1/actions?owner=…`. */
  url: string;
  /** The request headers, names in lower case. */
  headers?: Record<string, string | undefined>;
  /** The body as sent on the wire; undefined or '' for none. */
  body?: string;
}

/** What the spec says of a request, when it is for a documented operation. */
export interface RequestConformance {
  /** `POST /v1/actions`: the operation, by method and path template. */
  operation: string;
  /** Why the request does not conform to the spec; empty when it does. */
  problems: string[];
}

const requestValidators = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = requestValidators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema, 'request'));
    requestValidators.set(key, validate);
  }
  return validate;
}

function describeErrors(where: string, validate: ValidateFunction): string[] {
  return [
    ...new Set(
      (validate.errors ?? []).map(error => {
        const { allowedValues } = error.params as {
          allowedValues?: unknown[];
        };
        const additionalProperty = unlistedProperty(error);
        const at = `${where}${error.instancePath}`;
        if (error.keyword === 'false schema') {
          return `${at} must not be sent (read-only)`;
        }
        if (additionalProperty) {
          return `${at} must NOT have additional properties ('${additionalProperty}')`;
        }
        if (allowedValues) {
          return `${at} ${error.message} (${allowedValues
            .map(v => JSON.stringify(v))
            .join(', ')})`;
        }
        return `${at} ${error.message}`;
      }),
    ),
  ];
}

/** The JSON Schema type a parameter's (or array item's) schema names. */
function typeOf(schema: Json): string | undefined {
  const resolved = resolve(schema);
  if (typeof resolved?.type === 'string') return resolved.type;
  const parts = resolved?.allOf ?? resolved?.oneOf ?? resolved?.anyOf;
  if (Array.isArray(parts)) {
    for (const part of parts) {
      const type = typeOf(part);
      if (type) return type;
    }
  }
  return undefined;
}

/**
 * A parameter's text as the value its schema types it: numbers and
 * booleans from their literals (anything else stays a string, for the
 * schema to refuse). Text that is not a literal of the type stays text.
 */
function coerceScalar(text: string, schema: Json): unknown {
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)
        ? Number(text)
        : text;
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      return text;
    default:
      return text;
  }
}

/**
 * The value of a parameter from the texts it arrived as, serialized as the
 * parameter's `style` and `explode` say: `form` (the query default) repeats
 * an exploded array (`?a=1&a=2`) or joins it with commas (`explode: false`);
 * `simple` (the path and header default) joins it with commas. A value
 * that is not an array but arrives more than once is refused.
 */
function parameterValue(
  parameter: Json,
  texts: string[],
): { value: unknown } | { problem: string } {
  const where = `${parameter.in} parameter '${parameter.name}'`;
  const media = parameter.content
    ? (Object.values(parameter.content)[0] as Json)
    : undefined;
  if (media) {
    if (texts.length > 1)
      return { problem: `${where} is given more than once` };
    try {
      return { value: JSON.parse(texts[0]) };
    } catch {
      return { problem: `${where} is not JSON` };
    }
  }
  const schema = resolve(parameter.schema) ?? {};
  if (typeOf(schema) === 'array') {
    const style =
      parameter.style ?? (parameter.in === 'query' ? 'form' : 'simple');
    const explode = parameter.explode ?? style === 'form';
    const separator =
      { spaceDelimited: ' ', pipeDelimited: '|' }[style as string] ?? ',';
    if (!explode && texts.length > 1) {
      return { problem: `${where} is given more than once` };
    }
    const items =
      explode && style === 'form' ? texts : texts[0].split(separator);
    return {
      value: items.map(item => coerceScalar(item, schema.items ?? {})),
    };
  }
  if (texts.length > 1) {
    return {
      problem: `${where} is given ${texts.length} times but is not an array`,
    };
  }
  return { value: coerceScalar(texts[0], schema) };
}

/** The operation's parameters: the path's, overridden by the operation's. */
function parametersOf(template: string, method: string): Json[] {
  const byKey = new Map<string, Json>();
  for (const list of [
    spec.paths[template].parameters ?? [],
    spec.paths[template][method].parameters ?? [],
  ]) {
    for (const entry of list) {
      const parameter = resolve(entry);
      byKey.set(`${parameter.in} ${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** Headers OpenAPI says parameters must not describe. */
const IGNORED_HEADERS = ['accept', 'content-type', 'authorization'];

/** Whether `type` (no parameters) is one of the media ranges in `content`. */
function mediaOf(content: Json, type: string): Json | undefined {
  if (content[type]) return content[type];
  const [major] = type.split('/');
  return content[`${major}/*`] ?? content['*/*'];
}

const isJsonMedia = (type: string) =>
  type === 'application/json' || /^application\/[^;]+\+json$/.test(type);

/**
 * What `openapi.yaml` says of a request a route test sent: its path and
 * query parameters (query values typed as `style: form` serializes them;
 * parameters the spec does not list are refused, as the routes refuse
 * them), the declared header parameters, and the body (whether one is
 * required, its content type, and a JSON body against the operation's
 * `requestBody` schema). Undefined for requests outside the plugin or to
 * paths and methods the spec does not have, which the response check
 * reports.
 */
export function openApiRequestConformance(
  request: SentRequest,
): RequestConformance | undefined {
  const parsed = new URL(request.url, 'http://localhost');
  if (!parsed.pathname.startsWith(MOUNT)) return undefined;
  const path = parsed.pathname.slice(MOUNT.length) || '/';
  const template = templateOf(path);
  const method = request.method.toLowerCase();
  if (!template || !spec.paths[template][method]) return undefined;
  const operation = spec.paths[template][method];
  const name = `${method.toUpperCase()} ${template}`;
  const problems: string[] = [];
  const parameters = parametersOf(template, method);

  const check = (parameter: Json, texts: string[] | undefined) => {
    const where = `${parameter.in} parameter '${parameter.name}'`;
    if (texts === undefined) {
      if (parameter.required) problems.push(`${where} is required`);
      return;
    }
    const result = parameterValue(parameter, texts);
    if ('problem' in result) {
      problems.push(result.problem);
      return;
    }
    const schema = parameter.content
      ? (Object.values(parameter.content)[0] as Json).schema
      : parameter.schema;
    if (!schema) return;
    const validate = validatorFor(
      `${name} ${parameter.in} ${parameter.name}`,
      schema,
    );
    if (!validate(result.value))
      problems.push(...describeErrors(where, validate));
  };

  // Path parameters, from the template's segments.
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template
      .replace(/[.]/g, '\\.')
      .replace(/\{([^}]+)\}/g, (_match, param: string) => {
        names.push(param);
        return '([^/]+)';
      })}$`,
  );
  const segments = pattern.exec(path)?.slice(1) ?? [];
  const pathValues = new Map<string, string>();
  names.forEach((param, i) => {
    try {
      pathValues.set(param, decodeURIComponent(segments[i]));
    } catch {
      problems.push(`path parameter '${param}' is not URI-encoded`);
    }
  });
  for (const param of names) {
    if (!parameters.some(p => p.in === 'path' && p.name === param)) {
      problems.push(`path parameter '${param}' is not declared`);
    }
  }

  // Query parameters, each with every value it arrived with.
  const query = new Map<string, string[]>();
  for (const [key, value] of parsed.searchParams) {
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  for (const key of query.keys()) {
    if (!parameters.some(p => p.in === 'query' && p.name === key)) {
      problems.push(`query parameter '${key}' is not in openapi.yaml`);
    }
  }

  for (const parameter of parameters) {
    if (parameter.in === 'path') {
      const text = pathValues.get(parameter.name);
      check(parameter, text === undefined ? undefined : [text]);
    } else if (parameter.in === 'query') {
      check(parameter, query.get(parameter.name));
    } else if (
      parameter.in === 'header' &&
      !IGNORED_HEADERS.includes(String(parameter.name).toLowerCase())
    ) {
      const text = request.headers?.[String(parameter.name).toLowerCase()];
      check(parameter, text === undefined ? undefined : [text]);
    }
  }

  // The body.
  const body = request.body ?? '';
  const requestBody = operation.requestBody
    ? resolve(operation.requestBody)
    : undefined;
  const type = (request.headers?.['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (!requestBody) {
    if (body !== '') problems.push('the operation takes no request body');
  } else if (body === '') {
    if (requestBody.required) problems.push('a request body is required');
  } else {
    const content = requestBody.content ?? {};
    const media = type ? mediaOf(content, type) : undefined;
    if (!media) {
      problems.push(
        `content type '${type}' is not documented (documented: ${Object.keys(
          content,
        ).join(', ')})`,
      );
    } else if (media.schema) {
      let value: unknown = body;
      let readable = true;
      if (isJsonMedia(type)) {
        try {
          value = JSON.parse(body);
        } catch {
          readable = false;
          problems.push('the request body is not JSON');
        }
      }
      const validate = validatorFor(`${name} body ${type}`, media.schema);
      if (readable && !validate(value)) {
        problems.push(...describeErrors('body', validate));
      }
    }
  }
  return { operation: name, problems };
}

/** A spec-valid request the server refused with 400: a rule only the code has. */
export interface CodeOnlyRule {
  operation: string;
  request: string;
  message: string;
}

/**
 * Why a request and its status disagree with the spec, or undefined when
 * they agree: a request answered 2xx must conform to `openapi.yaml` (else
 * the server accepted what the spec refuses, or the spec is too strict).
 * A conforming request answered 400 is returned as a {@link CodeOnlyRule}
 * to collect, not to fail on: some rules (times in order, configured
 * values) cannot be written as a schema.
 */
export function openApiRequestMismatch(
  request: SentRequest,
  status: number,
  responseBody?: unknown,
): { mismatch: string } | { codeOnly: CodeOnlyRule } | undefined {
  const conformance = openApiRequestConformance(request);
  if (!conformance) return undefined;
  const { operation, problems } = conformance;
  if (status >= 200 && status < 300 && problems.length > 0) {
    return {
      mismatch: `${operation}: the server answered ${status} to a request openapi.yaml refuses (${request.method.toUpperCase()} ${
        request.url
      }): ${problems.join('; ')}`,
    };
  }
  if (status === 400 && problems.length === 0) {
    const message = (responseBody as { error?: { message?: unknown } })?.error
      ?.message;
    return {
      codeOnly: {
        operation,
        request: `${request.method.toUpperCase()} ${request.url}${
          request.body ? ` ${request.body.slice(0, 300)}` : ''
        }`,
        message: typeof message === 'string' ? message : '(no message)',
      },
    };
  }
  return undefined;
}
