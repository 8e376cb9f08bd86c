import { ErrorObject } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** A part of the OpenAPI document, as JSON. */
export type Json = any;

/**
 * Which side of the exchange a schema describes: OpenAPI's `readOnly`
 * properties are only in responses, `writeOnly` ones only in requests.
 */
export type Direction = 'response' | 'request';

/**
 * A schema of the spec (OpenAPI 3.1, so JSON Schema 2020-12) as ajv
 * compiles it: `$ref`s into the components point at `setId`, the id the
 * components were added under. A property that is `readOnly` (in a
 * request) or `writeOnly` (in a response) must not be sent and is never
 * required.
 */
export function toJsonSchema(
  schema: Json,
  direction: Direction,
  setId: string,
): Json {
  if (Array.isArray(schema)) {
    return schema.map(part => toJsonSchema(part, direction, setId));
  }
  if (!schema || typeof schema !== 'object') return schema;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example' || key === 'xml') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${setId}#/schemas/`);
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, property]) => [
          name,
          (property as Json)?.[hidden] === true
            ? false
            : toJsonSchema(property, direction, setId),
        ]),
      );
      continue;
    }
    out[key] = toJsonSchema(value, direction, setId);
  }
  if (Array.isArray(out.required) && out.properties) {
    out.required = out.required.filter(
      (name: string) => out.properties[name] !== false,
    );
  }
  return out;
}

/** The node a local `$ref` (`#/components/...`) of `spec` points at. */
export function resolveRef(spec: Json, node: Json): Json {
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

/**
 * An ajv for the spec's schemas, with its components added under `setId`
 * for `direction`. `verbose` keeps each error's schema, where the spec's
 * `x-message` (a sentence for a pattern) is read.
 */
export function specAjv(
  spec: Json,
  sets: Array<{ setId: string; direction: Direction }>,
): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv);
  for (const { setId, direction } of sets) {
    ajv.addSchema(
      {
        $id: setId,
        schemas: toJsonSchema(spec.components?.schemas ?? {}, direction, setId),
      },
      setId,
    );
  }
  return ajv;
}
