#!/usr/bin/env node
/*
 * Packs every plugin package into the tarball npm would publish:
 * declarations (tsc), a build per package (backstage-cli package build),
 * then `npm pack`, whose prepack/postpack (the Backstage CLI's) point
 * main, types and exports at dist/ for the tarball only.
 *
 *   npm run pack-plugins [-- --out <dir>]     (default: dist-packages/)
 *
 * Each tarball is checked before it is reported: every entry point its
 * package.json names must be in it, and nothing may still point at src/,
 * which is what made the first hand-packed backend crash in a real app.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
// Dependencies first, so that a broken build stops at its cause.
const PACKAGES = [
  'plugins/reliability-common',
  'plugins/reliability-node',
  'plugins/reliability-backend',
  'plugins/reliability-backend-module-demo',
  'plugins/reliability-backend-module-prometheus',
  'plugins/reliability',
];

function parseArgs(argv) {
  const outIndex = argv.indexOf('--out');
  return {
    out: path.resolve(
      outIndex >= 0 ? argv[outIndex + 1] : path.join(root, 'dist-packages'),
    ),
  };
}

function run(command, args, cwd = root) {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

/** The files of a tarball, without npm's `package/` prefix. */
function tarballFiles(tarball) {
  return execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(file => file.replace(/^package\//, ''));
}

function tarballPackageJson(tarball) {
  return JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/** Every path a packed package.json points at, with where it says so. */
function entryPaths(pkg) {
  const paths = [];
  const add = (where, value) => {
    if (typeof value === 'string') paths.push([where, value]);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        // prepack's feature-type hint (`@backstage/BackendFeature`), not a path.
        if (key !== 'backstage') add(`${where}.${key}`, inner);
      }
    }
  };
  add('main', pkg.main);
  add('module', pkg.module);
  add('types', pkg.types);
  // Only the exports: prepack keeps `"./package.json"` as it is.
  add('exports', pkg.exports);
  add('typesVersions', pkg.typesVersions);
  return paths;
}

function checkTarball(tarball) {
  const files = new Set(tarballFiles(tarball));
  const pkg = tarballPackageJson(tarball);
  const problems = [];
  for (const [where, target] of entryPaths(pkg)) {
    const file = target.replace(/^\.\//, '');
    if (/^src\//.test(file)) {
      problems.push(`${where} still points at ${target}`);
    } else if (!files.has(file)) {
      problems.push(
        `${where} points at ${target}, which is not in the tarball`,
      );
    }
  }
  if (pkg.backstage?.role?.startsWith('backend')) {
    if (pkg.configSchema && !files.has(pkg.configSchema)) {
      problems.push(`configSchema ${pkg.configSchema} is not in the tarball`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${path.basename(tarball)}:\n  ${problems.join('\n  ')}`);
  }
  return { name: pkg.name, version: pkg.version, files: files.size };
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(out, { recursive: true });
  // The builds bundle their declarations from dist-types.
  run('npx', ['tsc']);
  for (const dir of PACKAGES) {
    run('npx', ['backstage-cli', 'package', 'build'], path.join(root, dir));
  }
  const packed = [];
  for (const dir of PACKAGES) {
    let output;
    try {
      output = execFileSync(
        'npm',
        ['pack', '--json', '--workspace', dir, '--pack-destination', out],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
    } finally {
      // npm runs postpack only after a pack that worked: otherwise the
      // package.json prepack rewrote to dist/ would stay in the tree.
      if (fs.existsSync(path.join(root, dir, 'package.json-prepack'))) {
        run(
          'npx',
          ['backstage-cli', 'package', 'postpack'],
          path.join(root, dir),
        );
      }
    }
    // prepack's and postpack's own output precedes npm's JSON, which starts
    // a line with its opening bracket.
    const [{ filename }] = JSON.parse(output.slice(output.search(/^\[/m)));
    const tarball = path.join(out, filename);
    packed.push({ tarball, ...checkTarball(tarball) });
  }
  for (const { tarball, name, version, files } of packed) {
    const size = (fs.statSync(tarball).size / 1024).toFixed(0);
    console.log(`${name}@${version}: ${tarball} (${files} files, ${size} KiB)`);
  }
}

main();
