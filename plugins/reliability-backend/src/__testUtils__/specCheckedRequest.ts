import fs from 'fs';
import supertest from 'supertest';
import {
  CodeOnlyRule,
  openApiRequestMismatch,
  SentRequest,
} from './openApiRequests';
import { openApiMismatch } from './openApiResponses';

type Target = Parameters<typeof supertest>[0];

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

/**
 * Spec-valid requests the server refused with 400 in this test file: rules
 * only the code has. With `$OPENAPI_CODE_ONLY_RULES` naming a file, they
 * are appended to it as JSON lines after the file's tests (to review which
 * belong in the spec); otherwise they are kept quiet.
 */
const codeOnlyRules: CodeOnlyRule[] = [];

if (typeof afterAll === 'function') {
  afterAll(() => {
    const file = process.env.OPENAPI_CODE_ONLY_RULES;
    if (!file || codeOnlyRules.length === 0) return;
    const unique = [
      ...new Map(
        codeOnlyRules.map(rule => [`${rule.operation} ${rule.message}`, rule]),
      ).values(),
    ];
    fs.appendFileSync(
      file,
      unique
        .map(rule =>
          JSON.stringify({ test: expect.getState().testPath, ...rule }),
        )
        .map(line => `${line}\n`)
        .join(''),
    );
  });
}

/** The body superagent puts on the wire for what the test passed to `send`. */
function wireBody(data: unknown, contentType: string): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(data as Record<string, string>).toString();
  }
  return JSON.stringify(data);
}

/** The request a response answers, as it went over the wire. */
function sentRequest(method: string, res: supertest.Response): SentRequest {
  const test = (res as any).request;
  const req = (res as any).req;
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(
    (req?.getHeaders?.() ?? test?._header ?? {}) as Record<string, unknown>,
  )) {
    headers[key.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : String(value);
  }
  return {
    method,
    url: req?.path ?? test?.url,
    headers,
    body: wireBody(test?._data, headers['content-type'] ?? ''),
  };
}

/**
 * `supertest(server)` whose every request and response are checked against
 * `openapi.yaml`, so the spec and the code cannot drift:
 *
 * - the response must be what the spec promises (documented status,
 *   content type and JSON body);
 * - a request the server answered 2xx must conform to the spec (path and
 *   query parameters, declared headers, body): otherwise the server
 *   accepted what the spec refuses, or the spec is too strict;
 * - a request the spec accepts but the server refused with 400 is
 *   collected (see `codeOnlyRules`): a rule only the code has, which
 *   belongs in the spec unless a schema cannot say it.
 */
export default function request(target: Target): ReturnType<typeof supertest> {
  const agent = supertest(target);
  for (const method of METHODS) {
    const original = (agent as any)[method].bind(agent);
    (agent as any)[method] = (url: string) => {
      const test = original(url);
      return test.expect((res: supertest.Response) => {
        const problems: string[] = [];
        const response = openApiMismatch({
          method,
          url,
          status: res.status,
          contentType: res.headers['content-type'],
          body: res.body,
        });
        if (response) problems.push(response);
        const sent = openApiRequestMismatch(
          sentRequest(method, res),
          res.status,
          res.body,
        );
        if (sent && 'mismatch' in sent) problems.push(sent.mismatch);
        if (sent && 'codeOnly' in sent) codeOnlyRules.push(sent.codeOnly);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      });
    };
  }
  return agent;
}
