import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv from 'ajv';
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
      'openapi.yaml',
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
 * An OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a `null` type,
 * `$ref`s point into the spec's components, which are added as a whole.
 * A property that is `readOnly` (in a request) or `writeOnly` (in a
 * response) must not be sent and is never required.
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
    if (key === 'nullable' || key === 'example' || key === 'xml') continue;
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
  // OpenAPI 3.0's boolean exclusive bounds, as JSON Schema's numeric ones.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof out[exclusive] === 'boolean') {
      if (out[exclusive] && typeof out[bound] === 'number') {
        out[exclusive] = out[bound];
        delete out[bound];
      } else {
        delete out[exclusive];
      }
    }
  }
  if (Array.isArray(out.required) && out.properties) {
    out.required = out.required.filter(
      (name: string) => out.properties[name] !== false,
    );
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

export function resolve(node: Json): Json {
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
export function mergeAllOf(schema: Json): Json {
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

export const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const direction of ['response', 'request'] as const) {
  ajv.addSchema(
    {
      $id: SCHEMA_SET[direction],
      schemas: toJsonSchema(
        mergeAllOf(spec.components?.schemas ?? {}),
        direction,
      ),
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
