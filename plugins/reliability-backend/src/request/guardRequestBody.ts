import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../errors/UnsupportedMediaTypeError';

/** Deepest nesting a JSON body may have; the deepest route body is 6. */
export const MAX_JSON_DEPTH = 32;

/** Longest string anywhere in a JSON body (a postmortem summary is 10,000). */
export const MAX_JSON_STRING = 20_000;

/** Keys that would reach prototypes if any code merged the body. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses request bodies no route should read, before any route parses
 * them, so every route answers them the same way:
 *
 * - a body in another content type than JSON (or CSV where `csvPaths`
 *   takes it) is a 415; without this, express leaves `req.body` empty and
 *   a PATCH sent as `text/plain` became an empty change;
 * - JSON nested deeper than {@link MAX_JSON_DEPTH}, with a string longer
 *   than {@link MAX_JSON_STRING}, a number no JavaScript number holds
 *   exactly (beyond ±2^53 − 1: counts came back rounded) or a key such as
 *   `__proto__` is a 400 naming the field. The walk is iterative: a body
 *   nested 6,000 levels must not exhaust the stack here either.
 *
 * Mount after the body parsers.
 */
export function guardRequestBody(options: { csvPaths: string[] }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!WRITE_METHODS.has(req.method) || !hasBody(req)) {
      next();
      return;
    }
    const csv = options.csvPaths.includes(req.path) && req.is('text/csv');
    if (!req.is('application/json') && !csv) {
      const type = req.header('content-type') ?? 'none';
      throw new UnsupportedMediaTypeError(
        `Unsupported content type '${type}': send the body as application/json${
          options.csvPaths.includes(req.path) ? ' or text/csv' : ''
        }`,
      );
    }
    if (!csv) {
      checkJsonValue(req.body);
    }
    next();
  };
}

/**
 * A value met on the walk. Each keeps its parent, not a copy of its path:
 * a batch of 10,000 measurements must not allocate 40,000 path arrays.
 */
interface Entry {
  value: unknown;
  key?: string;
  parent?: Entry;
  depth: number;
}

/**
 * Throws an InputError naming the first field that breaks the body rules
 * of {@link guardRequestBody}.
 */
export function checkJsonValue(body: unknown): void {
  const stack: Entry[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (typeof value === 'string' && value.length > MAX_JSON_STRING) {
      throw invalid(entry, `must be at most ${MAX_JSON_STRING} characters`);
    }
    if (
      typeof value === 'number' &&
      Math.abs(value) > Number.MAX_SAFE_INTEGER
    ) {
      throw invalid(
        entry,
        `must be at most ${Number.MAX_SAFE_INTEGER} in magnitude`,
      );
    }
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth >= MAX_JSON_DEPTH) {
      throw invalid(entry, `nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    for (const key of Object.keys(value)) {
      const child: Entry = {
        value: (value as Record<string, unknown>)[key],
        key,
        parent: entry,
        depth: depth + 1,
      };
      if (FORBIDDEN_KEYS.has(key)) {
        throw invalid(child, `'${key}' is not a field of this API`);
      }
      stack.push(child);
    }
  }
}

function invalid(entry: Entry, message: string): InputError {
  const path: string[] = [];
  for (let e: Entry | undefined = entry; e?.key !== undefined; e = e.parent) {
    path.unshift(e.key);
  }
  const field = path.length > 0 ? ` '${fieldName(path)}'` : '';
  return new InputError(`Invalid request body${field}: ${message}`);
}

/** Whether a request carries a body, as `type-is` decides it. */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined &&
      req.headers['content-length'] !== '0')
  );
}

/** `a.b.0.c`, shortened in the middle when the path is deep. */
function fieldName(path: string[]): string {
  const name =
    path.length > 8
      ? [...path.slice(0, 4), '…', ...path.slice(-3)].join('.')
      : path.join('.');
  return name.length > 200 ? `${name.slice(0, 200)}…` : name;
}
