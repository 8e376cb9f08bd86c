/*
 * Prints how many cases the bad-input suite (src/service/badInput.test.ts)
 * tries, by method and expected status, and how many routes they cover:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     plugins/reliability-backend/bench/countBadInputCases.ts
 */
import { queryRouteCases } from '../src/__testUtils__/badInput/queryRouteCases';
import { writeRouteCases } from '../src/__testUtils__/badInput/writeRouteCases';

const ids = {
  incidentId: 1,
  actionId: 1,
  reviewId: 1,
  attestationId: 1,
  overrideId: 1,
  budgetExceptionId: 1,
  waiverId: 1,
};
const write = writeRouteCases(ids);
const query = queryRouteCases();
const byKey = new Map<string, number>();
const routes = new Set<string>();
for (const c of [...write, ...query]) {
  const key = `${c.method.toUpperCase()} ${c.status}`;
  byKey.set(key, (byKey.get(key) ?? 0) + 1);
  const path = c.path
    .split('?')[0]
    .replace(/\/entities\/[^/]+\/[^/]+\/[^/]+/, '/entities/{ref}')
    .replace(
      /\/(slos|rotations|overrides|attestations|incidents|actions|reviews|budget-exceptions|waivers)\/(?!import\b)[^/]+/g,
      '/$1/{id}',
    );
  routes.add(`${c.method.toUpperCase()} ${path}`);
}
console.log(
  `${write.length + query.length} cases (write routes ${
    write.length
  }, query parameters ${query.length}) over ${routes.size} routes`,
);
for (const [key, count] of [...byKey].sort()) console.log(`  ${key}: ${count}`);
if (process.argv.includes('--routes'))
  for (const r of [...routes].sort()) console.log(`  ${r}`);
