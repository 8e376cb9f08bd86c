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
    validate = ajv.compile(toJsonSchema(media.schema));
    validators.set(key, validate);
  }
  if (validate(response.body)) return undefined;
  const problems = (validate.errors ?? []).map(error => {
    const extra = unlistedProperty(error);
    // One wording for both keywords that close an object.
    return extra
      ? `body${error.instancePath} must NOT have additional properties ('${extra}')`
      : `body${error.instancePath} ${error.message}`;
  });
  return `${where} ${response.status}: body does not match openapi.yaml: ${[
    ...new Set(problems),
  ].join('; ')}`;
}
