import { BenchSize, tierOf } from './benchSizes';

/**
 * The catalog of a size as one multi-document YAML (JSON documents, which
 * are YAML): departments of ten teams, users in teams, systems, and the
 * rest split between components (tiered, with runbook and dashboard links
 * on most), APIs and resources. Deterministic: entity i is the same in
 * every run.
 */
export function benchCatalogDocuments(size: BenchSize): string {
  const docs: object[] = [];
  const departments = Math.max(1, Math.floor(size.groups / 10));
  const teams = size.groups - departments;
  const team = (i: number) => `team-${i % teams}`;
  for (let d = 0; d < departments; d++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `department-${d}` },
      spec: { type: 'department', children: [] },
    });
  }
  for (let t = 0; t < teams; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: {
        type: 'team',
        parent: `department-${t % departments}`,
        children: [],
      },
    });
  }
  // The signed-in user of the bench (guest) is an SRE, as in the demo.
  docs.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sre' },
    spec: { type: 'team', children: [], members: ['gita'] },
  });
  docs.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'gita' },
    spec: { memberOf: ['sre'] },
  });
  for (let u = 0; u < size.users - 1; u++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: `user-${u}` },
      spec: { memberOf: [team(u)] },
    });
  }
  const systems = Math.round(size.entities * 0.03);
  for (let s = 0; s < systems; s++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `system-${s}`,
        annotations: tierOf(s) ? { 'reliability/tier': tierOf(s) } : {},
      },
      spec: { owner: team(s) },
    });
  }
  for (let c = 0; c < size.components; c++) {
    const tier = tierOf(c);
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `service-${c}`,
        annotations: tier ? { 'reliability/tier': tier } : {},
        links:
          c % 3 === 0
            ? []
            : [
                { url: `https://runbooks.example.com/${c}`, type: 'runbook' },
                { url: `https://grafana.example.com/${c}`, type: 'dashboard' },
              ],
      },
      spec: {
        type: 'service',
        lifecycle: c % 10 === 0 ? 'experimental' : 'production',
        owner: c % 97 === 0 ? 'none' : team(c),
        system: `system-${c % systems}`,
      },
    });
  }
  const rest = size.entities - docs.length;
  for (let r = 0; r < rest; r++) {
    const api = r % 3 !== 2;
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: api ? 'API' : 'Resource',
      metadata: {
        name: `${api ? 'api' : 'resource'}-${r}`,
        annotations: tierOf(r) ? { 'reliability/tier': tierOf(r) } : {},
      },
      spec: api
        ? {
            type: 'openapi',
            lifecycle: 'production',
            owner: team(r),
            system: `system-${r % systems}`,
            definition: 'openapi: 3.0.0',
          }
        : { type: 'database', owner: team(r), system: `system-${r % systems}` },
    });
  }
  return docs.map(d => `---\n${JSON.stringify(d)}\n`).join('');
}

/** The team owning component i (as the catalog documents say). */
export function benchOwnerOf(size: BenchSize, c: number): string | null {
  const departments = Math.max(1, Math.floor(size.groups / 10));
  const teams = size.groups - departments;
  return c % 97 === 0 ? null : `group:default/team-${c % teams}`;
}
