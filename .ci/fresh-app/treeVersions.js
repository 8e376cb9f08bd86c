/*
 * Every package installed in an app's node_modules trees (nested copies
 * and workspace folders included), as { name: { version: copies } }: two
 * copies of one version are two module instances too (two ApiRefs, two
 * React contexts).
 *
 *   node treeVersions.js <app-dir> > versions.json
 */
const fs = require('fs');
const path = require('path');

function walk(nodeModules, found) {
  let entries;
  try {
    entries = fs.readdirSync(nodeModules);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@')
      ? fs.readdirSync(path.join(nodeModules, entry)).map(n => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      const dir = path.join(nodeModules, name);
      try {
        const { version } = JSON.parse(
          fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
        );
        const versions = (found[name] ??= {});
        versions[version] = (versions[version] ?? 0) + 1;
      } catch {
        /* not a package */
      }
      walk(path.join(dir, 'node_modules'), found);
    }
  }
}

const app = path.resolve(process.argv[2]);
const found = {};
walk(path.join(app, 'node_modules'), found);
for (const group of ['packages', 'plugins']) {
  let dirs = [];
  try {
    dirs = fs.readdirSync(path.join(app, group));
  } catch {
    /* no such folder */
  }
  for (const dir of dirs)
    walk(path.join(app, group, dir, 'node_modules'), found);
}
process.stdout.write(`${JSON.stringify(found, null, 1)}\n`);
