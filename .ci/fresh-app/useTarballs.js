/*
 * Points every dependency on a plugin package, direct or inner (the
 * backend's `^0.1.0` on -common, say), at its packed tarball: one root
 * `resolutions` entry per tarball, `file:` with its absolute path. This
 * stands in for the npm registry, where the packages are not published.
 *
 *   node useTarballs.js <app-dir> <tarball>...
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [app, ...tarballs] = process.argv.slice(2);
const file = path.join(app, 'package.json');
const root = JSON.parse(fs.readFileSync(file, 'utf8'));
root.resolutions = root.resolutions ?? {};
for (const tarball of tarballs.map(t => path.resolve(t))) {
  const { name, version } = JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  root.resolutions[name] = `file:${tarball}`;
  console.log(`${name}@${version} -> ${tarball}`);
}
fs.writeFileSync(file, `${JSON.stringify(root, null, 2)}\n`);
