import supertest from 'supertest';
import { openApiMismatch } from './openApiResponses';

type Target = Parameters<typeof supertest>[0];

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

/**
 * `supertest(server)` whose every request also checks its response against
 * `openapi.yaml` (documented status, content type and JSON body), so the
 * spec and the code cannot drift: a route test fails when its response is
 * not what the spec promises.
 */
export default function request(target: Target): ReturnType<typeof supertest> {
  const agent = supertest(target);
  for (const method of METHODS) {
    const original = (agent as any)[method].bind(agent);
    (agent as any)[method] = (url: string) => {
      const test = original(url);
      let sent: string | undefined;
      return test.expect((res: supertest.Response) => {
        sent = openApiMismatch({
          method,
          url,
          status: res.status,
          contentType: res.headers['content-type'],
          body: res.body,
        });
        if (sent) throw new Error(sent);
      });
    };
  }
  return agent;
}
