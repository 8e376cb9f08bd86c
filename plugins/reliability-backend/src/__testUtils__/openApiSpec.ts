import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ErrorObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fs from 'fs';
import { parse } from 'yaml';

/*
 * openapi.yaml as the route tests check against it: the spec, its
 * schemas as JSON Schema for ajv (one set per direction), path templates.
 */

/** Where the plugin is mounted; paths in the spec are relative to it. */
export const MOUNT = '/api/reliability';

export type Json = any;

export const spec: Json = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@reliability-suite/plugin-reliability-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

/**
 * Which side of the exchange a schema describes: OpenAPI's `readOnly`
 * properties are only in responses, `writeOnly` ones only in requests.
 */
export type Direction = 'response' | 'request';

/** The id of the components' schema set for each direction. */
const SCHEMA_SET: Record<Direction, string> = {
  response: 'spec',
  request: 'specRequest',
};

/**
 * A schema of the spec (OpenAPI 3.1, so JSON Schema 2020-12) as ajv
 * compiles it: `$ref`s point into the spec's components, which are added
 * as a whole. A property that is `readOnly` (in a request) or `writeOnly`
 * (in a response) must not be sent and is never required.
 */
export function toJsonSchema(
  schema: Json,
  direction: Direction = 'response',
): Json {
  if (Array.isArray(schema)) {
    return schema.map(part => toJsonSchema(part, direction));
  }
  if (!schema || typeof schema !== 'object') return schema;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'xml') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(
        '#/components/schemas/',
        `${SCHEMA_SET[direction]}#/schemas/`,
      );
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, property]) => [
          name,
          (property as Json)?.[hidden] === true
            ? false
            : toJsonSchema(property, direction),
        ]),
      );
      continue;
    }
    out[key] = toJsonSchema(value, direction);
  }
  if (Array.isArray(out.required) && out.properties) {
    out.required = out.required.filter(
      (name: string) => out.properties[name] !== false,
    );
  }
  return out;
}

export function resolve(node: Json): Json {
  let current = node;
  while (current?.$ref) {
    const path = String(current.$ref).replace(/^#\//, '').split('/');
    current = path.reduce((n: Json, key: string) => n?.[key], spec);
  }
  return current;
}

/**
 * A property the schema does not list, whichever keyword closed the
 * object: `additionalProperties: false` on a plain object, or
 * `unevaluatedProperties: false` on a composition (`allOf` of the fields
 * and more), as the spec closes resources built from their input's fields.
 */
export function unlistedProperty(error: ErrorObject): string | undefined {
  const params = error.params as {
    additionalProperty?: string;
    unevaluatedProperty?: string;
  };
  return params.additionalProperty ?? params.unevaluatedProperty;
}

export const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const direction of ['response', 'request'] as const) {
  ajv.addSchema(
    {
      $id: SCHEMA_SET[direction],
      schemas: toJsonSchema(spec.components?.schemas ?? {}, direction),
    },
    SCHEMA_SET[direction],
  );
}

/** The spec's path template that `path` matches, e.g. `/v1/actions/{id}`. */
export function templateOf(path: string): string | undefined {
  const templates = Object.keys(spec.paths);
  if (templates.includes(path)) return path;
  return templates.find(template =>
    new RegExp(
      `^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`,
    ).test(path),
  );
}
