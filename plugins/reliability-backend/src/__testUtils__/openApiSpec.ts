import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  Direction,
  Json,
  resolveRef,
  specAjv,
  toJsonSchema as toSchema,
  unlistedProperty,
} from '../request/specSchemas';
import fs from 'fs';
import { parse } from 'yaml';

/*
 * openapi.yaml as the route tests check against it: the spec, its
 * schemas as JSON Schema for ajv (one set per direction), path templates.
 */

/** Where the plugin is mounted; paths in the spec are relative to it. */
export const MOUNT = '/api/reliability';

export type { Json };

export const spec: Json = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@reliability-suite/plugin-reliability-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

/** The id of the components' schema set for each direction. */
const SCHEMA_SET: Record<Direction, string> = {
  response: 'spec',
  request: 'specRequest',
};

/** A schema of the spec as ajv compiles it: see `request/specSchemas`. */
export function toJsonSchema(
  schema: Json,
  direction: Direction = 'response',
): Json {
  return toSchema(schema, direction, SCHEMA_SET[direction]);
}

/** The node a local `$ref` of the spec points at. */
export const resolve = (node: Json): Json => resolveRef(spec, node);

export { unlistedProperty };

/** One ajv with the spec's components for both directions. */
export const ajv = specAjv(
  spec,
  (['response', 'request'] as const).map(direction => ({
    setId: SCHEMA_SET[direction],
    direction,
  })),
);

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
