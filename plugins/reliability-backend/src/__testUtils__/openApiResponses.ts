import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'fs';
import { parse } from 'yaml';

/** Where the plugin is mounted; paths in the spec are relative to it. */
const MOUNT = '/api/reliability';

type Json = any;

const spec: Json = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@reliability-suite/plugin-reliability-backend',
      'openapi.yaml',
    ),
    'utf8',
  ),
);

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a `null` type,
 * `$ref`s point into the spec's components, which are added as a whole.
 */
function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'xml') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'spec#/schemas/');
      continue;
    }
    out[key] = toJsonSchema(value);
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
    if (out.$ref || out.allOf || out.oneOf || out.anyOf) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

function resolve(node: Json): Json {
  let current = node;
  while (current?.$ref) {
    const path = String(current.$ref).replace(/^#\//, '').split('/');
    current = path.reduce((n: Json, key: string) => n?.[key], spec);
  }
  return current;
}

/**
 * `allOf` of object schemas merged into one object: the spec builds
 * resources as "the input's fields and these" (`allOf: [Input, {...}]`),
 * meaning one object with the union of the properties, closed when a part
 * is closed. JSON Schema would instead apply each part's
 * `additionalProperties: false` to the whole and refuse every resource.
 */
function mergeAllOf(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(mergeAllOf);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema))
    out[key] = mergeAllOf(value);
  if (!Array.isArray(out.allOf)) return out;
  const parts = out.allOf.map((part: Json) => mergeAllOf(resolve(part)));
  if (!parts.every((part: Json) => part.type === 'object' || part.properties)) {
    return out;
  }
  const { allOf: _allOf, ...rest } = out;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign(
      {},
      ...parts.map((part: Json) => part.properties ?? {}),
    ),
    required: [...new Set(parts.flatMap((part: Json) => part.required ?? []))],
    ...(parts.some((part: Json) => part.additionalProperties === false)
      ? { additionalProperties: false }
      : {}),
  };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(
  {
    $id: 'spec',
    schemas: toJsonSchema(mergeAllOf(spec.components?.schemas ?? {})),
  },
  'spec',
);

/** The spec's path template that `path` matches, e.g. `/v1/actions/{id}`. */
function templateOf(path: string): string | undefined {
  const templates = Object.keys(spec.paths);
  if (templates.includes(path)) return path;
  return templates.find(template =>
    new RegExp(
      `^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`,
    ).test(path),
  );
}

const validators = new Map<string, ValidateFunction>();

/**
 * Why a response does not conform to the spec, or undefined when it does:
 * the status must be documented for the operation, the content type must
 * be one the spec lists, and a JSON body must match its schema.
 */
export function openApiMismatch(response: {
  method: string;
  url: string;
  status: number;
  contentType?: string;
  body: unknown;
}): string | undefined {
  const pathname = new URL(response.url, 'http://localhost').pathname;
  if (!pathname.startsWith(MOUNT)) return undefined;
  const path = pathname.slice(MOUNT.length) || '/';
  const template = templateOf(path);
  const method = response.method.toLowerCase();
  const where = `${response.method.toUpperCase()} ${path}`;
  if (!template) {
    // Unknown paths are answered by the router's 404 without an operation.
    return response.status === 404
      ? undefined
      : `${where}: no such path in openapi.yaml`;
  }
  const operation = spec.paths[template][method];
  if (!operation) {
    return response.status === 404 || response.status === 405
      ? undefined
      : `${where}: no ${method} operation in openapi.yaml`;
  }
  const documented =
    operation.responses[String(response.status)] ?? operation.responses.default;
  if (!documented) {
    return `${where}: status ${
      response.status
    } is not documented (documented: ${Object.keys(operation.responses).join(
      ', ',
    )})`;
  }
  const content = resolve(documented).content as Json | undefined;
  if (!content) return undefined;
  const type = (response.contentType ?? '').split(';')[0].trim();
  const media = content[type];
  if (!media) {
    return `${where} ${
      response.status
    }: content type '${type}' is not documented (documented: ${Object.keys(
      content,
    ).join(', ')})`;
  }
  if (type !== 'application/json' || !media.schema) return undefined;
  const key = `${template} ${method} ${response.status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(mergeAllOf(media.schema)));
    validators.set(key, validate);
  }
  if (validate(response.body)) return undefined;
  const problems = (validate.errors ?? []).map(error => {
    const extra = (error.params as { additionalProperty?: string })
      .additionalProperty;
    return `body${error.instancePath} ${error.message}${
      extra ? ` ('${extra}')` : ''
    }`;
  });
  return `${where} ${response.status}: body does not match openapi.yaml: ${[
    ...new Set(problems),
  ].join('; ')}`;
}
